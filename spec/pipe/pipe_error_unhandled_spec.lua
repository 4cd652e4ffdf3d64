-- test-stream-pipe-error-unhandled.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")

local CHILD_PRELUDE = [[
local uv = require("luv")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable
io.stdout:setvbuf("no")
]]

local child = helper.child

-- The report of an error that ended the child: luv's "Uncaught Error: msg" when
-- raised inside a luv callback, the interpreter's "lua5.4: msg" when uv.run()
-- itself raised it (ticks the main chunk queued are drained as uv.run starts).
local function uncaught(out, msg)
  return out:find("Uncaught Error: " .. msg, 1, true) ~= nil
    or out:find(helper.LUA .. ": " .. msg, 1, true) ~= nil
end

describe("test-stream-pipe-error-unhandled", function()
  it("destroying the destination with an error and no listener ends the process", function()
    local out, rc = child(CHILD_PRELUDE .. [[
local r = Readable.new({ read = function(self) self:push("asd") end })
local w = Writable.new({ autoDestroy = true, write = function() end })
r:pipe(w)
w:destroy("asd")
print("sync end")
uv.run()
print("not reached")
]])
    assert.is_truthy(out:find("^sync end\n"), out)
    assert.is_true(uncaught(out, "asd"), out)
    assert.is_nil(out:find("not reached", 1, true), out)
    assert.are_not.equal(0, rc)
    helper.settle()
  end)
end)
