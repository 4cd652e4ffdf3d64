-- test-stream2-large-read-stall.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/stream2_large_read_stall.js. See spec/README.md.
-- read(n) of exactly what is left still lets 'end' come.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "stall", "1000 pushes of 20 bytes read 100 at a time",
    function(L)
      local r = Readable.new({ highWaterMark = 50 })
      local pushes, reads, readables = 0, 0, 0
      local function push()
        if pushes > 1000 then return end
        pushes = pushes + 1
        if pushes == 1001 then return r:push(nil) end
        if r:push(("\0"):rep(20)) then helper.setTimeout(push, 1) end
      end
      r._read = push
      r:on("readable", function()
        readables = readables + 1
        local ret
        repeat
          ret = r:read(100)
          if ret then reads = reads + 1 end
        until not (ret and #ret == 100)
      end)
      r:on("end", function() L("end", pushes, reads, readables) end)
    end,
  },
}

local node = twin.run("test/twins/readable/stream2_large_read_stall.js")

describe("test-stream2-large-read-stall", function()
  helper.twin_cases(cases, node, "test/twins/readable/stream2_large_read_stall.js")
  helper.twin_covers(cases, node)
end)
