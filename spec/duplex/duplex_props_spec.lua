-- test-stream-duplex-props.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Duplex = stream.Duplex

describe("test-stream-duplex-props", function()
  it("objectMode and highWaterMark apply to both sides", function()
    local d = Duplex.new({ objectMode = true, highWaterMark = 100 })
    assert.are.same({ true, 100, true, 100 }, { d.writableObjectMode,
      d.writableHighWaterMark, d.readableObjectMode, d.readableHighWaterMark })
    helper.settle()
  end)

  it("readable*/writable* options set each side", function()
    local d = Duplex.new({
      readableObjectMode = false, readableHighWaterMark = 10,
      writableObjectMode = true, writableHighWaterMark = 100,
    })
    assert.are.same({ true, 100, false, 10 }, { d.writableObjectMode,
      d.writableHighWaterMark, d.readableObjectMode, d.readableHighWaterMark })
    helper.settle()
  end)
end)
