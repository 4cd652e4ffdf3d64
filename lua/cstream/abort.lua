-- cstream.abort: AbortController, AbortSignal and addAbortSignal (API.md §9).
--
-- init.lua exports it as stream._abort, AbortController, AbortSignal and
-- addAbortSignal.
--
-- A signal is an emitter of 'abort' (Node's EventTarget is reduced to what
-- streams use: on/once/off and the addEventListener/removeEventListener
-- aliases). Listeners run synchronously inside abort(), as in Node.
-- AbortSignal.any() keeps its sources' dependents in weak tables, as Node
-- keeps weak references: a long-lived signal handed to many operators does
-- not hold every composite signal made from it.
local stream = require("cstream") -- first: init.lua registers it, then loads this module
local uv = require("cstream.uv").uv
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local events = require("cstream.events")

local type, getmetatable, setmetatable, error, pairs = type, getmetatable, setmetatable, error, pairs

local M = {}

local argError = errors._argError

-- Node's DOMException reasons, with string codes as cstream's errors have
-- (Node's are the legacy numbers 20 and 23).
local function defaultReason()
  return errors.new("ABORT_ERR", "This operation was aborted", { name = "AbortError" })
end
local function timeoutReason()
  return errors.new("TIMEOUT_ERR", "The operation was aborted due to timeout",
                    { name = "TimeoutError" })
end

-- Node's AbortError, as streams raise it: cause is the signal's reason.
function M.abortError(signal)
  local fields = { name = "AbortError" }
  if signal ~= nil then fields.cause = signal.reason end
  return errors.new("ABORT_ERR", "The operation was aborted", fields)
end

------------------------------------------------------------ AbortSignal

local AbortSignal = events.EventEmitter.extend(events.EventEmitter)
AbortSignal.__name = "cstream.AbortSignal"
AbortSignal.addEventListener = AbortSignal.on
AbortSignal.removeEventListener = AbortSignal.removeListener

function AbortSignal:initialize()
  if type(self) ~= "table" then errors._selfError("initialize", "AbortSignal", self) end
  self.aborted = false
end

local function isSignal(x)
  return type(x) == "table" and getmetatable(x) == AbortSignal
end
M.isSignal = isSignal

-- Raises (level 2: the caller of the checking function) unless x is a signal.
function M.check(x, n, fname)
  if not isSignal(x) then argError(n, fname, "AbortSignal", x, 3) end
end

local function signalAbort(s, reason)
  if s.aborted then return end
  if reason == nil then reason = defaultReason() end
  s.aborted = true
  s.reason = reason
  local deps = s._dependents
  s._dependents = nil
  s:emit("abort")
  if deps then
    for d in pairs(deps) do signalAbort(d, reason) end
  end
end

function AbortSignal:throwIfAborted()
  if not isSignal(self) then errors._selfError("throwIfAborted", "AbortSignal", self) end
  if self.aborted then error(self.reason, 2) end
end

function AbortSignal.abort(reason)
  local s = AbortSignal.new()
  signalAbort(s, reason)
  return s
end

-- Aborts after ms milliseconds; its timer does not keep the loop alive.
function AbortSignal.timeout(ms)
  if type(ms) ~= "number" or ms ~= ms or ms < 0 then
    argError(1, "timeout", "non-negative number", ms, 2)
  end
  local s = AbortSignal.new()
  local t = uv.new_timer()
  t:start(math.floor(math.min(ms, 2^52)), 0, stream._wrapcb(function()
    t:close()
    signalAbort(s, timeoutReason())
  end))
  t:unref()
  return s
end

function AbortSignal.any(list)
  if type(list) ~= "table" then argError(1, "any", "table of AbortSignal", list, 2) end
  for i = 1, #list do
    if not isSignal(list[i]) then argError(1, "any", "table of AbortSignal", list[i], 2) end
  end
  local s = AbortSignal.new()
  for i = 1, #list do
    if list[i].aborted then
      signalAbort(s, list[i].reason)
      return s
    end
  end
  for i = 1, #list do
    local src = list[i]
    local deps = src._dependents
    if not deps then
      deps = setmetatable({}, { __mode = "k" })
      src._dependents = deps
    end
    deps[s] = true
  end
  return s
end

------------------------------------------------------------ AbortController

local AbortController = { __name = "cstream.AbortController" }
AbortController.__index = AbortController

function AbortController.new()
  return setmetatable({ signal = AbortSignal.new() }, AbortController)
end

function AbortController:abort(reason)
  if type(self) ~= "table" or getmetatable(self) ~= AbortController then
    errors._selfError("abort", "AbortController", self)
  end
  signalAbort(self.signal, reason)
end

------------------------------------------------------------ helpers

-- Node's addAbortListener: fn runs once the signal aborts (a microtask
-- from now when it already has). Returns the function that stops it.
local function nop() end
function M.onAbort(signal, fn)
  if signal.aborted then
    stream.queueMicrotask(fn)
    return nop
  end
  signal:once("abort", fn)
  return function() signal:removeListener("abort", fn) end
end

-- stream.addAbortSignal(signal, s): s is destroyed with an AbortError
-- when signal aborts (at once when it has already).
function M.addAbortSignal(signal, s)
  if not isSignal(signal) then argError(1, "addAbortSignal", "AbortSignal", signal, 2) end
  if not stream.isStream(s) then
    -- Node takes any stream-like emitter (utils.js isNodeStream).
    if not utils.isNodeStream(s) then argError(2, "addAbortSignal", "stream", s, 2) end
  end
  return M.attach(signal, s)
end

-- The constructors' `signal` option; signal checked by the caller.
function M.attach(signal, s)
  local function onabort() s:destroy(M.abortError(signal)) end
  if signal.aborted then
    onabort()
  else
    signal:once("abort", onabort)
    stream.finished(s, function() signal:removeListener("abort", onabort) end)
  end
  return s
end

M.AbortController = AbortController
M.AbortSignal = AbortSignal

return M
