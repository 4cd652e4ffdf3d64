-- read() in paused mode emits 'data' to exactly the listeners there are at
-- that read, whichever way they came or went between two reads. The binding
-- keeps "this stream has no 'data' listener" from one read to the next
-- (src/lcs_host.c nobody_hears): every case reads once with no listener
-- first, so a path that changed the listeners without telling it would show
-- here as a missing 'data'. Sequences from test/twins/readable/data_listeners.js.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local events = require("cstream.events")
local Readable = stream.Readable
local EventEmitter = events.EventEmitter

-- A paused stream holding "abcdefghijkl"; rd(tag) reads one byte.
local function paused(L)
  local r = Readable.new({ read = function() end })
  r:pause()
  r:push("abcdefghijkl")
  local function rd(tag) L(tag, "read", tostring(r:read(1))) end
  local function f(c) L("f", tostring(c)) end
  local function g(c) L("g", tostring(c)) end
  return r, rd, f, g
end

local cases = {
  { "on_off", "on/addListener, off/removeListener",
    function(L)
      local r, rd, f = paused(L)
      rd("none")
      r:on("data", f)
      rd("on")
      r:off("data", f)
      rd("off")
      r:addListener("data", f)
      rd("addListener")
      r:removeListener("data", f)
      rd("removeListener")
    end,
  },

  { "once", "once fires at the next read, then is gone; removed before firing",
    function(L)
      local r, rd, f = paused(L)
      rd("none")
      r:once("data", f)
      rd("once")
      rd("fired")
      r:once("data", f)
      r:off("data", f)
      rd("once off")
    end,
  },

  { "prepend", "prependListener and prependOnceListener",
    function(L)
      local r, rd, f, g = paused(L)
      rd("none")
      r:prependListener("data", f)
      rd("prependListener")
      r:prependOnceListener("data", g)
      rd("prependOnceListener")
      rd("g fired")
      r:off("data", f)
      rd("off")
      r:prependOnceListener("data", g)
      rd("alone")
      rd("gone")
    end,
  },

  { "remove_all", "removeAllListeners('data') and removeAllListeners()",
    function(L)
      local r, rd, f, g = paused(L)
      rd("none")
      r:on("data", f)
      r:on("data", g)
      rd("two")
      r:removeAllListeners("data")
      rd("removeAllListeners data")
      r:on("data", f)
      rd("again")
      r:removeAllListeners()
      rd("removeAllListeners")
    end,
  },

  { "events_assigned", "an _events table assigned, then an empty one",
    function(L)
      local r, rd, f = paused(L)
      rd("none")
      r._events = { data = { f } }
      rd("assigned")
      r._events = {}
      rd("emptied")
    end,
  },

  { "events_shared", "a listener added through another emitter sharing _events",
    function(L)
      local r, rd, _, g = paused(L)
      local e = EventEmitter.new()
      r:on("close", function() end) -- an _events table to share (Node's has one from the start)
      rd("none")
      e._events = r._events
      e:on("data", g)
      rd("shared on")
    end,
  },

  { "listener_changes_listeners", "a 'data' listener that swaps itself for another",
    function(L)
      local r, rd, f, g = paused(L)
      rd("none")
      local function h(c)
        L("h", tostring(c))
        r:off("data", h)
        r:on("data", g)
      end
      r:on("data", h)
      rd("h")
      rd("g")
      r:off("data", g)
      rd("nobody")
      r:on("data", f)
      rd("f")
    end,
  },

  { "emit_replaced", "an instance's own emit sees 'data'; removed, the emitter's again",
    function(L)
      local r, rd = paused(L)
      rd("none")
      r.emit = function(self, ev, ...)
        if ev == "data" then L("emit", ev, tostring((...))) end
        return EventEmitter.emit(self, ev, ...)
      end
      rd("emit")
      r.emit = nil
      rd("default")
    end,
  },
}

local node = twin.run("test/twins/readable/data_listeners.js")

describe("read() emits 'data' to the listeners of the moment (cached 'nobody')", function()
  helper.twin_cases(cases, node, "test/twins/readable/data_listeners.js")
  helper.twin_covers(cases, node)
end)
