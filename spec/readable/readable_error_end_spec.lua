-- test-stream-readable-error-end.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_error_end.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_error_end.js")

describe("test-stream-readable-error-end", function()
  -- twin: error_no_end
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
    assert.are.same(node.error_no_end, log)
  end)
end)
