-- test-stream-pipe-after-end.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_after_end.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/pipe_after_end.js")

describe("test-stream-pipe-after-end", function()
  -- twin: ended_source
  it("piping a Readable that already ended still ends the destination", function()
    local log = {}
    local TestReadable = Readable:extend()
    function TestReadable:initialize() self.ended_ = false end
    function TestReadable:_read()
      if self.ended_ then self:emit("error", "_read called twice") end
      self.ended_ = true
      self:push(nil)
    end
    local TestWritable = Writable:extend()
    function TestWritable:initialize() self.written = {} end
    function TestWritable:_write(chunk, _, cb)
      self.written[#self.written + 1] = chunk
      cb()
    end
    local ender = TestReadable.new()
    local piper = TestReadable.new()
    helper.put(log, helper.nullstr(piper:read()))
    piper:on("end", function() helper.put(log, "piper end") end)
    helper.setTimeout(function()
      ender:on("end", function() helper.put(log, "ender end") end)
      helper.put(log, helper.nullstr(ender:read()))
      local w = TestWritable.new()
      w:on("finish", function() helper.put(log, "finish:" .. #w.written) end)
      piper:pipe(w)
      helper.put(log, "piped")
    end, 1)
    helper.settle()
    assert.are.same(node.ended_source, log)
  end)
end)
