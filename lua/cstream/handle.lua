-- cstream.handle: a Duplex over a luv stream handle (TCP, pipe, TTY), after
-- Node's net.Socket: reading follows the readable buffer (read_stop when
-- push returns false, read_start again in _read), a write completes on its
-- uv write callback, _final shuts the write side down, _destroy closes the
-- handle and 'close' follows the handle's close callback.

local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")
local guard = require("cstream.compat").guard

local type, pairs, pcall, setmetatable = type, pairs, pcall, setmetatable

-- luv hands stream callbacks the bare error name ("ECONNRESET") and sync
-- failures as (nil, "ECONNRESET: connection reset by peer", "ECONNRESET").
local luvError = errors.fromLuv

-- Is the handle closing or closed?  A handle the user closed under the
-- stream is gone once its close callback ran: luv then raises "bad self"
-- for every method, is_closing included.
local function gone(h)
  local ok, closing = pcall(h.is_closing, h)
  return not ok or closing
end

-- fromHandle options that are ours, not the stream core's.
local PRIVATE = { closeHandle = true, shutdown = true, manualStart = true }

local M = {}

-- Every luv callback is wrapped so that the tick queue drains after it.
local wrap = stream._wrapcb

local Socket = stream.Duplex:extend("cstream.Socket")
M.Socket = Socket

-- SIGPIPE never kills the process: a write into a pipe or socket whose
-- reader is gone fails with EPIPE on the stream (the core's ignoreSigpipe,
-- set when this module loads and again for each new socket).
local ignoreSigpipe = stream._ignoreSigpipe
ignoreSigpipe()

local function closeOrphan(h)
  if not gone(h) then h:close() end
end

-- Closes the handle of a socket collected undestroyed (while it reads,
-- luv's reference to the read callback keeps the socket alive). The close
-- waits for a tick: inside lua_close that tick never comes and luv closes
-- its handles itself, which a handle already closing would upset (luv
-- then frees it before libuv is done with it).
local Guard = {
  __gc = function(g)
    local h = g.handle
    if h then
      g.handle = nil
      stream.nextTick(closeOrphan, h)
    end
  end,
}

local function hold(self)
  self._guard = guard({ handle = self._handle }, Guard)
end

local function release(self)
  local g = self._guard
  if g then g.handle = nil end
end

local function stopReading(self)
  if self._reading then
    self._reading = false
    local h = self._handle
    if not gone(h) then h:read_stop() end
  end
end

local function startReading(self)
  local h = self._handle
  if self._reading or gone(h) then return end
  self._reading = true
  local ok, msg, name = h:read_start(self._onread)
  if not ok then
    self._reading = false
    if name == "ENOTCONN" then
      self:push(nil) -- a handle without a read side (write-only pipe)
    else
      self:destroy(luvError(msg, name, "read"))
    end
  end
end

local function onread(self, err, data)
  if err then
    self._reading = false
    self:destroy(luvError(err, nil, "read"))
  elseif data == nil then
    -- libuv has stopped reading at EOF.
    self._reading = false
    self:push(nil)
    self:read(0)
  elseif #data > 0 then
    self.bytesRead = self.bytesRead + #data
    if not self:push(data) then stopReading(self) end
  end
end

function Socket:initialize(_, handle, priv)
  self._handle = handle
  self._reading = false
  self._closeHandle = priv.closeHandle ~= false
  self._shutdown = priv.shutdown ~= false
  self.bytesRead = 0
  self.bytesWritten = 0
  self._onread = wrap(function(err, data) onread(self, err, data) end)
  ignoreSigpipe()
  if self._closeHandle then hold(self) end
end

function Socket:_read()
  startReading(self)
end

local function write(self, data, size, cb)
  local h = self._handle
  if gone(h) then
    cb(errors.new("ERR_STREAM_DESTROYED",
      "Cannot call write after a stream was destroyed"))
    return
  end
  -- As Node's stream_base: try the write at once, and what the kernel took
  -- whole completes now (writableLength drops before write() returns).
  local n, tmsg, tname = h:try_write(data)
  if n == size then
    self.bytesWritten = self.bytesWritten + size
    cb()
    return
  elseif n and n > 0 then
    if type(data) == "table" then data = table.concat(data) end
    data = data:sub(n + 1)
  elseif n == nil and tname ~= "EAGAIN" and tname ~= "ENOSYS" then
    cb(luvError(tname or tmsg, tname, "write")) -- Node's wording: "write EPIPE"
    return
  end
  local ok, msg, name = h:write(data, wrap(function(err)
    if err then cb(luvError(err, nil, "write")) else cb() end
  end))
  if ok then
    self.bytesWritten = self.bytesWritten + size
  else
    cb(luvError(msg, name, "write"))
  end
end

function Socket:_write(chunk, _, cb)
  write(self, chunk, #chunk, cb)
end

function Socket:_writev(chunks, cb)
  local list, size = {}, 0
  for i = 1, #chunks do
    local c = chunks[i].chunk
    list[i] = c
    size = size + #c
  end
  write(self, list, size, cb)
end

function Socket:_final(cb)
  local h = self._handle
  if not self._shutdown or gone(h) then
    cb()
    return
  end
  -- As net.Socket, the shutdown's own status is not reported.
  local ok, msg, name = h:shutdown(wrap(function() cb() end))
  if not ok then
    if name == "ENOTCONN" then cb() else cb(luvError(msg, name, "shutdown")) end
  end
end

-- As net.Socket (emitClose false): the destroy completes at once ('error'
-- on the next tick), and 'close'(hadError) comes from the handle's close
-- callback. A stream that keeps its handle (stdout, stderr) emits 'close'
-- without an argument on the next tick, as process.stdout's dummyDestroy.
function Socket:_destroy(err, cb)
  stopReading(self)
  local h = self._handle
  local hadError = err ~= nil
  if not self._closeHandle or gone(h) then
    release(self)
    cb(err)
    stream.nextTick(function() self:emit("close") end)
    return
  end
  h:close(wrap(function()
    release(self)
    self:emit("close", hadError)
  end))
  cb(err)
end

-- Wraps handle; opts are Duplex options (allowHalfOpen defaults to false,
-- as net.Socket), manualStart (net.Socket's: do not start reading before
-- the first read) and the private closeHandle/shutdown flags.
function M.fromHandle(handle, opts)
  local ok, isStream = pcall(function()
    return type(handle) == "userdata" and type(handle.read_start) == "function"
  end)
  if not (ok and isStream) then
    error(errors.new("ERR_INVALID_ARG_TYPE",
      "bad argument #1 to 'fromHandle' (luv stream handle expected, got " ..
      type(handle) .. ")"), 2)
  end
  local o, priv = {}, {}
  for k, v in pairs(opts or {}) do
    if PRIVATE[k] then priv[k] = v else o[k] = v end
  end
  if o.allowHalfOpen == nil then o.allowHalfOpen = false end
  o.emitClose = false  -- Socket:_destroy emits 'close' itself
  local s = Socket.new(o, handle, priv)
  -- As net.Socket, read at once (up to highWaterMark), so that a peer's
  -- EOF ends an unconsumed but empty readable side.
  if not priv.manualStart and o.readable ~= false then s:read(0) end
  return s
end

return M
