-- Which properties each class has and their first values: Node's prototypes
-- decide (a Writable has no readable*, a Readable no writable*, a Duplex
-- no writableAborted in Node 20).  Expected values printed by
-- test/twins/binding/props.js (null and undefined are both nil here).
local cs = require("cstream")
local twin = require("spec.twin")

local make = {
  Readable = function() return cs.Readable.new{read = function() end} end,
  Writable = function() return cs.Writable.new{write = function(_, _, _, cb) cb() end} end,
  Duplex = function()
    return cs.Duplex.new{read = function() end, write = function(_, _, _, cb) cb() end}
  end,
  Transform = function()
    return cs.Transform.new{transform = function(_, c, _, cb) cb(nil, c) end}
  end,
}

local expected = {
  Readable = {
    {"readable", true},
    {"readableFlowing", nil},
    {"readableLength", 0},
    {"readableHighWaterMark", 16384},
    {"readableEncoding", nil},
    {"readableEnded", false},
    {"readableObjectMode", false},
    {"readableAborted", false},
    {"readableDidRead", false},
    {"destroyed", false},
    {"closed", false},
    {"errored", nil},
    {"writable", nil},
    {"writableLength", nil},
    {"writableHighWaterMark", nil},
    {"writableEnded", nil},
    {"writableFinished", nil},
    {"writableCorked", nil},
    {"writableNeedDrain", nil},
    {"writableObjectMode", nil},
    {"writableAborted", nil},
    {"allowHalfOpen", nil},
  },
  Writable = {
    {"readable", nil},
    {"readableFlowing", nil},
    {"readableLength", nil},
    {"readableHighWaterMark", nil},
    {"readableEncoding", nil},
    {"readableEnded", nil},
    {"readableObjectMode", nil},
    {"readableAborted", nil},
    {"readableDidRead", nil},
    {"destroyed", false},
    {"closed", false},
    {"errored", nil},
    {"writable", true},
    {"writableLength", 0},
    {"writableHighWaterMark", 16384},
    {"writableEnded", false},
    {"writableFinished", false},
    {"writableCorked", 0},
    {"writableNeedDrain", false},
    {"writableObjectMode", false},
    {"writableAborted", false},
    {"allowHalfOpen", nil},
  },
  Duplex = {
    {"readable", true},
    {"readableFlowing", nil},
    {"readableLength", 0},
    {"readableHighWaterMark", 16384},
    {"readableEncoding", nil},
    {"readableEnded", false},
    {"readableObjectMode", false},
    {"readableAborted", false},
    {"readableDidRead", false},
    {"destroyed", false},
    {"closed", false},
    {"errored", nil},
    {"writable", true},
    {"writableLength", 0},
    {"writableHighWaterMark", 16384},
    {"writableEnded", false},
    {"writableFinished", false},
    {"writableCorked", 0},
    {"writableNeedDrain", false},
    {"writableObjectMode", false},
    {"writableAborted", nil},
    {"allowHalfOpen", true},
  },
  Transform = {
    {"readable", true},
    {"readableFlowing", nil},
    {"readableLength", 0},
    {"readableHighWaterMark", 16384},
    {"readableEncoding", nil},
    {"readableEnded", false},
    {"readableObjectMode", false},
    {"readableAborted", false},
    {"readableDidRead", false},
    {"destroyed", false},
    {"closed", false},
    {"errored", nil},
    {"writable", true},
    {"writableLength", 0},
    {"writableHighWaterMark", 16384},
    {"writableEnded", false},
    {"writableFinished", false},
    {"writableCorked", 0},
    {"writableNeedDrain", false},
    {"writableObjectMode", false},
    {"writableAborted", nil},
    {"allowHalfOpen", true},
  },
}

describe("stream properties", function()
  for _, k in ipairs({"Readable", "Writable", "Duplex", "Transform"}) do
    it(k .. " has Node's properties with Node's first values", function()
      local s = make[k]()
      local got, want = {}, {}
      for i, p in ipairs(expected[k]) do
        want[i] = p[1] .. "=" .. tostring(p[2])
        got[i] = p[1] .. "=" .. tostring(s[p[1]])
      end
      assert.are.same(want, got)
    end)
  end
end)

-- test/twins/binding/transform_hwm.js: a readable highWaterMark of 0 makes
-- the writable one writableHighWaterMark || 0.
describe("Transform highWaterMark rule", function()
  it("gives Node's pairs", function()
    local got = {}
    for _, o in ipairs{{readableHighWaterMark = 0}, {highWaterMark = 0},
                       {readableHighWaterMark = 0, writableHighWaterMark = false},
                       {readableHighWaterMark = 0, writableHighWaterMark = 5},
                       {readableHighWaterMark = 0, highWaterMark = 7}} do
      local t = cs.Transform.new(o)
      got[#got + 1] = t.readableHighWaterMark .. " " .. t.writableHighWaterMark
    end
    assert.are.same(twin.lines("test/twins/binding/transform_hwm.js"), got)
  end)
end)
