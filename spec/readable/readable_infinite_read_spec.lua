-- test-stream-readable-infinite-read.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_infinite_read.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_infinite_read.js")

describe("test-stream-readable-infinite-read", function()
  -- twin: lengths, counts
  it("a _read that always pushes synchronously is bounded by the 'readable' listener", function()
    local log = {}
    local buf = string.rep("\0", 8192)
    local reads = 0
    local r = Readable.new({
      highWaterMark = 16 * 1024,
      read = function(self) reads = reads + 1; self:push(buf) end,
    })
    local i = 0
    r:on("readable", helper.guard(function()
      i = i + 1
      if i - 1 == 10 then
        r:removeAllListeners("readable")
        return
      end
      helper.put(log, #r:read())
    end))
    helper.settle()
    assert.are.same(node.lengths, twin.strings(log))
    assert.are.same(node.counts, twin.strings({ reads, i }))
  end)
end)
