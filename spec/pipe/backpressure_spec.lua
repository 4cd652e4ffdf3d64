-- test-stream-backpressure.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/pipe/backpressure.js. See spec/README.md.
-- A source pushing far past its highWaterMark in each _read is asked again
-- only once the slow destination drained it: 11 _read calls, 410 writes.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "pipe", "_read calls and writes through a slow destination",
    function(L)
      local pushes, writes = 0, 0
      local rs = Readable.new({ read = function(self)
        L("read", pushes, self.readableLength)
        pushes = pushes + 1
        if pushes == 11 then self:push(nil); return end
        self:push(("\0"):rep(65500))
        for _ = 1, 40 do self:push(("\0"):rep(1024)) end
      end })
      local ws = Writable.new({ write = function(_, _, _, cb) writes = writes + 1; helper.check_immediate(cb) end })
      rs:pipe(ws)
      ws:on("finish", function() L("finish", writes) end)
    end,
  },
}

local node = twin.run("test/twins/pipe/backpressure.js")

describe("test-stream-backpressure", function()
  helper.twin_cases(cases, node, "test/twins/pipe/backpressure.js")
  helper.twin_covers(cases, node)
end)
