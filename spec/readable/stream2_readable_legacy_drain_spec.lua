-- test-stream2-readable-legacy-drain.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/stream2_readable_legacy_drain.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/readable/stream2_readable_legacy_drain.js")

describe("test-stream2-readable-legacy-drain", function()
  -- twin: always_wait
  it("pipe() into a Writable that always asks to wait", function()
    local log = {}
    local N, reads, writes, buffered, maxBuffered = 256, 0, 0, 0, 0
    local r
    r = Readable.new({
      read = function()
        reads = reads + 1
        if reads == N then r:push(nil) else r:push("\0") end
      end,
    })
    r:on("end", function() helper.put(log, "end") end)
    local w = Writable.new({
      highWaterMark = 1,
      write = function(_, c, _, cb)
        writes = writes + #c
        buffered = buffered + #c
        maxBuffered = math.max(maxBuffered, buffered)
        helper.nextTick(function() buffered = 0; cb() end)
      end,
    })
    w:on("finish", function() helper.put(log, "finish", writes) end)
    r:pipe(w)
    helper.settle()
    assert.are.same(node.always_wait, twin.strings(log))
    assert.are.equal(1, maxBuffered)
  end)
end)
