-- test-stream-writable-aborted.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

-- writableAborted is not in API.md §7's list; Node 20 has it.
describe("test-stream-writable-aborted", function()
  it("destroy() before finish() aborts", function()
    local w = Writable.new({ write = function() end })
    local a = w.writableAborted
    w:destroy()
    helper.settle()
    assert.are.same({ false, true }, { a, w.writableAborted })
  end)

  it("destroy() after finish() but before 'finish' aborts", function()
    local w = Writable.new({ write = function() end })
    local a = w.writableAborted
    w:finish()
    w:destroy()
    helper.settle()
    assert.are.same({ false, true }, { a, w.writableAborted })
  end)

  it("a finished stream is not aborted", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w:finish()
    w:on("close", function() helper.put(log, "close aborted=" .. tostring(w.writableAborted)) end)
    helper.settle()
    assert.are.same({ "close aborted=false" }, log)
  end)
end)
