-- test-stream-big-packet.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/big_packet.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/pipe/big_packet.js")

describe("test-stream-big-packet", function()
  -- twin: big_packet
  it("a chunk above highWaterMark is handled whole through a pipe", function()
    local log = {}
    local passed = false
    local PT = Transform:extend()
    function PT:_transform(chunk, _, done)
      self:push(chunk)
      done()
    end
    local TestStream = Transform:extend()
    function TestStream:_transform(chunk, _, done)
      helper.put(log, "t:" .. #chunk)
      if not passed then passed = chunk:find("a", 1, true) ~= nil end
      done()
    end
    local s1, s2, s3 = PT.new(), PT.new(), TestStream.new()
    s1:pipe(s3)
    s2:pipe(s3, { ["end"] = false })
    local big = string.rep("x", s1.writableHighWaterMark + 1)
    helper.put(log, s1:write(big))
    helper.put(log, s2:write("tiny"))
    helper.setImmediate(function() helper.put(log, "later:" .. tostring(s1:write("later"))) end)
    helper.setTimeout(function() helper.put(log, "passed:" .. tostring(passed)) end, 20)
    helper.settle()
    assert.are.same(node.big_packet, twin.strings(log))
  end)
end)
