-- cstream.await: what Node awaits (stream/promises, events.once), as
-- coroutine calls, and stream.async to start such a coroutine (API.md §9).
--   stream.await.pipeline(s1, ..., sN[, opts])  returns the pipeline's value
--   stream.await.finished(s[, opts])            returns once s is done
--   stream.await.once(emitter, name[, opts])    returns the event's values
--   stream.async(fn, ...)                       runs fn in a new coroutine
-- Each raises what the callback form would pass as its error. They wait
-- with iter.lua's waiters: the coroutine goes on one microtask after the
-- callback, where Node's awaited promise would resume it.
--
-- It fills in the table of await forms operators.lua returns, and returns
-- it (stream.await).

local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")
local utils = require("cstream.utils")

local type, error, pcall, select, getmetatable = type, error, pcall, select, getmetatable
local unpack, pack = require("cstream.compat").unpack, require("cstream.compat").pack
local cocreate, coresume = coroutine.create, coroutine.resume
local I = require("cstream.iter")
local Await = require("cstream.operators")

local A = stream._abort
local newWaiter, currentCoroutine = I.newWaiter, I.currentCoroutine

local argError = errors._argError

-- Waits until start(settle) has called settle(err, ...), then hops more
-- microtasks (default 1: an awaited promise); returns the values or
-- raises err.
local function waitFor(start, hops)
  local w = newWaiter()
  local over, failure, results = false, nil, nil
  start(function(err, ...)
    if over then return end
    over, failure = true, err
    if select("#", ...) > 0 then results = pack(...) end
    w.wake(hops or 1)
  end)
  while not over do w.wait() end
  if failure ~= nil then error(failure, 0) end
  if results then return unpack(results, 1, results.n) end
end

-- opts.cleanup (stream/promises' finished): true removes the listeners
-- finished() added once it has called back; any other true value is
-- ERR_INVALID_ARG_TYPE, as Node validates it only when it is truthy.
function Await.finished(s, opts)
  local autoCleanup = type(opts) == "table" and opts.cleanup
  if autoCleanup and autoCleanup ~= true then
    errors._argError(2, "finished", "table with a boolean as cleanup", autoCleanup)
  end
  currentCoroutine("stream.await.finished()")
  return waitFor(function(settle)
    local cleanup
    cleanup = stream.finished(s, opts, function(err)
      if autoCleanup and cleanup then cleanup() end
      settle(err)
    end)
  end)
end

function Await.pipeline(...)
  currentCoroutine("stream.await.pipeline()")
  local n = select("#", ...)
  local args = pack(...)
  return waitFor(function(settle)
    args[n + 1] = function(err, value) settle(err, value) end
    stream.pipeline(unpack(args, 1, n + 1))
  end)
end

-- Node's events.once: the values of the first `name` event; an 'error'
-- first (unless name is 'error') or an abort of opts.signal raises. Two
-- microtasks after the event: once() is an async function returning a
-- promise.
function Await.once(emitter, name, opts)
  local t = type(emitter)
  if (t ~= "table" and t ~= "userdata") or type(utils.field(emitter, "on")) ~= "function" then
    argError(1, "once", "emitter", emitter)
  end
  if opts ~= nil and type(opts) ~= "table" then argError(3, "once", "table", opts) end
  local signal = opts and opts.signal
  if signal ~= nil then A.check(signal, 3, "once") end
  currentCoroutine("stream.await.once()")
  if signal and signal.aborted then error(A.abortError(signal), 0) end
  return waitFor(function(settle)
    local onevent, onerror, onabort
    local function cleanup()
      emitter:removeListener(name, onevent)
      if onerror then emitter:removeListener("error", onerror) end
      if onabort then signal:removeListener("abort", onabort) end
    end
    function onevent(...)
      cleanup()
      settle(nil, ...)
    end
    emitter:on(name, onevent)
    if name ~= "error" then
      function onerror(err)
        cleanup()
        settle(err)
      end
      emitter:on("error", onerror)
    end
    if signal then
      function onabort()
        cleanup()
        settle(A.abortError(signal))
      end
      signal:once("abort", onabort)
    end
  end, 2)
end

-- An error nobody can catch: raised from a tick, it ends the program
-- with luv's uncaught report, as any error escaping a callback does.
local function uncaught(err)
  stream.nextTick(function() error(err, 0) end)
end
stream._uncaught = uncaught

-- stream.async(fn, ...): fn runs now, in a new coroutine, up to its first
-- wait (as calling a JS async function does); what escapes it is
-- uncaught, never raised here.
function stream.async(fn, ...)
  if type(fn) ~= "function" then
    local mt = getmetatable(fn)
    if not (type(mt) == "table" and mt.__call) then argError(1, "async", "function", fn) end
  end
  local co = cocreate(function(...)
    local ok, err = pcall(fn, ...)
    if not ok then uncaught(err) end
  end)
  local ok, err = coresume(co, ...)
  if not ok then uncaught(err) end
end

return Await
