-- test-stream-pipe-needDrain.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_needDrain.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/pipe_needDrain.js")

describe("test-stream-pipe-needDrain", function()
  -- twin: pauses_at_once
  it("pipe() into a destination that needs drain pauses at once", function()
    local log = {}
    local w = Writable.new({
      write = function(_, _, _, callback) helper.nextTick(callback) end,
      highWaterMark = 1,
    })
    local n = 0
    while w:write("asd") do n = n + 1 end
    helper.put(log, n, w.writableNeedDrain)
    local r = Readable.new({
      read = function(self)
        self:push("asd")
        self:push(nil)
      end,
    })
    r:on("pause", function() helper.put(log, "pause") end)
    r:on("end", function() helper.put(log, "end") end)
    w:on("drain", function() helper.put(log, "drain") end)
    r:pipe(w)
    helper.settle()
    assert.are.same(node.pauses_at_once, twin.strings(log))
  end)
end)
