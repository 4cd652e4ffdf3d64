-- test-stream-write-drain.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/write_drain.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/write_drain.js")

describe("test-stream-write-drain", function()
  -- twin: no_drain_once_ended
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
    assert.are.same(node.no_drain_once_ended, log)
  end)
end)
