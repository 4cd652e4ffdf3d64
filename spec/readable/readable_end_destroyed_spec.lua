-- test-stream-readable-end-destroyed.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_end_destroyed.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_end_destroyed.js")

describe("test-stream-readable-end-destroyed", function()
  -- twin: no_end_after_close
  it("push(nil) after 'close' emits no 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("end", function() helper.put(log, "end") end)
    r:resume()
    r:destroy()
    r:on("close", helper.guard(function() helper.put(log, "close"); r:push(nil) end))
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    helper.settle()
    assert.are.same(node.no_end_after_close, log)
  end)
end)
