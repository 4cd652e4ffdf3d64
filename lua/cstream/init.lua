-- require("cstream"): Node.js 20 streams for Lua 5.4.
--
-- The C module (cstream.core) owns buffering and state; this file builds the
-- classes on it: the class model (API.md §3), the emitter, the listener hooks
-- that switch a Readable between paused and flowing, pipe/unpipe/wrap, and
-- the exports.  See docs/DESIGN.md.
local core = require("cstream.core")
local events = require("cstream.events")
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local class = require("cstream.class")
local loop = require("cstream.loop")

local EE = events.methods
core.setEmit(EE.emit)
core.setAggregate(errors.aggregateTwoErrors)
local type, pairs, getmetatable, setmetatable = type, pairs, getmetatable, setmetatable
local rawequal = rawequal

local stream = {}
-- The one cycle of the Lua layer: the modules required below extend this
-- table and its classes, and require("cstream") at their top; registering
-- it now hands them this table, as it is built.  They are required once the
-- classes exist, in the order they need one another.
package.loaded["cstream"] = stream
stream.errors = errors
stream.nextTick = core.nextTick
-- Runs after the whole nextTick queue, as a promise continuation does.
stream.queueMicrotask = core.queueMicrotask
stream._wrapcb = loop.wrap
stream._drain = loop.drain
-- SIGPIPE handled (so a write to a pipe or socket whose reader is gone is
-- EPIPE); the I/O modules call it.
stream._ignoreSigpipe = core.ignoreSigpipe
stream.EventEmitter = events.EventEmitter

-- ---- class model ------------------------------------------------------------

-- Implementation functions given as options become per-instance fields.
local IMPL = {
  read = "_read", write = "_write", writev = "_writev", final = "_final",
  transform = "_transform", flush = "_flush", destroy = "_destroy",
  construct = "_construct",
}

local function instantiate(C, opts, ...)
  if opts ~= nil and type(opts) ~= "table" then
    error(errors.new("ERR_INVALID_ARG_TYPE",
      "bad argument #1 to 'new' (table expected, got " .. type(opts) .. ")"), 2)
  end
  local signal = opts and opts.signal
  if signal ~= nil then stream._abort.check(signal, 1, "new") end
  local self = core.new(C, C.__kind, opts)
  if opts then
    for name, field in pairs(IMPL) do
      local f = opts[name]
      if type(f) == "function" then self[field] = f end
    end
  end
  local init = C.initialize
  if init then init(self, opts, ...) end
  if self._construct then core.construct(self) end
  if signal ~= nil then stream._abort.attach(signal, self) end
  return self
end

local function streamNew(C)
  return function(...) return instantiate(C, ...) end
end

local function extend(parent, name)
  return class.extend(parent, name, streamNew)
end

local isInstance = class.isInstance

local Stream = {}
for k, v in pairs(core.meta) do Stream[k] = v end
Stream.__name = "cstream.Stream"
Stream.__tostring = function(s)
  return getmetatable(s).__name
end
for k, v in pairs(EE) do Stream[k] = v end
Stream.extend = function(parent, name) return extend(parent, name) end
Stream.isInstance = isInstance

local function install(C, names)
  for _, n in pairs(names) do C[n] = core.methods[n] end
end

local R_METHODS = { "push", "unshift", "read", "setEncoding", "pause", "resume",
  "isPaused", "destroy", "_state", "_onData", "_onReadable", "_dataGone",
  "_readableChanged", "_setAwaitDrain", "_errorOrDestroy" }
local W_METHODS = { "write", "finish", "end", "cork", "uncork",
  "setDefaultEncoding", "destroy", "_state", "_errorOrDestroy" }

-- ---- Readable ------------------------------------------------------------------

local Readable = extend(Stream, "cstream.Readable")
Readable.__kind = core.READABLE
install(Readable, R_METHODS)

function Readable:on(ev, fn)
  EE.on(self, ev, fn)
  if ev == "data" then
    self:_onData(EE.listenerCount(self, "readable"))
  elseif ev == "readable" then
    self:_onReadable()
  end
  return self
end
Readable.addListener = Readable.on

function Readable:removeListener(ev, fn)
  EE.removeListener(self, ev, fn)
  if ev == "readable" then
    self:_readableChanged()
  elseif ev == "data" and EE.listenerCount(self, "data") == 0 then
    self:_dataGone()
  end
  return self
end
Readable.off = Readable.removeListener

function Readable:removeAllListeners(ev)
  EE.removeAllListeners(self, ev)
  if ev == "readable" or ev == nil then self:_readableChanged() end
  return self
end

-- pipe: Node's Readable.prototype.pipe, on the public API.  The set of
-- destinations the source waits 'drain' from lives in self._awaitDrain (nil,
-- one dest, or a set table once there are several pipes); the core clears it
-- whenever data moves on, and is told when it is set.
local function setAwait(src, v, multi)
  src._awaitDrain = v
  src:_setAwaitDrain(v ~= nil, multi)
end

local function pipeOnDrain(src, dest)
  return function()
    local st = src:_state().r
    local aw = src._awaitDrain
    if rawequal(aw, dest) then
      setAwait(src, nil, false)
    elseif st.multiAwaitDrain and type(aw) == "table" then
      aw[dest] = nil
    end
    aw = src._awaitDrain
    if (aw == nil or (st.multiAwaitDrain and type(aw) == "table" and next(aw) == nil))
       and st.dataListening then
      src:resume()
    end
  end
end

local function isStdio(s)
  return type(s) == "userdata" and s._isStdio == true
end

local field = utils.field

function Readable:pipe(dest, pipeOpts)
  local src = self
  local t = type(dest)
  if (t ~= "userdata" and t ~= "table") or type(field(dest, "write")) ~= "function"
     or type(field(dest, "on")) ~= "function" then
    error(errors.new("ERR_INVALID_ARG_TYPE", "bad argument #1 to 'pipe' (writable stream expected, got "
      .. (t == "userdata" and "userdata" or t) .. ")"), 2)
  end
  local pipes = src._pipes
  if not pipes then pipes = {}; src._pipes = pipes end
  if #pipes == 1 and not src:_state().r.multiAwaitDrain then
    local set = {}
    if src._awaitDrain ~= nil then set[src._awaitDrain] = true end
    setAwait(src, set, true)
  end
  pipes[#pipes + 1] = dest

  local doEnd = (not pipeOpts or pipeOpts["end"] ~= false) and not isStdio(dest)
  local ondrain, cleanedUp = nil, false
  local onclose, onfinish, onerror, onunpipe, ondata, onend, unpipe, cleanup

  function onend() dest["end"](dest) end
  function unpipe() src:unpipe(dest) end
  local endFn = doEnd and onend or unpipe
  if src.readableEnded then
    stream.nextTick(endFn)
  else
    src:once("end", endFn)
  end

  function onunpipe(readable, info)
    if rawequal(readable, src) and info and info.hasUnpiped == false then
      info.hasUnpiped = true
      cleanup()
    end
  end
  dest:on("unpipe", onunpipe)

  function cleanup()
    dest:removeListener("close", onclose)
    dest:removeListener("finish", onfinish)
    if ondrain then dest:removeListener("drain", ondrain) end
    dest:removeListener("error", onerror)
    dest:removeListener("unpipe", onunpipe)
    src:removeListener("end", onend)
    src:removeListener("end", unpipe)
    src:removeListener("data", ondata)
    cleanedUp = true
    -- Node asks whether dest has a writable side at all, not whether it is
    -- still writable: an ended dest must not resume the source here.
    local ws = stream.isStream(dest) and dest:_state().w
    if ondrain and src._awaitDrain ~= nil and (not ws or ws.needDrain) then
      ondrain()
    end
  end

  local function pause()
    if not cleanedUp then
      local ps = src._pipes or {}
      if #ps == 1 and rawequal(ps[1], dest) then
        setAwait(src, dest, false)
      elseif #ps > 1 then
        for i = 1, #ps do
          if rawequal(ps[i], dest) then
            local aw = src._awaitDrain
            if type(aw) ~= "table" then aw = {} end
            aw[dest] = true
            setAwait(src, aw, true)
            break
          end
        end
      end
      src:pause()
    end
    if not ondrain then
      ondrain = pipeOnDrain(src, dest)
      dest:on("drain", ondrain)
    end
  end

  -- dest:write(chunk), pause() on false; the core runs it without entering
  -- Lua when every 'data' listener of src is one of these.
  ondata = core.pipeListener(dest, pause, src)
  src:on("data", ondata)

  function onerror(er)
    unpipe()
    dest:removeListener("error", onerror)
    if dest:listenerCount("error") == 0 then
      local st = stream.isStream(dest) and dest:_state()
      local side = st and (st.w or st.r)
      if side and not side.errorEmitted then
        dest:_errorOrDestroy(er)
      else
        dest:emit("error", er)
      end
    end
  end
  dest:prependListener("error", onerror)

  function onclose()
    dest:removeListener("finish", onfinish)
    unpipe()
  end
  dest:once("close", onclose)
  function onfinish()
    dest:removeListener("close", onclose)
    unpipe()
  end
  dest:once("finish", onfinish)

  dest:emit("pipe", src)

  if dest.writableNeedDrain == true then
    pause()
  elseif not src:_state().r.flowing then
    src:resume()
  end
  return dest
end

function Readable:unpipe(dest)
  local pipes = self._pipes
  if not pipes or #pipes == 0 then return self end
  if dest == nil then
    self._pipes = {}
    self:pause()
    for i = 1, #pipes do
      pipes[i]:emit("unpipe", self, { hasUnpiped = false })
    end
    return self
  end
  local index
  for i = 1, #pipes do
    if rawequal(pipes[i], dest) then index = i; break end
  end
  if not index then return self end
  table.remove(pipes, index)
  if #pipes == 0 then self:pause() end
  dest:emit("unpipe", self, { hasUnpiped = false })
  return self
end

-- wrap(oldStream): a classic emitter of 'data'/'end' with advisory pause().
function Readable:wrap(old)
  local paused = false
  local this = self
  old:on("data", function(chunk)
    if not this:push(chunk) and type(old.pause) == "function" then
      paused = true
      old:pause()
    end
  end)
  old:on("end", function() this:push(nil) end)
  old:on("error", function(err) this:_errorOrDestroy(err) end)
  old:on("close", function() this:destroy() end)
  old:on("destroy", function() this:destroy() end)
  self._read = function()
    if paused and type(old.resume) == "function" then
      paused = false
      old:resume()
    end
  end
  return self
end

-- ---- Writable ------------------------------------------------------------------

local Writable = extend(Stream, "cstream.Writable")
Writable.__kind = core.WRITABLE
install(Writable, W_METHODS)

-- Node's Writable[Symbol.hasInstance]: a Duplex is a Writable too.
function Writable.isInstance(C, x)
  if isInstance(C, x) then return true end
  return C == Writable and stream.isStream(x) and x:_state().w ~= nil
end

function Writable:pipe()
  self:_errorOrDestroy(errors.new("ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable"))
end

-- ---- Duplex, Transform, PassThrough ------------------------------------------------

local Duplex = extend(Readable, "cstream.Duplex")
-- The kinds are distinct bits: + is | and parses on 5.3 and LuaJIT too.
Duplex.__kind = core.READABLE + core.WRITABLE
install(Duplex, W_METHODS)

local Transform = extend(Duplex, "cstream.Transform")
Transform.__kind = core.READABLE + core.WRITABLE + core.TRANSFORM
-- Node's Transform.prototype._read; a subclass may replace it and call it.
Transform._read = core.methods._transformRead

local PassThrough = extend(Transform, "cstream.PassThrough")
PassThrough.__kind = core.READABLE + core.WRITABLE + core.TRANSFORM + core.PASSTHROUGH
-- Node's PassThrough.prototype._transform.  While it is the one an instance
-- finds, chunks pass in C without calling it; a transform option, a subclass
-- method or an instance field replacing it is called as a Transform's would be.
PassThrough._transform = core.methods._passThroughTransform

stream.Stream = Stream
stream.Readable = Readable
stream.Writable = Writable
stream.Duplex = Duplex
stream.Transform = Transform
stream.PassThrough = PassThrough

-- ---- predicates --------------------------------------------------------------------

stream.isStream = utils.isStream
stream.isReadable = utils.isReadableStream
stream.isWritable = utils.isWritableStream
function stream.errorOrDestroy(s, err, sync)
  s:_errorOrDestroy(err, sync)
end

-- ---- the rest: utilities and real I/O ----------------------------------------------

stream.pipeline = require("cstream.pipeline").pipeline
stream.finished = require("cstream.finished").finished
stream.compose = require("cstream.compose").compose
require("cstream.iter")
require("cstream.lines")
require("cstream.ltn12")
local A = require("cstream.abort")
stream._abort = A
stream.AbortController = A.AbortController
stream.AbortSignal = A.AbortSignal
stream.addAbortSignal = A.addAbortSignal
stream.await = require("cstream.await")
require("cstream.duplexify")

local lazy = {
  fs = function() return require("cstream.fs") end,
  zlib = function() return require("cstream.zlib") end,
}
local function process() return require("cstream.process") end
function stream.fromHandle(handle, opts)
  return require("cstream.handle").fromHandle(handle, opts)
end
function stream.stdin() return process().stdin() end
function stream.stdout() return process().stdout() end
function stream.stderr() return process().stderr() end
function stream.spawn(...) return process().spawn(...) end

return setmetatable(stream, {
  __index = function(t, k)
    local f = lazy[k]
    if f then
      local v = f()
      rawset(t, k, v)
      return v
    end
  end,
})
