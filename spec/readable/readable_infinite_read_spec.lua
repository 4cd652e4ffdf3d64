-- test-stream-readable-infinite-read.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-infinite-read", function()
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
    assert.are.same({ 16384, 24576, 24576, 24576, 24576, 24576, 24576, 24576, 24576, 24576 }, log)
    assert.are.same({ 31, 11 }, { reads, i })
  end)
end)
