-- test-stream-writable-finished.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_finished.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_finished.js")

describe("test-stream-writable-finished", function()
  -- twin: finished_state
  it("writableFinished is false while writing, true in 'finish' and the callback", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, "write finished=" .. tostring(w.writableFinished))
      cb()
    end
    w:on("finish", function() helper.put(log, "finish finished=" .. tostring(w.writableFinished)) end)
    w:finish("testing finished state", function()
      helper.put(log, "endcb finished=" .. tostring(w.writableFinished))
    end)
    helper.put(log, "sync finished=" .. tostring(w.writableFinished))
    helper.settle()
    assert.are.same(node.finished_state, log)
  end)

  -- twin: finish_async
  it("'finish' is emitted asynchronously", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w:finish()
    helper.put(log, "sync")
    helper.on(w, log, "finish")
    helper.settle()
    assert.are.same(node.finish_async, log)
  end)
end)
