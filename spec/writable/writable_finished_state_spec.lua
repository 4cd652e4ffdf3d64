-- test-stream-writable-finished-state.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_finished_state.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_finished_state.js")

describe("test-stream-writable-finished-state", function()
  -- twin: finished_flips
  it("_writableState.finished (writableFinished) flips before 'finish'", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, tostring(w.writableFinished))
      cb()
    end
    w:on("finish", function() helper.put(log, "finish:" .. tostring(w.writableFinished)) end)
    w:finish("testing finished state", function() helper.put(log, "cb:" .. tostring(w.writableFinished)) end)
    helper.settle()
    assert.are.same(node.finished_flips, log)
  end)
end)
