-- require("cstream"): Node.js 20 streams for Lua 5.4.
--
-- The C module (cstream.core) owns buffering and state; this file builds the
-- classes on it: the class model (API.md §3), the emitter, the listener hooks
-- that switch a Readable between paused and flowing, wrap, and the exports
-- (pipe/unpipe: pipe.lua, on C's pipe state).  See docs/DESIGN.md.
local core = require("cstream.core")
local events = require("cstream.events")
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local class = require("cstream.class")
local loop = require("cstream.loop")

local EE = events.methods
core.setEmit(EE.emit)
-- A change to a stream's 'data' listeners drops what the pipe fast path
-- cached about them (src/lcs_pipe.c).
events.setDataHook(core.dataChanged)
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
  -- Node's Transform constructor ends with this.on('prefinish', prefinish).
  local tprefinish = C.__tprefinish
  if tprefinish then
    self:on("prefinish", function() tprefinish(self) end)
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
  local mt = getmetatable(s)
  if type(mt) ~= "table" then errors._selfError("__tostring", "cstream stream", s) end
  return mt.__name
end
for k, v in pairs(EE) do Stream[k] = v end
Stream.extend = function(parent, name) return extend(parent, name) end
Stream.isInstance = isInstance

local function install(C, names)
  for _, n in pairs(names) do C[n] = core.methods[n] end
end

local R_METHODS = { "push", "unshift", "read", "setEncoding", "pause", "resume",
  "isPaused", "destroy", "_state", "_onData", "_onReadable", "_dataGone",
  "_readableChanged", "_errorOrDestroy" }
local W_METHODS = { "write", "finish", "end", "cork", "uncork",
  "setDefaultEncoding", "destroy", "_state", "_errorOrDestroy" }

-- ---- Readable ------------------------------------------------------------------

local Readable = extend(Stream, "cstream.Readable")
Readable.__kind = core.READABLE
install(Readable, R_METHODS)
-- The keys Node's Readable constructor puts in _events (events.lua).
Readable._eventsShape = { "close", "error", "data", "end", "readable" }

-- self checked before EE.on adds anything: what follows needs a stream.
-- A class keeps its kind (a readable one is odd: READABLE is bit 1) as a
-- raw field, which saves the property read through __index on every on/off.
local function checkReadable(self, fname)
  if type(self) == "userdata" then
    local mt = getmetatable(self)
    if type(mt) == "table" and rawget(mt, "__cstream") == true then
      local kind = rawget(mt, "__kind")
      if type(kind) == "number" then
        if kind % 2 == 1 then return end
      elseif self.readable ~= nil then
        return
      end
    end
  end
  errors._selfError(fname, "cstream.Readable", self, 3)
end

function Readable:on(ev, fn)
  checkReadable(self, "on")
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
  checkReadable(self, "removeListener")
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
  checkReadable(self, "removeAllListeners")
  EE.removeAllListeners(self, ev)
  if ev == "readable" or ev == nil then self:_readableChanged() end
  return self
end

-- pipe/unpipe: lua/cstream/pipe.lua wires the listeners; the state is C's
-- (src/lcs_pipe.c).
local pipe = require("cstream.pipe")
Readable.pipe = pipe.pipe
Readable.unpipe = pipe.unpipe

-- wrap(oldStream): a classic emitter of 'data'/'end' with advisory pause().
function Readable:wrap(old)
  checkReadable(self, "wrap")
  if type(utils.field(old, "on")) ~= "function" then
    errors._argError(1, "wrap", "stream", old)
  end
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
Writable._eventsShape = { "close", "error", "prefinish", "finish", "drain" }

-- Node's Writable[Symbol.hasInstance]: a Duplex is a Writable too.
function Writable.isInstance(C, x)
  if isInstance(C, x) then return true end
  return C == Writable and stream.isStream(x) and x:_state().w ~= nil
end

function Writable:pipe()
  if not utils.isStream(self) then errors._selfError("pipe", "cstream.Writable", self) end
  self:_errorOrDestroy(errors.new("ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable"))
end

-- ---- Duplex, Transform, PassThrough ------------------------------------------------

local Duplex = extend(Readable, "cstream.Duplex")
-- The kinds are distinct bits: + is | and parses on 5.3 and LuaJIT too.
Duplex.__kind = core.READABLE + core.WRITABLE
install(Duplex, W_METHODS)
Duplex._eventsShape = { "close", "error", "prefinish", "finish", "drain", "data", "end",
  "readable" }

local Transform = extend(Duplex, "cstream.Transform")
Transform.__kind = core.READABLE + core.WRITABLE + core.TRANSFORM
-- Node's Transform.prototype._read; a subclass may replace it and call it.
Transform._read = core.methods._transformRead
-- What the listener instantiate adds runs: _flush, when the user has a _final.
Transform.__tprefinish = core.methods._transformPrefinish

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
-- Node's isDestroyed: `destroyed`, or marked so by stream.destroy (a legacy
-- emitter); false, not null, for what is no stream, as the predicates above.
function stream.isDestroyed(s) return utils.isDestroyed(s) == true end
-- Node's stream.destroy(s[, err]) (destroy.js destroyer): an unfinished
-- stream destroyed without an error gets an AbortError.
function stream.destroy(s, err) require("cstream.destroy").destroyer(s, err) end
function stream.errorOrDestroy(s, err, sync)
  if not utils.isStream(s) then errors._argError(1, "errorOrDestroy", "cstream stream", s) end
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
