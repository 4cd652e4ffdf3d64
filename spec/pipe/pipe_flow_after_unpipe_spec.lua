-- test-stream-pipe-flow-after-unpipe.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_flow_after_unpipe.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/pipe_flow_after_unpipe.js")

describe("test-stream-pipe-flow-after-unpipe", function()
  -- twin: unblocks
  it("unpipe() un-blocks a source waiting on a write that never finishes", function()
    local log = {}
    local reads, writes, chunks = 0, 0, 0
    local rs, ws
    rs = Readable.new({
      highWaterMark = 1,
      read = function()
        reads = reads + 1
        rs:push("foo")
      end,
    })
    ws = Writable.new({
      highWaterMark = 1,
      write = function()
        writes = writes + 1
        helper.setImmediate(function() rs:unpipe(ws) end)
      end,
    })
    rs:on("data", function()
      chunks = chunks + 1
      if chunks >= 20 then rs:pause() end
    end)
    rs:pipe(ws)
    -- Node's test counts at exit (mustCallAtLeast), not at a deadline: the
    -- pause at 20 chunks leaves nothing pending, so the loop ends there.
    helper.settle()
    helper.put(log, "reads>=20:" .. tostring(reads >= 20), "writes:" .. writes,
      "chunks:" .. chunks, rs:isPaused())
    assert.are.same(node.unblocks, twin.strings(log))
  end)
end)
