-- test-stream-pipe-error-handling.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local twin = require("spec.twin")
local node = twin.run("test/twins/pipe/pipe_error_handling.js")

local CHILD_PRELUDE = [[
local uv = require("luv")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable
io.stdout:setvbuf("no")
]]

local Readable = stream.Readable
local Writable = stream.Writable

local child = helper.child

-- The report of an error that ended the child: luv's "Uncaught Error: msg" when
-- raised inside a luv callback, the interpreter's "lua5.4: msg" when uv.run()
-- itself raised it (ticks the main chunk queued are drained as uv.run starts).
local function uncaught(out, msg)
  return out:find("Uncaught Error: " .. msg, 1, true) ~= nil
    or out:find(helper.LUA .. ": " .. msg, 1, true) ~= nil
end

describe("test-stream-pipe-error-handling", function()
  -- twin: source_listener
  it("an 'error' listener on the source catches its error", function()
    local log = {}
    local source = Readable.new({ read = helper.noop })
    local dest = Writable.new({ write = helper.write_ok })
    source:pipe(dest)
    source:on("error", function(err) helper.put(log, "got:" .. err) end)
    source:emit("error", "This stream turned into bacon.")
    helper.settle()
    assert.are.same(node.source_listener, log)
  end)

  -- Written out: node throws ERR_UNHANDLED_ERROR ("Unhandled error. ('bacon')")
  -- for an 'error' emitted with a string and no listener; Lua raises the value.
  it("emit('error') on the source without a listener raises", function()
    local source = Readable.new({ read = helper.noop })
    local dest = Writable.new({ write = helper.write_ok })
    source:pipe(dest)
    local ok, err = pcall(source.emit, source, "error", "bacon")
    assert.are.same({ false, "bacon" }, { ok, err })
    helper.settle()
  end)

  it("the destination's own listener, removed after pipe(), no longer catches", function()
    local out, rc = child(CHILD_PRELUDE .. [[
local r, w = Readable.new(), Writable.new()
function r:_read()
  print("_read")
  local t = uv.new_timer()
  t:start(1, 0, function()
    t:close()
    local ok = pcall(w.emit, w, "error", "fail")
    print(ok and "no throw" or "throw")
    print("destroyed:" .. tostring(w.destroyed) .. ":" .. w:listenerCount("error"))
  end)
end
local function myOnError() print("myOnError") end
w:on("error", myOnError)
r:pipe(w)
w:removeListener("error", myOnError)
uv.run()
print("not reached")
]])
    assert.is_truthy(out:find("_read\nno throw\ndestroyed:true:0\n", 1, true), out)
    assert.is_true(uncaught(out, "fail"), out)
    assert.is_nil(out:find("not reached", 1, true), out)
    assert.is_nil(out:find("myOnError", 1, true), out)
    assert.are_not.equal(0, rc)
    helper.settle()
  end)

  -- twin: other_listener_removed
  it("removing some other listener keeps the user's 'error' listener", function()
    local log = {}
    local r, w = Readable.new(), Writable.new()
    function r:_read()
      helper.put(log, "_read")
      helper.setTimeout(function()
        w:emit("error", "fail")
        helper.put(log, "emitted")
      end, 1)
    end
    w:on("error", function(e) helper.put(log, "onerror:" .. e) end)
    function w:_write() end
    r:pipe(w)
    w:removeListener("error", function() end)
    w:on("close", function() helper.put(log, "close") end)
    helper.settle()
    assert.are.same(node.other_listener_removed, log)
  end)
end)
