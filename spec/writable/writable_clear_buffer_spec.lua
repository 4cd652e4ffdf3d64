-- test-stream-writable-clear-buffer.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-clear-buffer", function()
  it("writableLength counts down as corked object writes complete", function()
    local log = {}
    local w = Writable.new({
      objectMode = true,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        helper.setImmediate(cb)
      end,
    })
    w:cork()
    for i = 1, 5 do
      w:write(i, function() helper.put(log, ("cb%d len=%d"):format(i, w.writableLength)) end)
    end
    helper.put(log, "len=" .. w.writableLength)
    w:finish()
    helper.on(w, log, "finish")
    helper.settle()
    assert.are.same({ "len=5", "write:1", "write:2", "cb1 len=4", "write:3", "cb2 len=3",
      "write:4", "cb3 len=2", "write:5", "cb4 len=1", "cb5 len=0", "finish" }, log)
  end)
end)
