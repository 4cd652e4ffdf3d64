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
end)
