-- test-stream2-unpipe-leak.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/stream2_unpipe_leak.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/stream2_unpipe_leak.js")

describe("test-stream2-unpipe-leak", function()
  -- twin: no_leak
  it("pipe/unpipe ten times leaves no listeners and the source fills up", function()
    local log = {}
    local TestWriter = Writable:extend()
    function TestWriter:_write(_, _, callback) callback(nil) end
    local dest = TestWriter.new()
    local TestReader = Readable:extend()
    function TestReader:_read() self:push("hallo") end
    local src = TestReader.new({ highWaterMark = 0x10000 })
    for _ = 1, 10 do
      src:pipe(dest)
      src:unpipe(dest)
    end
    helper.put(log, src:listenerCount("end"), src:listenerCount("readable"), src:listenerCount("data"),
      dest:listenerCount("unpipe"), dest:listenerCount("drain"), dest:listenerCount("error"),
      dest:listenerCount("close"), dest:listenerCount("finish"))
    helper.setTimeout(function()
      helper.put(log, src.readableLength >= src.readableHighWaterMark, src.readableLength,
        src.readableFlowing)
    end, 20)
    helper.settle()
    assert.are.same(node.no_leak, twin.strings(log))
  end)
end)
