-- test-stream-writable-aborted.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_aborted.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- writableAborted is not in API.md §7's list; Node 20 has it.
local node = twin.run("test/twins/writable/writable_aborted.js")

describe("test-stream-writable-aborted", function()
  -- twin: destroy_before_end
  it("destroy() before finish() aborts", function()
    local w = Writable.new({ write = function() end })
    local a = w.writableAborted
    w:destroy()
    helper.settle()
    assert.are.same(node.destroy_before_end, twin.strings({ a, w.writableAborted }))
  end)

  -- twin: destroy_after_end
  it("destroy() after finish() but before 'finish' aborts", function()
    local w = Writable.new({ write = function() end })
    local a = w.writableAborted
    w:finish()
    w:destroy()
    helper.settle()
    assert.are.same(node.destroy_after_end, twin.strings({ a, w.writableAborted }))
  end)

  -- twin: finished_not_aborted
  it("a finished stream is not aborted", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w:finish()
    w:on("close", function() helper.put(log, "close aborted=" .. tostring(w.writableAborted)) end)
    helper.settle()
    assert.are.same(node.finished_not_aborted, log)
  end)
end)
