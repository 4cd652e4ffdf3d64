-- cstream.finished: Node's end-of-stream.js.
--
-- finished(s[, opts], callback): callback(err) once s has ended/finished,
-- errored, or closed early. Returns a function that removes the listeners.
-- Node's http request special cases are left out.
local stream = require("cstream") -- first: init.lua registers it, then loads this module
local core = require("cstream.core")
local errors = require("cstream.errors")
local utils = require("cstream.utils")

local type = type
local field, isFunction, getState = utils.field, utils.isFunction, utils.getState
local isReadableNodeStream, isWritableNodeStream = utils.isReadableNodeStream, utils.isWritableNodeStream
local isNodeStream, isReadable, isWritable = utils.isNodeStream, utils.isReadable, utils.isWritable
local isReadableFinished, isWritableFinished = utils.isReadableFinished, utils.isWritableFinished
local erroredOf, isClosed, willEmitClose = utils.erroredOf, utils.isClosed, utils.willEmitClose
local off, argError = utils.off, errors._argError

local function nop() end

local function nextTick(fn, a, b)
  core.nextTick(function() fn(a, b) end)
end

local function prematureClose()
  return errors.new("ERR_STREAM_PREMATURE_CLOSE", "Premature close")
end

local function finished(s, opts, callback)
  if callback == nil and isFunction(opts) then
    callback, opts = opts, nil
  elseif not isFunction(callback) then
    -- Lua's numbering: with two arguments the callback is #2.
    if callback == nil then argError(2, "finished", "function", opts) end
    argError(3, "finished", "function", callback)
  end
  if opts ~= nil and type(opts) ~= "table" then
    argError(2, "finished", "table", opts)
  end
  if not isNodeStream(s) then argError(1, "finished", "stream", s) end
  opts = opts or {}
  local signal = opts.signal
  if signal ~= nil and not stream._abort.isSignal(signal) then
    argError(2, "finished", "table with an AbortSignal as signal", signal)
  end

  local called = false
  local function cb(err)
    if called then return end
    called = true
    callback(err)
  end

  local readable = opts.readable
  if readable == nil then readable = isReadableNodeStream(s) end
  local writable = opts.writable
  if writable == nil then writable = isWritableNodeStream(s) end
  local st0 = getState(s)
  local hasW = st0 and st0.w ~= nil

  -- A stream that will emit 'close' is only done at 'close', unless user
  -- space destroys it in a way that makes that promise void.
  local emitsClose = willEmitClose(s) and
    isReadableNodeStream(s) == readable and isWritableNodeStream(s) == writable

  local writableFinished = isWritableFinished(s, false)
  local readableFinished = isReadableFinished(s, false)

  local function onfinish()
    writableFinished = true
    if field(s, "destroyed") then emitsClose = false end
    if emitsClose and (not field(s, "readable") or readable) then return end
    if not readable or readableFinished then cb() end
  end

  local function onlegacyfinish()
    if not field(s, "writable") then onfinish() end
  end

  local function onend()
    readableFinished = true
    if field(s, "destroyed") then emitsClose = false end
    if emitsClose and (not field(s, "writable") or writable) then return end
    if not writable or writableFinished then cb() end
  end

  local function onerror(err) cb(err) end

  local function onclose()
    local errored = erroredOf(s)
    if errored ~= nil then return cb(errored) end
    if readable and not readableFinished and isReadableNodeStream(s, true) then
      if not isReadableFinished(s, false) then return cb(prematureClose()) end
    end
    if writable and not writableFinished then
      if not isWritableFinished(s, false) then return cb(prematureClose()) end
    end
    cb()
  end

  local function onclosed()
    local errored = erroredOf(s)
    if errored ~= nil then return cb(errored) end
    cb()
  end

  local closed = isClosed(s)

  if writable and not hasW then -- legacy streams
    s:on("end", onlegacyfinish)
    s:on("close", onlegacyfinish)
  end
  local aborted = not emitsClose and type(field(s, "aborted")) == "boolean"
  if aborted then s:on("aborted", onclose) end
  s:on("end", onend)
  s:on("finish", onfinish)
  if opts.error ~= false then s:on("error", onerror) end
  s:on("close", onclose)

  local w, r = st0 and st0.w, st0 and st0.r
  if closed then
    nextTick(onclose)
  elseif (w and w.errorEmitted) or (r and r.errorEmitted) then
    if not emitsClose then nextTick(onclosed) end
  elseif not readable and (not emitsClose or isReadable(s)) and
         (writableFinished or isWritable(s) == false) and
         (w == nil or w.pendingcb == nil or w.pendingcb == 0) then
    nextTick(onclosed)
  elseif not writable and (not emitsClose or isWritable(s)) and
         (readableFinished or isReadable(s) == false) then
    nextTick(onclosed)
  end

  local stopAbort
  local function cleanup()
    callback = nop
    if stopAbort then stopAbort() end
    if aborted then off(s, "aborted", onclose) end
    off(s, "end", onlegacyfinish)
    off(s, "close", onlegacyfinish)
    off(s, "finish", onfinish)
    off(s, "end", onend)
    off(s, "error", onerror)
    off(s, "close", onclose)
  end

  -- Node's `signal` option: an abort calls back with an AbortError and
  -- stops listening (the stream itself is left alone).
  if signal ~= nil and not closed then
    local function abort()
      local endCallback = callback
      cleanup()
      if not called then
        called = true
        endCallback(stream._abort.abortError(signal))
      end
    end
    if signal.aborted then
      nextTick(abort)
    else
      signal:once("abort", abort)
      stopAbort = function() signal:removeListener("abort", abort) end
      local original = callback
      callback = function(err)
        stopAbort()
        original(err)
      end
    end
  end

  return cleanup
end

return { finished = finished, prematureClose = prematureClose }
