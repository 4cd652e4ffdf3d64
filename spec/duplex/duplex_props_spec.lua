-- test-stream-duplex-props.js (Node 20's test/parallel/), translated; sequences from test/twins/duplex/duplex_props.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

local node = twin.run("test/twins/duplex/duplex_props.js")

describe("test-stream-duplex-props", function()
  -- twin: both_sides
  it("objectMode and highWaterMark apply to both sides", function()
    local d = Duplex.new({ objectMode = true, highWaterMark = 100 })
    assert.are.same(node.both_sides, twin.strings({ d.writableObjectMode,
      d.writableHighWaterMark, d.readableObjectMode, d.readableHighWaterMark }))
    helper.settle()
  end)

  -- twin: each_side
  it("readable*/writable* options set each side", function()
    local d = Duplex.new({
      readableObjectMode = false, readableHighWaterMark = 10,
      writableObjectMode = true, writableHighWaterMark = 100,
    })
    assert.are.same(node.each_side, twin.strings({ d.writableObjectMode,
      d.writableHighWaterMark, d.readableObjectMode, d.readableHighWaterMark }))
    helper.settle()
  end)
end)
