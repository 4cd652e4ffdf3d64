-- test-stream-transform-split-highwatermark.js (Node 20's test/parallel/), translated; sequences from test/twins/transform/transform_split_highwatermark.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local Transform = stream.Transform
local PassThrough = stream.PassThrough

local node = twin.run("test/twins/transform/transform_split_highwatermark.js")

describe("test-stream-transform-split-highwatermark", function()
  local function hwm(opts)
    local t = Transform.new(opts)
    return t.readableHighWaterMark .. "/" .. t.writableHighWaterMark
  end

  -- twin: split_options
  it("readableHighWaterMark / writableHighWaterMark set each side", function()
    assert.are.same(node.split_options, {
      hwm({ readableHighWaterMark = 666 }),
      hwm({ writableHighWaterMark = 777 }),
      hwm({ readableHighWaterMark = 666, writableHighWaterMark = 777 }),
    })
    helper.settle()
  end)

  -- twin: highwatermark_overrides
  it("highWaterMark overrides both", function()
    assert.are.same(node.highwatermark_overrides, {
      hwm({ highWaterMark = 555, readableHighWaterMark = 666 }),
      hwm({ highWaterMark = 555, writableHighWaterMark = 777 }),
      hwm({ highWaterMark = 555, readableHighWaterMark = 666, writableHighWaterMark = 777 }),
    })
    helper.settle()
  end)

  -- twin: undefined_defaults
  it("nil options fall back to the defaults", function()
    assert.are.same(node.undefined_defaults, {
      hwm({ readableHighWaterMark = nil }),
      hwm({ writableHighWaterMark = nil }),
      hwm({ highWaterMark = nil, readableHighWaterMark = 666 }),
      hwm({ highWaterMark = nil, writableHighWaterMark = 777 }),
    })
    helper.settle()
  end)

  -- twin: zero
  it("a readable highWaterMark of 0 drops writable buffering to 0 unless given", function()
    local P = PassThrough.new({ highWaterMark = 0 })
    local Dx = stream.Duplex.new({ readableHighWaterMark = 0 })
    assert.are.same(node.zero, {
      hwm({ highWaterMark = 0 }),
      hwm({ readableHighWaterMark = 0 }),
      hwm({ readableHighWaterMark = 0, writableHighWaterMark = 5 }),
      hwm({ highWaterMark = 0, writableHighWaterMark = 5 }),
      hwm({ objectMode = true, readableHighWaterMark = 0 }),
      hwm({ writableHighWaterMark = 0 }),
      P.readableHighWaterMark .. "/" .. P.writableHighWaterMark,
      Dx.readableHighWaterMark .. "/" .. Dx.writableHighWaterMark,
    })
    helper.settle()
  end)

  -- twin: nan
  it("NaN is ERR_INVALID_ARG_VALUE", function()
    local codes = {}
    for _, k in ipairs({ "readableHighWaterMark", "writableHighWaterMark" }) do
      local ok, err = pcall(Transform.new, { [k] = 0 / 0 })
      helper.put(codes, ok and "no raise" or helper.errtext(err, "null"))
    end
    assert.are.same(node.nan, codes)
    helper.settle()
  end)

  -- twin: non_duplex_ignore
  it("non-Duplex streams ignore the split options", function()
    local r = Readable.new({ readableHighWaterMark = 666 })
    local w = Writable.new({ writableHighWaterMark = 777 })
    assert.are.same(node.non_duplex_ignore, twin.strings({ r.readableHighWaterMark, w.writableHighWaterMark }))
    helper.settle()
  end)
end)
