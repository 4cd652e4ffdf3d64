-- test-stream2-read-sync-stack.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/stream2_read_sync_stack.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/stream2_read_sync_stack.js")

describe("test-stream2-read-sync-stack", function()
  -- twin: no_overflow
  it("256k synchronous 1-byte pushes do not overflow the stack", function()
    local log = {}
    local N = 256 * 1024
    local reads, readables = 0, 0
    local r
    r = Readable.new({
      read = function()
        reads = reads + 1
        if reads - 1 == N then r:push(nil) else r:push("\0") end
      end,
    })
    r:on("readable", helper.guard(function() readables = readables + 1; r:read(N * 2) end))
    r:on("end", function() helper.put(log, "end", reads, r.readableLength) end)
    r:read(0)
    helper.settle(20000)
    assert.are.same(node.no_overflow, twin.strings(log))
    assert.are.equal(3, readables)
  end)
end)
