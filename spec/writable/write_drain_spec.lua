-- test-stream-write-drain.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-write-drain", function()
  it("no 'drain' once ended", function()
    local log = {}
    local w = Writable.new({
      write = function(self, d, e, cb)
        helper.put(log, "write")
        helper.nextTick(cb)
      end,
      highWaterMark = 1,
    })
    helper.on(w, log, "drain", "finish")
    helper.put(log, "ret=" .. tostring(w:write("asd")))
    w:finish()
    helper.settle()
    assert.are.same({ "write", "ret=false", "finish" }, log)
  end)
end)
