-- test-stream-catch-rejections.js (Node 20's test/parallel/), translated; see spec/README.md.



describe("test-stream-catch-rejections", function()
  pending("skipped: about promise rejections from async listeners; Lua has no promises")
end)
