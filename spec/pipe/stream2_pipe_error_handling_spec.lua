-- test-stream2-pipe-error-handling.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local twin = require("spec.twin")
local node = twin.run("test/twins/pipe/stream2_pipe_error_handling.js")

local CHILD_PRELUDE = [[
local uv = require("luv")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable
io.stdout:setvbuf("no")
]]

local Readable = stream.Readable
local Writable = stream.Writable
local function zeros(n) return string.rep("\0", n) end

local child = helper.child

-- The report of an error that ended the child: luv's "Uncaught Error: msg" when
-- raised inside a luv callback, the interpreter's "lua5.4: msg" when uv.run()
-- itself raised it (ticks the main chunk queued are drained as uv.run starts).
local function uncaught(out, msg)
  return out:find("Uncaught Error: " .. msg, 1, true) ~= nil
    or out:find(helper.LUA .. ": " .. msg, 1, true) ~= nil
end

describe("test-stream2-pipe-error-handling", function()
  local function setup()
    local count = 1000
    local source = Readable.new()
    function source:_read(n)
      n = math.min(count, n)
      count = count - n
      source:push(zeros(n))
    end
    local seen = {}
    source.unpipe = function(self, d)
      seen.unpipedDest = d
      return Readable.unpipe(self, d)
    end
    local dest = Writable.new()
    function dest:_write(_, _, cb) cb() end
    source:pipe(dest)
    return source, dest, seen
  end

  -- twin: dest_listener
  it("an error on the destination unpipes it and reaches its listener", function()
    local log = {}
    local source, dest, seen = setup()
    dest:on("error", function(err) helper.put(log, "got:" .. err) end)
    dest:on("unpipe", function(src) seen.unpipedSource = src end)
    local ok = pcall(dest.emit, dest, "error", "bacon")
    helper.put(log, ok and "no throw" or "throw")
    helper.put(log, seen.unpipedSource == source, seen.unpipedDest == dest, dest.destroyed)
    helper.settle()
    assert.are.same(node.dest_listener, twin.strings(log))
  end)

  it("without a listener the error destroys the destination and ends the process", function()
    local out, rc = child(CHILD_PRELUDE .. [[
local count = 1000
local source = Readable.new()
function source:_read(n)
  n = math.min(count, n)
  count = count - n
  source:push(string.rep("\0", n))
end
local unpipedDest, unpipedSource
source.unpipe = function(self, d)
  unpipedDest = d
  return Readable.unpipe(self, d)
end
local dest = Writable.new()
function dest:_write(_, _, cb) cb() end
source:pipe(dest)
dest:on("unpipe", function(src) unpipedSource = src end)
local ok = pcall(dest.emit, dest, "error", "bacon")
print(ok and "no throw" or "throw")
print(unpipedSource == source, unpipedDest == dest, dest.destroyed)
uv.run()
print("not reached")
]])
    assert.is_truthy(out:find("^no throw\ntrue\ttrue\ttrue\n"), out)
    assert.is_true(uncaught(out, "bacon"), out)
    assert.is_nil(out:find("not reached", 1, true), out)
    assert.are_not.equal(0, rc)
    helper.settle()
  end)
end)
