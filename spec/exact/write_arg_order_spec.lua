-- The order of write()'s argument checks (Node's _write).
-- Its JS twin is test/twins/exact/write_arg_order.js; the spec asserts the
-- whole log node v20 printed for it, read from write_arg_order.expected (spec/twin.lua).
-- See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

describe("node-exact: the order of write()'s argument checks (Node's _write)", function()
  -- test/twins/exact/write_arg_order.js
  it("null, then the encoding (byte mode), then the chunk type, then ending, then destroyed",
  function()
    local log = {}
    local function mk(o)
      o.write = function(_, c, e, cb)
        helper.put(log, "  _write " .. tostring(c) .. " " .. (e == nil and "undefined" or e))
        cb()
      end
      local w = Writable.new(o)
      w:on("error", function(e) helper.put(log, "  error " .. e.code) end)
      return w
    end
    local function T(tag, f)
      local ok, r = pcall(f)
      if ok then
        helper.put(log, tag .. " -> " .. (stream.isStream(r) and "stream" or tostring(r)))
      else
        helper.put(log, tag .. " throws " .. tostring(type(r) == "table" and r.code or r))
      end
    end
    local cases = {
      { 'write(true, "bogus")', {}, function(w) return w:write(true, "bogus") end },
      { 'write(null, "bogus")', {}, function(w) return w:write(nil, "bogus") end },
      { 'object write(null, "bogus")', { objectMode = true },
        function(w) return w:write(nil, "bogus") end },
      { 'object write(1, "utf8")', { objectMode = true }, function(w) return w:write(1, "utf8") end },
      { 'object write(1, "latin1")', { objectMode = true },
        function(w) return w:write(1, "latin1") end },
      { "object write(1)", { objectMode = true }, function(w) return w:write(1) end },
      { 'ended write("a", "bogus")', {}, function(w) w:finish(); return w:write("a", "bogus") end },
      { "ended write(true)", {}, function(w) w:finish(); return w:write(true) end },
      { "ended write(null)", {}, function(w) w:finish(); return w:write(nil) end },
      { "destroyed write(true)", {}, function(w) w:destroy(); return w:write(true) end },
      { 'destroyed write("a", "bogus")', {},
        function(w) w:destroy(); return w:write("a", "bogus") end },
      { 'destroyed write("a")', {}, function(w) w:destroy(); return w:write("a") end },
      { 'ended+destroyed write("a")', {},
        function(w) w:finish(); w:destroy(); return w:write("a") end },
      { 'write("a", "UTF8")', {}, function(w) return w:write("a", "UTF8") end },
      { 'hex default write("616263", "")', { defaultEncoding = "hex" },
        function(w) return w:write("616263", "") end },
      { 'end(true, "bogus")', {}, function(w) return w:finish(true, "bogus") end },
      { "end(true)", {}, function(w) return w:finish(true) end },
      { 'end("a", "bogus")', {}, function(w) return w:finish("a", "bogus") end },
      { "ended end(true)", {}, function(w) w:finish(); return w:finish(true) end },
      { 'ended end("a")', {}, function(w) w:finish(); return w:finish("a") end },
    }
    local i = 0
    local function nxt()
      i = i + 1
      local c = cases[i]
      if not c then return end
      local w = mk(c[2])
      T(c[1], function() return c[3](w) end)
      helper.setTimeout(nxt, 2)
    end
    nxt()
    helper.settle()
    assert.are.same(twin.lines("test/twins/exact/write_arg_order.js"), log)
  end)

  it("declared: write(s, 'buffer') writes s as bytes (node throws for a string)", function()
    -- A Lua string is also Node's Buffer, and write(buffer, 'buffer') is valid
    -- in Node; pipe() relies on it (docs/API.md, Differences from Node 20).
    local got = {}
    local w = Writable.new({ defaultEncoding = "hex", write = function(_, c, e, cb)
      helper.put(got, c, e)
      cb()
    end })
    assert.is_true(w:write("ab", "buffer"))
    w:finish()
    helper.settle()
    assert.are.same({ "ab", "buffer" }, got)
  end)
end)
