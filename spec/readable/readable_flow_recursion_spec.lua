-- test-stream-readable-flow-recursion.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_flow_recursion.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_flow_recursion.js")

describe("test-stream-readable-flow-recursion", function()
  -- twin: log, state
  it("read(5000) raises the highWaterMark and reads without recursion", function()
    local log = {}
    local total, reads, depth = 5000, 0, 0
    local r = Readable.new({
      highWaterMark = 2,
      read = function(self, size)
        reads = reads + 1
        helper.put(log, "_read:" .. size)
        size = math.min(size, total)
        total = total - size
        if size == 0 then self:push(nil) else self:push(string.rep("\0", size)) end
      end,
    })
    local flow
    flow = function(size)
      depth = depth + 1
      local chunk = r:read(size)
      if not chunk then
        r:once("readable", helper.guard(function() flow(size) end))
      else
        helper.put(log, "chunk:" .. #chunk)
      end
      depth = depth - 1
    end
    flow(5000)
    helper.settle()
    assert.are.same(node.log, log)
    assert.are.same(node.state, twin.strings({ reads, r.readableHighWaterMark, r.readableLength, depth }))
  end)
end)
