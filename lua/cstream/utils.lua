-- cstream.utils: what the Lua modules ask of a value, once (Node's
-- lib/internal/streams/utils.js plus the value helpers every module needs).
--
-- Node's names, Node's two meanings:
--   isReadableNodeStream(x)  x looks like a readable stream (pipe + on, and
--                            a readable side when it has a state);
--   isReadable(x)            x is such a stream and can still be read from
--                            (nil when x is not a stream at all).
-- The same goes for isWritableNodeStream / isWritable.  The exported
-- stream.isReadable/isWritable (API.md) are the cstream-only predicates
-- isReadableStream / isWritableStream below, not Node's utils ones.
--
-- Where Node reads `_readableState`/`_writableState`, we read `s:_state()`,
-- a fresh snapshot `{ r = ..., w = ... }`: it is fetched again wherever Node
-- reads the live state, never cached across events.
local type, pcall, getmetatable, setmetatable = type, pcall, getmetatable, setmetatable
local rawget = rawget

local M = {}

-- Is x a cstream stream (a userdata of one of its classes)?
local function isStream(x)
  if type(x) ~= "userdata" then return false end
  local mt = getmetatable(x)
  return type(mt) == "table" and rawget(mt, "__cstream") == true
end
M.isStream = isStream

local function index(x, k) return x[k] end

-- x[k] for anything: strings, numbers and userdata without fields give nil,
-- and so does a user __index that raises (the library reads fields of
-- user errors and streams; their own error must not replace the one
-- being delivered).
local function field(x, k)
  local t = type(x)
  if t == "table" then
    if getmetatable(x) == nil then return x[k] end
    local ok, v = pcall(index, x, k)
    if ok then return v end
  elseif t == "userdata" then
    if isStream(x) then return x[k] end
    local ok, v = pcall(index, x, k)
    if ok then return v end
  end
  return nil
end
M.field = field

local function isFunction(v) return type(v) == "function" end
M.isFunction = isFunction

-- A function, or a table whose metatable has __call.
function M.isCallable(v)
  if type(v) == "function" then return true end
  local mt = getmetatable(v)
  return type(v) == "table" and type(mt) == "table" and mt.__call ~= nil
end

-- The __name of v's metatable, else type(v): what Lua's messages print.
function M.typeName(v)
  local mt = getmetatable(v)
  local name = type(mt) == "table" and mt.__name
  if type(name) == "string" then return name end
  return type(v)
end

-- The exported predicates (stream.isReadable / stream.isWritable): a cstream
-- stream with that side, answering its `readable` / `writable` property.
function M.isReadableStream(x)
  return isStream(x) and x.readable ~= nil and x:_state().r ~= nil and x.readable
end
function M.isWritableStream(x)
  return isStream(x) and x:_state().w ~= nil and x.writable
end

------------------------------------------------- Node's streams/utils.js

local function getState(s)
  local f = field(s, "_state")
  if isFunction(f) then return f(s) end
  return nil
end
M.getState = getState

local function rstate(s)
  local st = getState(s)
  return st and st.r
end
M.rstate = rstate

local function wstate(s)
  local st = getState(s)
  return st and st.w
end
M.wstate = wstate

-- Node's stream[kIsDestroyed]: set by destroyer() on streams that have no
-- `destroyed` property of their own (legacy emitters). Weak keys.
local marked = setmetatable({}, { __mode = "k" })
function M.markDestroyed(s) marked[s] = true end

local function isReadableNodeStream(obj, strict)
  if not (isFunction(field(obj, "pipe")) and isFunction(field(obj, "on"))) then
    return false
  end
  if strict and not (isFunction(field(obj, "pause")) and isFunction(field(obj, "resume"))) then
    return false
  end
  local st = getState(obj)
  if st and st.w then
    -- A Writable has pipe() too; a Duplex may have its readable side disabled.
    if not st.r or st.r.readable == false then return false end
  end
  return true
end
M.isReadableNodeStream = isReadableNodeStream

local function isWritableNodeStream(obj)
  if not (isFunction(field(obj, "write")) and isFunction(field(obj, "on"))) then
    return false
  end
  local st = getState(obj)
  return not (st and st.r and st.w and st.w.writable == false)
end
M.isWritableNodeStream = isWritableNodeStream

local function isNodeStream(obj)
  local st = getState(obj)
  if st and (st.r or st.w) then return true end
  if not isFunction(field(obj, "on")) then return false end
  return isFunction(field(obj, "write")) or isFunction(field(obj, "pipe"))
end
M.isNodeStream = isNodeStream

local function isDestroyed(s)
  if not isNodeStream(s) then return nil end
  if field(s, "destroyed") == true or marked[s] then return true end
  local st = getState(s)
  local state = st and (st.w or st.r)
  return (state and state.destroyed) == true
end
M.isDestroyed = isDestroyed

-- Has been end()ed.
local function isWritableEnded(s)
  if not isWritableNodeStream(s) then return nil end
  if field(s, "writableEnded") == true then return true end
  local w = wstate(s)
  if w and w.errored ~= nil then return false end
  if not w or type(w.ended) ~= "boolean" then return nil end
  return w.ended
end
M.isWritableEnded = isWritableEnded

-- Has emitted 'finish' (or, not strict, has nothing left to write).
function M.isWritableFinished(s, strict)
  if not isWritableNodeStream(s) then return nil end
  if field(s, "writableFinished") == true then return true end
  local w = wstate(s)
  if w and w.errored ~= nil then return false end
  if not w or type(w.finished) ~= "boolean" then return nil end
  return w.finished or (strict == false and w.ended == true and w.length == 0)
end

-- Has emitted 'end' (or, not strict, has nothing left to read).
local function isReadableFinished(s, strict)
  if not isReadableNodeStream(s) then return nil end
  local r = rstate(s)
  if r and r.errored ~= nil then return false end
  if not r or type(r.endEmitted) ~= "boolean" then return nil end
  return r.endEmitted or
    (strict == false and r.ended == true and (field(s, "readableLength") or 0) == 0)
end
M.isReadableFinished = isReadableFinished

local function isReadable(s)
  local v = field(s, "readable")
  if type(v) ~= "boolean" then return nil end
  -- A cstream Writable answers `readable` too; Node's has no such property.
  if isStream(s) and not rstate(s) then return nil end
  if isDestroyed(s) then return false end
  return isReadableNodeStream(s) and v and not isReadableFinished(s)
end
M.isReadable = isReadable

local function isWritable(s)
  local v = field(s, "writable")
  if type(v) ~= "boolean" then return nil end
  if isStream(s) and not wstate(s) then return nil end
  if isDestroyed(s) then return false end
  return isWritableNodeStream(s) and v and not isWritableEnded(s)
end
M.isWritable = isWritable

function M.isFinished(s, opts)
  if not isNodeStream(s) then return nil end
  if isDestroyed(s) then return true end
  if not (opts and opts.readable == false) and isReadable(s) then return false end
  if not (opts and opts.writable == false) and isWritable(s) then return false end
  return true
end

-- An error value, as opposed to Node's `errored = true` of some emitters.
local function realError(e)
  if e ~= nil and type(e) ~= "boolean" then return e end
  return nil
end

-- The error s ended with, if any.
function M.erroredOf(s)
  local w, r = wstate(s), rstate(s)
  return realError(field(s, "writableErrored") or (w and w.errored)) or
         realError(field(s, "readableErrored") or (r and r.errored))
end

function M.isClosed(s)
  if not isNodeStream(s) then return nil end
  local c = field(s, "closed")
  if type(c) == "boolean" then return c end
  local w, r = wstate(s), rstate(s)
  if (w and type(w.closed) == "boolean") or (r and type(r.closed) == "boolean") then
    return (w and w.closed) or (r and r.closed) or false
  end
  return nil
end

function M.willEmitClose(s)
  if not isNodeStream(s) then return nil end
  local st = getState(s)
  local state = st and (st.w or st.r)
  return (state and state.autoDestroy and state.emitClose and state.closed == false) == true
end

-- s:removeListener(name, fn) on anything that has it.
function M.off(s, name, fn)
  local f = field(s, "removeListener") or field(s, "off")
  if isFunction(f) then f(s, name, fn) end
end

-- A number as Node's error messages print it (addNumericalSeparator above 2^32).
function M.fmtnum(v)
  if v ~= v then return "NaN" end
  if v == math.huge then return "Infinity" end
  if v == -math.huge then return "-Infinity" end
  if v == math.floor(v) and math.abs(v) < 2 ^ 63 then
    local s = ("%d"):format(v)
    if math.abs(v) > 2 ^ 32 then
      local sign, digits = s:match("^(-?)(%d+)$")
      digits = digits:reverse():gsub("(%d%d%d)", "%1_"):reverse():gsub("^_", "")
      s = sign .. digits
    end
    return s
  end
  return tostring(v)
end

return M
