-- Operations a raise interrupts midway (a replaced method that raises, a
-- memory error, a debug hook's error): what they leave behind stays usable
-- and later calls neither raise from the library's own code nor recurse
-- without end.  Node's answers are from ten-line JS twins (in the comments).
local stream = require("cstream")

local Readable, Writable = stream.Readable, stream.Writable

describe("a raise in the middle of an operation", function()
  -- node: pipe() throws 'no close'; unpipe() then returns with every
  -- listener pipe() had added removed (unpipe 0, error 0, data 0, end 0).
  -- Before the fix, cleanup() removed a 'finish' handler not yet made: the
  -- unpipe raised ERR_INVALID_ARG_TYPE from pipe.lua.
  it("pipe() whose destination's once raises leaves an unpipe that cleans up", function()
    local src = Readable.new({ read = function() end })
    local dest = Writable.new({ write = function(_, _, _, cb) cb() end })
    local once = dest.once
    dest.once = function(self, name, fn)
      if name == "close" then error("no close", 0) end
      return once(self, name, fn)
    end
    local ok, e = pcall(src.pipe, src, dest)
    assert.are.same({ false, "no close" }, { ok, e })
    assert.is_true((pcall(src.unpipe, src, dest)))
    assert.are.same({ 0, 0, 0, 0 }, { dest:listenerCount("unpipe"), dest:listenerCount("error"),
      src:listenerCount("data"), src:listenerCount("end") })
  end)

  -- Lua's method call hands destroy its self again: stream.destroy of the
  -- module (whose destroy is stream.destroy) or of an object whose destroy
  -- comes back to stream.destroy(self) recursed until the C stack ran out
  -- ("stack overflow", found by fuzz/api.lua).
  it("stream.destroy of a value whose destroy comes back to stream.destroy", function()
    assert.is_true((pcall(stream.destroy, stream)))
    local calls = 0
    local o = {}
    function o:destroy(err) calls = calls + 1; stream.destroy(self, err) end
    assert.is_true((pcall(stream.destroy, o)))
    assert.are.equal(1, calls)
  end)

  -- A Lua file has close(): stream.destroy closes it, and one already
  -- closed is destroyed (its close() raised "attempt to use a closed file").
  it("stream.destroy of a Lua file, open and closed", function()
    local f = assert(io.tmpfile())
    stream.destroy(f)
    assert.are.equal("closed file", io.type(f))
    assert.is_true((pcall(stream.destroy, f)))
  end)
end)

-- A debug hook's error lands wherever the hook runs: inside any Lua function
-- the library calls, at any call or return, so inside every C function of
-- the binding that runs Lua.  Each k raises at the k-th hook event of a
-- small workload (a pipe through a Transform, read(n) with an encoding, an
-- own _read, a corked _writev), every k in turn: the raise must reach the
-- pcall as a plain Lua error (never through a core frame: a stream left
-- entered would never be freed, and its thread pointer would dangle), and
-- the library must work afterwards on the streams of the next round.
describe("a debug hook that raises at every point of a workload", function()
  local uv = require("luv")
  local core = require("cstream.core")

  local function workload(out)
    local r = Readable.new({ read = function() end, highWaterMark = 4 })
    local t = stream.Transform.new({ transform = function(_, c, _, cb) cb(nil, c .. "!") end })
    local w = Writable.new({ highWaterMark = 2, write = function(_, c, _, cb) out[#out + 1] = c; cb() end })
    for _, s in ipairs({ r, t, w }) do s:on("error", function() end) end
    r:pipe(t):pipe(w)
    for i = 1, 3 do r:push("abc" .. i) end
    r:push(nil)
    local n = 0
    local r2 = Readable.new({ highWaterMark = 4 })
    r2._read = function(self) n = n + 1; self:push(n < 4 and "é" .. n or nil) end
    r2:on("error", function() end)
    r2:setEncoding("utf8")
    out[#out + 1] = r2:read(2)
    out[#out + 1] = r2:read()
    local w2 = Writable.new({ writev = function(_, cs, cb) out[#out + 1] = #cs; cb() end })
    w2:on("error", function() end)
    w2:cork(); w2:write("a"); w2:write("b"); w2:uncork(); w2:finish("c")
  end

  local function sweep(mask, count)
    local saved = core.uncaught
    core.uncaught = function() end   -- a hook's raise inside a tick
    -- LuaJIT runs no hook inside a compiled trace: the count would vary
    if jit then jit.off() end
    local want = {}
    workload(want)
    uv.run()
    local k, events = 0, math.huge
    while k < events do
      k = k + 1
      local n = 0
      local ok, e = pcall(function()
        debug.sethook(function()
          n = n + 1
          if n == k then debug.sethook(); error("hook " .. k, 0) end
        end, mask, count)
        workload({})
        debug.sethook()
      end)
      debug.sethook()
      if ok then events = n end   -- ran to the end: every point was hit
      assert(ok or e == "hook " .. k, e)
      uv.run()
      local out = {}
      workload(out)
      uv.run()
      assert.are.same(want, out)
    end
    core.uncaught = saved
    if jit then jit.on() end
    collectgarbage()
    return k
  end

  it("at every call", function() assert.is_true(sweep("c", 0) > 100) end)
  it("at every return", function() assert.is_true(sweep("r", 0) > 100) end)
  it("at every 7th instruction", function() assert.is_true(sweep("", 7) > 100) end)
end)
