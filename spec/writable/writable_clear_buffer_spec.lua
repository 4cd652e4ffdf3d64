-- test-stream-writable-clear-buffer.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable
local twin = require("spec.twin")
local node = twin.run("test/twins/writable/writable_clear_buffer.js")

describe("test-stream-writable-clear-buffer", function()
  -- twin: corked_count_down
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
    assert.are.same(node.corked_count_down, log)
  end)
end)
