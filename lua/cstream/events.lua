-- cstream.events: Node's EventEmitter (lib/events.js) for Lua.
--
-- Storage, reached only through `self._events` so that userdata streams can
-- keep it in their per-instance fields.  This is the whole contract the C
-- binding relies on (src/lcs_pipe.c and lcs_host.c read it to emit from C):
--   _events[name]    = array of listeners, list[1..#list], never empty (the
--                      name is removed with its last listener).
--   _events[name][0] = number of emits running over this array, nil when
--                      none.  An emit sets it on entry, runs list[1..n] with
--                      n fixed at entry and puts the old value back when it
--                      ends.  Adding or removing changes the array in place
--                      (O(1) to add) while [0] is nil; while it is set, it
--                      builds a new array and stores that instead, so every
--                      running emit sees the listeners it started with
--                      (Node's copy-on-emit, without a copy per emit).  A
--                      count left set by an emit that raised only costs the
--                      next change one copy: the copy starts at nil.
--   _events[ORDER]   = the names in the order they first got a listener
--                      (ORDER is private, so it cannot collide with a name).
--                      Node's streams are in "shape mode" (kShapeMode: their
--                      constructor fills _events with a fixed set of keys):
--                      a name whose last listener goes keeps its key, so it
--                      stays in ORDER, listed in _events[KEPT] (a set), and
--                      no 'removeListener' is emitted for it. _events[SHAPE]
--                      is true while the emitter is in that mode; every
--                      removeAllListeners that Node lets out of it clears it.
-- Anything else in _events is events.lua's own.
-- Every change to _events.data (and every new _events table) calls the hook
-- set with M.setDataHook(f) as f(emitter): the C pipe fast path caches what
-- a stream's 'data' listeners are until then (src/lcs_pipe.c).
-- A listener is a function or a once-wrapper (callable table whose `listener`
-- field is the original, as Node's wrapper has `.listener`).
-- Listeners are called with the emitted values only: emit(name, a, b) calls
-- fn(a, b); a listener that needs the emitter captures it.

local class = require("cstream.class")
local errors = require("cstream.errors")

local getinfo = debug.getinfo
local getmetatable, setmetatable = getmetatable, setmetatable
local type, error = type, error
local pairs, tostring, rawequal, rawget = pairs, tostring, rawequal, rawget
local tremove, tinsert = table.remove, table.insert

local M = {}

M.defaultMaxListeners = 10

local dataHook = function() end
function M.setDataHook(f) dataHook = f end

-- Node's events.errorMonitor: listeners see 'error' before the 'error' ones.
M.errorMonitor = setmetatable({}, {
  __tostring = function() return "events.errorMonitor" end,
})
local errorMonitor = M.errorMonitor

local ORDER = setmetatable({}, {
  __tostring = function() return "events.order" end,
})
local KEPT = setmetatable({}, {
  __tostring = function() return "events.kept" end,
})
local SHAPE = setmetatable({}, {
  __tostring = function() return "events.shape" end,
})

-- A new _events table. A stream's class names the keys Node's constructor
-- puts in its _events (_eventsShape): they come first in eventNames(), in
-- that order, whenever they have listeners.
local function newEvents(self)
  local shape = self._eventsShape
  if not shape then return {} end
  local order, kept = {}, {}
  for i = 1, #shape do
    order[i] = shape[i]
    kept[shape[i]] = true
  end
  return { [ORDER] = order, [KEPT] = kept, [SHAPE] = true }
end

-- Whether any name has a listener (Node: _eventsCount > 0).
local function hasListeners(ev)
  local order = ev[ORDER]
  if order then
    for i = 1, #order do
      if ev[order[i]] then return true end
    end
  end
  return false
end

local newError = errors.new

-- Raises ERR_INVALID_ARG_TYPE naming the method as the caller spelled it,
-- as lauxlib does. Level 3 is the method that called the check.
local function argError(narg, default, msg)
  local ar = getinfo(3, "n")
  local fname = ar and ar.name
  if not fname or fname == "?" then fname = default end
  error(newError("ERR_INVALID_ARG_TYPE",
    ("bad argument #%d to '%s' (%s)"):format(narg, fname, msg)), 0)
end

-- once() wrapper: Node's onceWrapper + _onceWrap state in one table.
local Once = { __name = "cstream.OnceListener" }
Once.__call = function(w, ...)
  if not w.fired then
    w.target:removeListener(w.name, w) -- by method: streams override it
    w.fired = true
    return w.listener(...)
  end
end

local function isListener(fn)
  return type(fn) == "function"
      or (type(fn) == "table" and getmetatable(fn) == Once)
end

local function checkListener(fn, default)
  if not isListener(fn) then
    argError(2, default, "function expected, got " .. type(fn))
  end
end

local function checkName(name, default)
  if name == nil then
    argError(1, default, "event name expected, got nil")
  elseif name ~= name then
    argError(1, default, "event name must not be NaN")
  end
end

local function unwrap(l)
  if type(l) == "table" then return l.listener end
  return l
end

-- l is fn, or a once-wrapper of fn (Node: `l === fn || l.listener === fn`).
local function matches(l, fn)
  return rawequal(l, fn) or (type(l) == "table" and rawequal(l.listener, fn))
end

local function dropName(ev, name)
  local kept = ev[KEPT]
  if kept then kept[name] = nil end
  local order = ev[ORDER]
  if order then
    for i = #order, 1, -1 do
      if rawequal(order[i], name) then
        tremove(order, i)
        return
      end
    end
  end
end

-- ev: self._events as checkSelf read it (nothing ran since).
local function addListener(self, name, fn, prepend, ev)
  if not ev then
    ev = newEvents(self)
    self._events = ev
    dataHook(self)
  elseif ev.newListener then
    -- Before adding, so a 'newListener' listener cannot see itself here.
    self:emit("newListener", name, unwrap(fn))
    ev = self._events -- a listener may have replaced it
    if not ev then
      ev = newEvents(self)
      self._events = ev
    end
    dataHook(self)
  end
  local old = ev[name]
  if not old then
    ev[name] = { fn }
    local kept = ev[KEPT]
    if kept and kept[name] then
      kept[name] = nil -- its key is still where it was
    else
      local order = ev[ORDER]
      if not order then
        order = {}
        ev[ORDER] = order
      end
      order[#order + 1] = name
    end
  elseif not old[0] then -- nobody is running it: change it in place
    if prepend then tinsert(old, 1, fn) else old[#old + 1] = fn end
  else
    local n = #old
    local new = {}
    if prepend then
      new[1] = fn
      for i = 1, n do new[i + 1] = old[i] end
    else
      for i = 1, n do new[i] = old[i] end
      new[n + 1] = fn
    end
    ev[name] = new
  end
  if name == "data" then dataHook(self) end
  return self
end

-- Node's readable.js prependListener() for an emitter with no
-- prependListener method (test-stream-events-prepend.js): ev[name] (present)
-- gets fn first, in place as addListener changes it, with no 'newListener'
-- (Node writes _events directly). A foreign emitter's single function becomes
-- a two-listener array, as Node's [fn, old].
function M.prependRaw(self, ev, name, fn)
  local old = ev[name]
  if type(old) ~= "table" then
    ev[name] = { fn, old }
  elseif not old[0] then
    tinsert(old, 1, fn)
  else
    local new = { fn }
    for i = 1, #old do new[i + 1] = old[i] end
    ev[name] = new
  end
  if name == "data" then dataHook(self) end
end

local function wrapOnce(self, name, fn)
  return setmetatable({ fired = false, target = self, name = name,
                        listener = fn }, Once)
end

local methods = {}
M.methods = methods

-- self of an emitter method: a table, or a userdata that can keep fields
-- (a cstream stream, or one whose metatable has __newindex: a luv handle or
-- a file has no _events to keep), whose _events is a table when set.
-- Anything else gets the named error, not "attempt to index a number value".
-- Returns self._events, read once for the method that checks.
local selfError = errors._selfError
local function checkSelf(self, fname)
  local t = type(self)
  if t == "table" or t == "userdata" then
    local mt = getmetatable(self)
    if t == "table" or (type(mt) == "table" and
        (rawget(mt, "__cstream") == true or rawget(mt, "__newindex") ~= nil)) then
      local ev = self._events
      if ev == nil or type(ev) == "table" then return ev end
    end
  end
  selfError(fname, "EventEmitter", self, 3)
end

function methods.on(self, name, fn)
  local ev = checkSelf(self, "on")
  checkName(name, "on")
  checkListener(fn, "on")
  return addListener(self, name, fn, false, ev)
end
methods.addListener = methods.on

function methods.prependListener(self, name, fn)
  local ev = checkSelf(self, "prependListener")
  checkName(name, "prependListener")
  checkListener(fn, "prependListener")
  return addListener(self, name, fn, true, ev)
end

-- By method, as Node does, so a stream's own `on` (e.g. 'data' starting the
-- flow) also sees listeners added with once.
function methods.once(self, name, fn)
  checkSelf(self, "once")
  checkName(name, "once")
  checkListener(fn, "once")
  if type(self.on) ~= "function" then selfError("once", "EventEmitter", self) end
  self:on(name, wrapOnce(self, name, fn))
  return self
end

function methods.prependOnceListener(self, name, fn)
  checkSelf(self, "prependOnceListener")
  checkName(name, "prependOnceListener")
  checkListener(fn, "prependOnceListener")
  if type(self.prependListener) ~= "function" then
    selfError("prependOnceListener", "EventEmitter", self)
  end
  self:prependListener(name, wrapOnce(self, name, fn))
  return self
end

-- Removes the most recently added entry that is fn or a once-wrapper of fn.
function methods.removeListener(self, name, fn)
  local ev = checkSelf(self, "removeListener")
  checkListener(fn, "removeListener")
  local list = ev and ev[name]
  if not list then return self end
  local n = #list
  local pos
  for i = n, 1, -1 do
    if matches(list[i], fn) then
      pos = i
      break
    end
  end
  if not pos then return self end
  local removed = list[pos]
  if n == 1 then
    ev[name] = nil
    if ev[SHAPE] then
      -- Node sets the key to undefined and tells nobody.
      local kept = ev[KEPT]
      if not kept then
        kept = {}
        ev[KEPT] = kept
      end
      kept[name] = true
      if name == "data" then dataHook(self) end
      return self
    end
    dropName(ev, name)
  elseif not list[0] then
    tremove(list, pos)
  else
    local new = {}
    for i = 1, pos - 1 do new[i] = list[i] end
    for i = pos + 1, n do new[i - 1] = list[i] end
    ev[name] = new
  end
  if name == "data" then dataHook(self) end
  if ev.removeListener then
    -- Node reports the original when the last entry goes, else the argument.
    self:emit("removeListener", name, n == 1 and unwrap(removed) or fn)
  end
  return self
end
methods.off = methods.removeListener

function methods.removeAllListeners(self, name)
  local ev = checkSelf(self, "removeAllListeners")
  if not ev then
    -- A stream's _events exists from its constructor on, and even with
    -- no listener this call takes it out of shape mode.
    if not self._eventsShape then return self end
    ev = newEvents(self)
    self._events = ev
    dataHook(self)
  end
  if not ev.removeListener then
    -- Nobody to tell: drop the arrays (emits in progress keep theirs).
    -- Node forgets the keys with the last listener, and leaves shape mode.
    if name == nil then
      self._events = {}
      dataHook(self)
    elseif ev[name] then
      ev[name] = nil
      if hasListeners(ev) then
        dropName(ev, name)
        ev[SHAPE] = nil
        if name == "data" then dataHook(self) end
      else
        self._events = {}
        dataHook(self)
      end
    else
      ev[SHAPE] = nil
    end
    return self
  end
  if name == nil then
    local order = ev[ORDER] or {}
    local names = {}
    for i = 1, #order do names[i] = order[i] end
    for i = 1, #names do
      if names[i] ~= "removeListener" then
        self:removeAllListeners(names[i])
      end
    end
    self:removeAllListeners("removeListener")
    self._events = {}
    dataHook(self)
    return self
  end
  local list = ev[name]
  if list then
    local copy = {}  -- removing changes list in place
    for i = 1, #list do copy[i] = list[i] end
    for i = #copy, 1, -1 do -- LIFO, as Node
      self:removeListener(name, copy[i])
    end
  end
  return self
end

-- Raised by emit("error") with no listener; kept out of emit's body.
local function unhandled(...)
  local e = ...
  if e == nil then
    e = newError("ERR_UNHANDLED_ERROR", "Unhandled error. (nil)")
  end
  error(e, 0)
end

-- Runs the listeners there are at entry: changes made by listeners apply to
-- the next emit (list[0] makes them copy). No allocation: arguments are
-- forwarded as varargs.
function methods.emit(self, name, ...)
  -- inline: emit is the one method called per event (a light userdata has
  -- no metatable and no fields)
  local t = type(self)
  if t ~= "table" and (t ~= "userdata" or getmetatable(self) == nil) then
    selfError("emit", "EventEmitter", self)
  end
  local ev = self._events
  local list = ev and ev[name]
  if name == "error" then
    local mon = ev and ev[errorMonitor]
    if mon then
      self:emit(errorMonitor, ...)
      ev = self._events
      list = ev and ev[name]
    end
    if not list then unhandled(...) end
  elseif not list then
    return false
  end
  local n = #list
  if n == 1 then -- fetched before it runs: nothing to guard
    list[1](...)
    return true
  end
  local running = list[0]
  list[0] = (running or 0) + 1
  for i = 1, n do
    list[i](...)
  end
  list[0] = running
  return true
end

function methods.listenerCount(self, name, fn)
  local ev = checkSelf(self, "listenerCount")
  local list = ev and ev[name]
  if not list then return 0 end
  if fn == nil then return #list end
  local count = 0
  for i = 1, #list do
    if matches(list[i], fn) then count = count + 1 end
  end
  return count
end

function methods.listeners(self, name)
  local ev = checkSelf(self, "listeners")
  local list = ev and ev[name]
  local out = {}
  if list then
    for i = 1, #list do out[i] = unwrap(list[i]) end
  end
  return out
end

function methods.rawListeners(self, name)
  local ev = checkSelf(self, "rawListeners")
  local list = ev and ev[name]
  local out = {}
  if list then
    for i = 1, #list do out[i] = list[i] end
  end
  return out
end

function methods.eventNames(self)
  local ev = checkSelf(self, "eventNames")
  local order = ev and ev[ORDER]
  local out = {}
  if order then
    local k = 0
    for i = 1, #order do
      if ev[order[i]] then
        k = k + 1
        out[k] = order[i]
      end
    end
  end
  return out
end

function methods.setMaxListeners(self, n)
  checkSelf(self, "setMaxListeners")
  if type(n) ~= "number" then
    error(newError("ERR_INVALID_ARG_TYPE",
      "bad argument #1 to 'setMaxListeners' (number expected, got "
        .. type(n) .. ")"), 0)
  end
  if n ~= n or n < 0 then
    error(newError("ERR_OUT_OF_RANGE",
      "The value of \"n\" is out of range. It must be >= 0. Received "
        .. tostring(n)), 0)
  end
  self._maxListeners = n
  return self
end

function methods.getMaxListeners(self)
  checkSelf(self, "getMaxListeners")
  local n = self._maxListeners
  if n == nil then return M.defaultMaxListeners end
  return n
end

-- Node's deprecated static EventEmitter.listenerCount(emitter, name).
function M.listenerCount(emitter, name)
  local ok, f = pcall(function() return emitter.listenerCount end)
  if not ok or type(f) ~= "function" then
    errors._argError(1, "listenerCount", "EventEmitter", emitter)
  end
  return emitter:listenerCount(name)
end

-- A table class of cstream.class: instances are tables with the class as
-- metatable.
local EventEmitter = {}
EventEmitter.__index = EventEmitter
EventEmitter.__name = "cstream.EventEmitter"
for k, v in pairs(methods) do EventEmitter[k] = v end
EventEmitter.new = class.tableNew(EventEmitter)

function EventEmitter.extend(parent, name)
  return class.extend(parent, name, class.tableNew)
end

function EventEmitter.isInstance(cls, x)
  return type(x) == "table" and class.isInstance(cls, x)
end

M.EventEmitter = EventEmitter

return M
