-- test-stream-events-prepend.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/pipe/events_prepend.js. See spec/README.md.
-- pipe() into a Writable whose prependListener is not a function: Node's pipe
-- falls back to putting its 'error' handler first in _events itself. The Lua
-- Writable sets the field to false (nil would find the class's method).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext
local function W()
  local w = Writable.new({ write = function(_, _, _, cb) cb() end })
  w.prependListener = false
  return w
end

local cases = {
  { "pipe", "the 'pipe' event and the end still come",
    function(L)
      local w = W()
      w:on("pipe", function() L("pipe") end)
      w:on("finish", function() L("finish") end)
      local r = Readable.new({ read = function(self) self:push(nil) end })
      r:pipe(w)
      L(w:listenerCount("error"))
    end,
  },
  { "error_first", "with an 'error' listener already there, the pipe's runs first",
    function(L)
      local w = W()
      w:on("error", function(e) L("user error", errtext(e), "unpiped", w:listenerCount("unpipe")) end)
      w:on("unpipe", function() L("unpipe") end)
      local r = Readable.new({ read = function() end })
      r:pipe(w)
      L(w:listenerCount("error"), #w:listeners("error"))
      w:emit("error", { message = "x" })
      L(w:listenerCount("error"), r.readableFlowing)
    end,
  },
}

local node = twin.run("test/twins/pipe/events_prepend.js")

describe("test-stream-events-prepend", function()
  helper.twin_cases(cases, node, "test/twins/pipe/events_prepend.js")
  helper.twin_covers(cases, node)
end)
