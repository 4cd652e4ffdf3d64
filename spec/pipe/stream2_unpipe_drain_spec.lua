-- test-stream2-unpipe-drain.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/stream2_unpipe_drain.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local function zeros(n) return string.rep("\0", n) end

local node = twin.run("test/twins/pipe/stream2_unpipe_drain.js")

describe("test-stream2-unpipe-drain", function()
  -- twin: reads_twice
  it("unpiping one of two sources from a stuck destination reads each twice", function()
    local log = {}
    local TestWriter = Writable:extend()
    function TestWriter:_write(buffer) helper.put(log, "write:" .. #buffer) end -- never calls back
    local dest = TestWriter.new()
    local TestReader = Readable:extend()
    function TestReader:initialize() self.reads = 0 end
    function TestReader:_read(size)
      self.reads = self.reads + 1
      self:push(zeros(size))
    end
    local src1, src2 = TestReader.new(), TestReader.new()
    src1:pipe(dest)
    src1:once("readable", function()
      helper.nextTick(function()
        src2:pipe(dest)
        src2:once("readable", function()
          helper.nextTick(function() src1:unpipe(dest) end)
        end)
      end)
    end)
    helper.setTimeout(function() helper.put(log, "reads:" .. src1.reads .. ":" .. src2.reads) end, 20)
    helper.settle()
    assert.are.same(node.reads_twice, log)
  end)
end)
