-- highWaterMark options (Node's getHighWaterMark).
-- Its JS twin is test/twins/exact/highwatermark_options.js; the spec asserts the
-- whole log node v20 printed for it, read from highwatermark_options.expected (spec/twin.lua).
-- See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

describe("node-exact: highWaterMark options (Node's getHighWaterMark)", function()
  -- test/twins/exact/highwatermark_options.js

  it("raises ERR_INVALID_ARG_VALUE naming the key and the value as node does", function()
    local vals = { { '"16"', "16" }, { '"abc"', "abc" }, { "true", true }, { "-1", -1 },
      { "NaN", 0 / 0 }, { "Infinity", math.huge }, { "1.5", 1.5 }, { "0", 0 }, { "16", 16 },
      { "2^31", 2 ^ 31 } }
    local combos = { { "Readable", "highWaterMark" }, { "Writable", "highWaterMark" },
      { "Duplex", "highWaterMark" }, { "Duplex", "readableHighWaterMark" },
      { "Duplex", "writableHighWaterMark" }, { "Transform", "writableHighWaterMark" },
      { "Readable", "readableHighWaterMark" }, { "Writable", "writableHighWaterMark" } }
    local lines = {}
    local function V(x) return x == nil and "nil" or tostring(x) end
    local function try(cls, label, opts)
      local ok, s = pcall(stream[cls].new, opts)
      if ok then
        lines[#lines + 1] = table.concat({ cls, label, "ok", V(s.readableHighWaterMark),
          V(s.writableHighWaterMark) }, " ")
        s:destroy()
      else
        lines[#lines + 1] = table.concat({ cls, label, s.code, s.message }, " ")
      end
    end
    for _, kv in ipairs(vals) do
      for _, ck in ipairs(combos) do
        try(ck[1], ck[2] .. " " .. kv[1], { [ck[2]] = kv[2] })
      end
    end
    try("Duplex", "highWaterMark=5,readableHighWaterMark=x",
      { highWaterMark = 5, readableHighWaterMark = "x" })
    try("Duplex", "readableHighWaterMark=-1,writableHighWaterMark=x",
      { readableHighWaterMark = -1, writableHighWaterMark = "x" })
    try("Duplex", "readableHighWaterMark=1,writableHighWaterMark=x",
      { readableHighWaterMark = 1, writableHighWaterMark = "x" })
    try("Transform", "highWaterMark=0,writableHighWaterMark=5",
      { highWaterMark = 0, writableHighWaterMark = 5 })
    try("Transform", "readableHighWaterMark=0,writableHighWaterMark=NaN",
      { readableHighWaterMark = 0, writableHighWaterMark = 0 / 0 })
    try("Transform", "readableHighWaterMark=0,writableHighWaterMark=-1",
      { readableHighWaterMark = 0, writableHighWaterMark = -1 })
    try("Duplex", "readableHighWaterMark=0,writableHighWaterMark=NaN",
      { readableHighWaterMark = 0, writableHighWaterMark = 0 / 0 })
    assert.are.same(twin.lines("test/twins/exact/highwatermark_options.js"), lines)
    helper.settle()
  end)

  it("a Writable ignores the encoding option (node never reads it)", function()
    local w = Writable.new({ encoding = "bogus", write = helper.write_ok })
    assert.is_true(stream.isStream(w))
    w:destroy()
    helper.settle()
  end)
end)
