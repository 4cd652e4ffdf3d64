-- test-stream-readable-error-end.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-error-end", function()
  it("destroy(err) after push(nil) emits 'error' and no 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function() helper.put(log, "data") end)
    r:on("end", function() helper.put(log, "end") end)
    r:on("error", function(e) helper.put(log, "error:" .. tostring(e)) end)
    r:on("close", function() helper.put(log, "close") end)
    r:push("asd")
    r:push(nil)
    r:destroy("kaboom")
    helper.settle()
    assert.are.same({ "data", "error:kaboom", "close" }, log)
  end)
end)
