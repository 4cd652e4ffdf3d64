-- test-stream-set-default-hwm.js (Node 20's test/parallel/), translated:
-- getDefaultHighWaterMark/setDefaultHighWaterMark. Each case's sequence is
-- what node v20 printed for the same case of the JS twin
-- test/twins/duplex/utilities.js, read from its .expected (spec/twin.lua).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Transform = stream.Readable, stream.Writable, stream.Transform

local cases = {
  { "default_hwm", "setDefaultHighWaterMark applies to streams made afterwards",
    function(L)
      L("defaults " .. stream.getDefaultHighWaterMark(false) .. " " .. stream.getDefaultHighWaterMark(true))
      stream.setDefaultHighWaterMark(false, 32 * 1000)
      stream.setDefaultHighWaterMark(true, 32)
      L("set " .. stream.getDefaultHighWaterMark(false) .. " " .. stream.getDefaultHighWaterMark(true))
      local t = Transform.new({ transform = function() end })
      L("w " .. Writable.new({ write = function() end }).writableHighWaterMark,
        "r " .. Readable.new({ read = function() end }).readableHighWaterMark,
        "t " .. t.writableHighWaterMark .. "/" .. t.readableHighWaterMark,
        "objects " .. Readable.new({ objectMode = true }).readableHighWaterMark,
        "explicit " .. Readable.new({ highWaterMark = 3 }).readableHighWaterMark,
        "from " .. Readable.from({ 1 }).readableHighWaterMark)
      stream.setDefaultHighWaterMark(false, 16384)
      stream.setDefaultHighWaterMark(true, 16)
      L("restored " .. Readable.new().readableHighWaterMark .. " " ..
        Readable.new({ objectMode = true }).readableHighWaterMark)
    end,
  },

  { "default_hwm_validation", "the value is validated as Node's validateInteger(value, 'value', 0)",
    function(L)
      for _, c in ipairs({ { "-1", -1 }, { "1.5", 1.5 }, { "NaN", 0 / 0 }, { "Infinity", math.huge },
                           { "string", "16" }, { "nil", nil }, { "boolean", true },
                           { "2^53", 2 ^ 53 }, { "2^53-1", 2 ^ 53 - 1 }, { "0", 0 } }) do
        local ok, e = pcall(stream.setDefaultHighWaterMark, false, c[2])
        -- %.17g: every integer up to 2^53 in digits, on LuaJIT's doubles too
        L(c[1] .. " " .. (ok and "ok" or e.code) .. " " .. ("%.17g"):format(stream.getDefaultHighWaterMark(false)))
      end
      stream.setDefaultHighWaterMark(false, 16384)
    end,
  },
}

-- What node v20 printed for each case (test/twins/duplex/utilities.js).
local node = twin.run("test/twins/duplex/utilities.js")

describe("setDefaultHighWaterMark (test-stream-set-default-hwm.js)", function()
  helper.twin_cases(cases, node, "test/twins/duplex/utilities.js", function()
    finally(function()
      stream.setDefaultHighWaterMark(false, 16384)
      stream.setDefaultHighWaterMark(true, 16)
    end)
  end)
end)
