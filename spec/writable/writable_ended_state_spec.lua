-- test-stream-writable-ended-state.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_ended_state.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_ended_state.js")

describe("test-stream-writable-ended-state", function()
  -- twin: ended_state
  it("writableEnded and writable around finish()", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, ("write ended=%s writable=%s"):format(tostring(w.writableEnded), tostring(w.writable)))
      cb()
    end
    helper.put(log, ("ended=%s writable=%s"):format(tostring(w.writableEnded), tostring(w.writable)))
    local r = w:finish("testing ended state", function()
      helper.put(log, ("endcb ended=%s writable=%s"):format(tostring(w.writableEnded), tostring(w.writable)))
    end)
    helper.put(log, ("self=%s ended=%s writable=%s"):format(tostring(r == w), tostring(w.writableEnded),
      tostring(w.writable)))
    helper.settle()
    assert.are.same(node.ended_state, log)
  end)
end)
