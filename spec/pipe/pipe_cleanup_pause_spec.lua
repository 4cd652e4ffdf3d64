-- test-stream-pipe-cleanup-pause.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_cleanup_pause.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local function zeros(n) return string.rep("\0", n) end

local node = twin.run("test/twins/pipe/pipe_cleanup_pause.js")

describe("test-stream-pipe-cleanup-pause", function()
  -- twin: repipe_in_write
  it("unpipe + pipe from inside _write moves the flow to the new destination", function()
    local log = {}
    local reader = Readable.new()
    local writer1 = Writable.new()
    local writer2 = Writable.new()
    local buffer = zeros(560000)
    function reader:_read() end
    function writer1:_write(chunk, _, cb)
      helper.put(log, "w1:" .. #chunk)
      self:emit("chunk-received")
      cb()
    end
    writer1:once("chunk-received", function()
      reader:unpipe(writer1)
      reader:pipe(writer2)
      reader:push(buffer)
      helper.setImmediate(function()
        reader:push(buffer)
        helper.setImmediate(function() reader:push(buffer) end)
      end)
    end)
    function writer2:_write(chunk, _, cb)
      helper.put(log, "w2:" .. #chunk)
      cb()
    end
    reader:pipe(writer1)
    reader:push(buffer)
    helper.settle()
    assert.are.same(node.repipe_in_write, log)
  end)
end)
