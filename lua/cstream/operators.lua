-- cstream.operators: Node 20's Readable operators (lib/internal/streams/
-- operators.js), API.md §9.
--   r:map(fn[, opts]), filter, flatMap, drop(n[, opts]), take(n[, opts])
--       return a Readable.from of the operator's generator, as Node's do;
--   r:toArray([opts,] cb), forEach(fn[, opts], cb), some/every/find(fn[, opts], cb),
--   reduce(fn[, initial][, opts], cb) call cb(err, value); their coroutine
--   forms are stream.await.toArray(r[, opts]), ...
--
-- Returns the await forms (await.lua completes them).
--
-- The generators are Lua functions that Readable.from calls in its own
-- coroutine; where Node awaits they wait with iter.lua's waiters, so a
-- value reaches the consumer after as many microtasks as in Node (give or
-- take the ticks of Node's async wrappers around filter and forEach).
-- A function given to map/filter/forEach/some/every/find runs in a worker
-- coroutine (reused once it returns) so that it may wait; the queue of
-- results in flight is two arrays indexed by position, so a chunk costs no
-- table of its own.

local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")
local utils = require("cstream.utils")

local type, error, pcall, select, getmetatable = type, error, pcall, select, getmetatable
local setmetatable, pairs, tostring = setmetatable, pairs, tostring
local running, yield = coroutine.running, coroutine.yield
local cocreate, coresume = coroutine.create, coroutine.resume
local floor, huge = math.floor, math.huge
local I = require("cstream.iter")

local A = stream._abort
local Readable = stream.Readable
local newWaiter, later, iterate, each = I.newWaiter, I.later, I.iter, I.each
local currentCoroutine = I.currentCoroutine

------------------------------------------------------------ arguments

-- Blames the caller of the operator (checks run one call below it).
local function argError(n, fname, expected, got)
  errors._argError(n, fname, expected, got, 4)
end

local function rangeError(name, range, got)
  error(errors.new("ERR_OUT_OF_RANGE", ('The value of "%s" is out of range. It must be %s. Received %s')
    :format(name, range, tostring(got))), 4)
end

local function checkFn(fn, n, fname)
  if type(fn) ~= "function" then
    local mt = getmetatable(fn)
    if not (type(mt) == "table" and mt.__call) then argError(n, fname, "function", fn) end
  end
end

local function checkOpts(opts, n, fname)
  if opts == nil then return end
  if type(opts) ~= "table" then argError(n, fname, "table", opts) end
  if opts.signal ~= nil and not A.isSignal(opts.signal) then
    argError(n, fname, "table with an AbortSignal as signal", opts.signal)
  end
  if opts.concurrency ~= nil and type(opts.concurrency) ~= "number" then
    argError(n, fname, "table with a number as concurrency", opts.concurrency)
  end
  if opts.highWaterMark ~= nil and type(opts.highWaterMark) ~= "number" then
    argError(n, fname, "table with a number as highWaterMark", opts.highWaterMark)
  end
end

local function checkStream(r, fname)
  if not stream.isStream(r) or type(r.read) ~= "function" then argError(1, fname, "Readable", r) end
end

local function checkCount(n, fname)
  if type(n) ~= "number" then argError(1, fname, "number", n) end
  if n ~= n then return 0 end
  if n < 0 then rangeError("number", ">= 0", n) end
  return n
end

local function abortError(signal) return A.abortError(signal) end

-- Readable.from(gen), with finally() run when the stream is destroyed
-- (Node's from.js calls the generator's return(), which runs its finally
-- blocks, and leaves it done: a destroy from inside push still ends it).
local function fromGenerator(gen, finally)
  local r = Readable.from(I.generator(gen))
  local destroy = r._destroy
  r._destroy = function(self, err, cb)
    finally()
    return destroy(self, err, cb)
  end
  return r
end

-- Leaving Node's for-await early: the source's iterator is returned.
local function closeIter(it)
  if it then getmetatable(it).__close(it) end
end

------------------------------------------------------------ map

-- Queue slot states.
local PENDING, OK, ERR, EMPTY, EOF = 0, 1, 2, 3, 4
local RUN = setmetatable({}, { __name = "cstream.run" })
local USED = RUN -- flatMap: the string was given out

-- Node's map(); kind "filter" keeps the chunk when fn's result is truthy
-- (Lua's truth), "forEach" keeps nothing. A map result of nil drops the
-- chunk (Node's kEmpty).
local function mapGenerator(source, fn, opts, kind)
  local concurrency = 1
  if opts and opts.concurrency ~= nil then
    local c = opts.concurrency
    concurrency = floor(c)
  end
  local hwm = concurrency - 1
  if opts and opts.highWaterMark ~= nil then
    local h = opts.highWaterMark
    hwm = floor(h)
  end
  if concurrency ~= concurrency or concurrency < 1 or concurrency == huge then
    rangeError("options.concurrency", ">= 1 && <= 9007199254740991", concurrency)
  end
  if hwm ~= hwm or hwm < 0 or hwm == huge then
    rangeError("options.highWaterMark", ">= 0 && <= 9007199254740991", hwm)
  end
  hwm = hwm + concurrency

  local signal = A.AbortSignal.any(opts and opts.signal and { opts.signal } or {})
  local fnOpts = { signal = signal }
  local qs, qv = {}, {}      -- states and values of the slots [head, tail)
  local head, tail = 1, 1
  local done, cnt = false, 0
  local started, yielded = false, false
  local waitNext, waitHead, waitResume = false, false, false
  local cw, pw = newWaiter(), newWaiter() -- the consumer's and pump's awaits
  local idle, nidle = {}, 0              -- parked workers

  local function maybeResume()
    if waitResume and not done and cnt < concurrency and tail - head < hwm then
      waitResume = false
      pw.wake(1)
    end
  end
  local function afterItemProcessed()
    cnt = cnt - 1
    maybeResume()
  end
  local function onCatch()
    done = true
    afterItemProcessed()
  end

  -- fn's promise settling: its .then() reactions run a microtask later.
  local function settle(slot, ok, v)
    local st = OK
    if not ok then
      st, qv[slot] = ERR, v
    elseif kind == "filter" then
      if not v then st = EMPTY end
    elseif kind == "forEach" or v == nil then
      st = EMPTY
      qv[slot] = nil
    else
      qv[slot] = v
    end
    qs[slot] = st
    later(1, st == ERR and onCatch or afterItemProcessed)
    if waitHead and slot == head then
      waitHead = false
      cw.wake(1)
    end
  end

  -- filter's and forEach's functions are Node's async wrappers, which
  -- await fn's result: one microtask more before they settle.
  local wrapped = kind ~= "map"
  local function work(_, slot, chunk)
    local w = wrapped and newWaiter()
    while true do
      local ok, v = pcall(fn, chunk, fnOpts)
      if w then w.hop(1) end
      settle(slot, ok, v)
      chunk = nil
      nidle = nidle + 1
      idle[nidle] = running()
      local m
      repeat m, slot, chunk = yield() until m == RUN
    end
  end

  local function start(slot, chunk)
    local co
    if nidle > 0 then
      co = idle[nidle]
      idle[nidle] = nil
      nidle = nidle - 1
    else
      co = cocreate(work)
    end
    local ok, err = coresume(co, RUN, slot, chunk)
    if not ok then error(err, 0) end
  end

  local function push(st, v)
    qs[tail], qv[tail] = st, v
    tail = tail + 1
    if waitNext then
      waitNext = false
      cw.wake(1)
    end
  end

  local function pumpLoop()
    -- each(), not a generic for: leaving early destroys the source on
    -- every Lua, not only where the for has a closing value (5.4).
    local ended = each(source, function(chunk)
      if done then return false end
      if signal.aborted then error(abortError(), 0) end
      local slot = tail
      cnt = cnt + 1
      push(PENDING, chunk)
      start(slot, chunk)
      if not done and (tail - head >= hwm or cnt >= concurrency) then
        waitResume = true
        repeat pw.wait() until not waitResume
      end
    end)
    if ended then push(EOF) end
  end

  local function pump()
    local ok, err = pcall(pumpLoop)
    if not ok then -- Node counts this one down without counting it up
      push(ERR, err)
      later(1, onCatch)
    end
    done = true
    if waitNext then
      waitNext = false
      cw.wake(1)
    end
  end

  local function finally()
    done = true
    if waitResume then
      waitResume = false
      pw.wake(1)
    end
  end

  local function shift()
    qs[head], qv[head] = nil, nil
    head = head + 1
    -- Empty, so no worker holds a slot: start again at 1, which keeps
    -- both arrays small.
    if head == tail then head, tail = 1, 1 end
    maybeResume()
  end

  local function nextValue()
    if not started then
      started = true
      local ok, err = coresume(cocreate(pump))
      if not ok then error(err, 0) end
    end
    if yielded then
      yielded = false
      shift()
    end
    while true do
      while head < tail do
        if qs[head] == PENDING then -- await queue[0]
          waitHead = true
          repeat cw.wait() until qs[head] ~= PENDING
          waitHead = false
        else
          cw.hop(1)
        end
        local st, v = qs[head], qv[head]
        if st == EOF then
          finally()
          return nil
        elseif st == ERR then
          finally()
          error(v, 0)
        elseif signal.aborted then
          finally()
          error(abortError(), 0)
        elseif st ~= EMPTY then
          yielded = true
          return v
        end
        shift()
      end
      waitNext = true
      repeat cw.wait() until not waitNext
    end
  end

  return nextValue, finally
end

local function mapStream(source, fn, opts, kind)
  return fromGenerator(mapGenerator(source, fn, opts, kind))
end

-- Node's forEach, some and find iterate map's generator itself, not a
-- stream of it: `for await` over an async generator, whose yield awaits.
local function eachOf(source, fn, opts, kind, body)
  local nextValue, finally = mapGenerator(source, fn, opts, kind)
  local w = newWaiter()
  local ok, found, value = pcall(function()
    while true do
      local v = nextValue()
      if v == nil then return false end
      w.hop(2)
      if body(v) then
        -- Leaving for-await early: the generator's return() is awaited,
        -- its finally block running on the way.
        w.hop(1)
        finally()
        w.hop(2)
        return true, v
      end
    end
  end)
  finally()
  if not ok then error(found, 0) end
  return found, value
end

------------------------------------------------------------ stream-returning

local function map(r, fn, opts)
  checkFn(fn, 1, "map")
  checkOpts(opts, 2, "map")
  return mapStream(r, fn, opts, "map")
end

local function filter(r, fn, opts)
  checkFn(fn, 1, "filter")
  checkOpts(opts, 2, "filter")
  return mapStream(r, fn, opts, "filter")
end

-- Node's yield* over what fn returned; anything but a stream goes through
-- Readable.from (a string is one chunk).
local function flatMap(r, fn, opts)
  checkFn(fn, 1, "flatMap")
  checkOpts(opts, 2, "flatMap")
  local nextMapped, finishMap = mapGenerator(r, fn, opts, "map")
  local w = newWaiter()
  local list, idx, one, inner
  local function nextValue()
    while true do
      -- Node's yield* over a sync iterable awaits each value (one
      -- microtask) and its end (two); a string is a list of one here.
      if list then
        idx = idx + 1
        local v = list[idx]
        if v ~= nil then
          w.hop(1)
          return v
        end
        list = nil
        w.hop(2)
      elseif one == USED then
        one = nil
        w.hop(2)
      elseif one ~= nil then
        local v = one
        one = USED
        w.hop(1)
        return v
      elseif inner then
        local v = inner()
        if v ~= nil then return v end
        inner = nil
      end
      local val = nextMapped()
      if val == nil then return nil end
      w.hop(2) -- for await over map's generator
      if type(val) == "string" then
        one = val
      elseif type(val) == "table" and not utils.isReadableNodeStream(val) then
        list, idx = val, 0
      else
        if not stream.isStream(val) then val = Readable.from(val) end
        inner = iterate(val)
      end
    end
  end
  return fromGenerator(nextValue, function()
    finishMap()
    if inner then inner.close() end
  end)
end

local function drop(r, n, opts)
  n = checkCount(n, "drop")
  checkOpts(opts, 2, "drop")
  local signal = opts and opts.signal
  local it
  local function nextValue()
    if not it then
      if signal and signal.aborted then error(abortError(), 0) end
      it = iterate(r)
    end
    while true do
      local v = it()
      if v == nil then return nil end
      if signal and signal.aborted then
        closeIter(it)
        error(abortError(), 0)
      end
      local m = n
      n = n - 1
      if m <= 0 then return v end
    end
  end
  return fromGenerator(nextValue, function() if it then it.close() end end)
end

local function take(r, n, opts)
  n = checkCount(n, "take")
  checkOpts(opts, 2, "take")
  local signal = opts and opts.signal
  local it
  local function nextValue()
    if not it then
      if signal and signal.aborted then error(abortError(), 0) end
      it = iterate(r)
    elseif n <= 0 then -- after a yield: "don't get another item"
      closeIter(it)
      return nil
    end
    local v = it()
    if v == nil then return nil end
    if signal and signal.aborted then
      closeIter(it)
      error(abortError(), 0)
    end
    local m = n
    n = n - 1
    if m > 0 then return v end
    closeIter(it)
    return nil
  end
  return fromGenerator(nextValue, function() if it then it.close() end end)
end

------------------------------------------------------------ value-returning

local function toArray(r, opts)
  local signal = opts and opts.signal
  local result, n = {}, 0
  each(r, function(v)
    if signal and signal.aborted then error(abortError(signal), 0) end
    n = n + 1
    result[n] = v
  end)
  return result
end

local function never() return false end
local function always() return true end

local function forEach(r, fn, opts)
  eachOf(r, fn, opts, "forEach", never)
  return nil
end

local function some(r, fn, opts)
  return eachOf(r, fn, opts, "filter", always) == true
end

local function find(r, fn, opts)
  local found, v = eachOf(r, fn, opts, "filter", always)
  if found then return v end
  return nil
end

local function every(r, fn, opts)
  return not some(r, function(...) return not fn(...) end, opts)
end

-- Node's `await finished(s)`, errors returned.
local function awaitFinished(s)
  local w = newWaiter()
  local over, failure = false, nil
  stream.finished(s, function(err)
    over, failure = true, err
    w.wake(1)
  end)
  while not over do w.wait() end
  return failure
end

local function nop() end

local function reduce(r, reducer, hasInitial, value, opts)
  local signal = opts and opts.signal
  if signal and signal.aborted then
    local err = abortError(signal)
    r:once("error", nop) -- the error is already on its way
    r:destroy(err)
    awaitFinished(r)
    error(err, 0)
  end
  local ac = A.AbortController.new()
  local stop
  if signal then
    local function onabort() ac:abort() end
    signal:once("abort", onabort)
    stop = function() signal:removeListener("abort", onabort) end
  end
  local fnOpts = { signal = ac.signal }
  local ok, err = pcall(function()
    local got = false
    each(r, function(v)
      got = true
      if signal and signal.aborted then error(abortError(), 0) end
      if not hasInitial then
        value, hasInitial = v, true
      else
        value = reducer(value, v, fnOpts)
      end
    end)
    if not got and not hasInitial then
      error(errors.new("ERR_MISSING_ARGS", "Reduce of an empty stream requires an initial value",
                       { name = "TypeError" }), 0)
    end
  end)
  if stop then stop() end
  ac:abort()
  if not ok then error(err, 0) end
  return value
end

------------------------------------------------------------ the two forms

-- Runs body(...) in a new coroutine; cb(err, value) when it is over. An
-- error cb raises is uncaught.
local function spawn(cb, body, ...)
  local co = cocreate(function(...)
    local ok, v = pcall(body, ...)
    if ok then ok, v = pcall(cb, nil, v) else ok, v = pcall(cb, v) end
    if not ok then stream._uncaught(v) end
  end)
  local ok, err = coresume(co, ...)
  if not ok then error(err, 0) end
end

local function lastIsCallback(fname, n, cb)
  if type(cb) ~= "function" then argError(n, fname, "function", cb) end
end

local Await = {}
local methods = {}

function methods.toArray(r, ...)
  local n = select("#", ...)
  local opts, cb = nil, n > 0 and (select(n, ...)) or nil
  if n > 1 then opts = ... end
  lastIsCallback("toArray", n, cb)
  checkOpts(opts, 1, "toArray")
  spawn(cb, toArray, r, opts)
end
function Await.toArray(r, opts)
  checkStream(r, "toArray")
  checkOpts(opts, 2, "toArray")
  currentCoroutine("stream.await.toArray()")
  return toArray(r, opts)
end

-- fn[, opts], cb
local function withFn(name, body)
  methods[name] = function(r, fn, ...)
    local n = select("#", ...)
    local opts, cb = nil, n > 0 and (select(n, ...)) or nil
    if n > 1 then opts = ... end
    checkFn(fn, 1, name)
    lastIsCallback(name, n + 1, cb)
    checkOpts(opts, 2, name)
    spawn(cb, body, r, fn, opts)
  end
  Await[name] = function(r, fn, opts)
    checkStream(r, name)
    checkFn(fn, 2, name)
    checkOpts(opts, 3, name)
    currentCoroutine("stream.await." .. name .. "()")
    return body(r, fn, opts)
  end
end
withFn("forEach", forEach)
withFn("some", some)
withFn("every", every)
withFn("find", find)

-- reduce(fn[, initial][, opts], cb): the initial value and the options
-- are told apart by position; a nil initial is no initial.
function methods.reduce(r, fn, ...)
  local n = select("#", ...)
  local cb = n > 0 and (select(n, ...)) or nil
  checkFn(fn, 1, "reduce")
  lastIsCallback("reduce", n + 1, cb)
  local initial, opts
  if n > 1 then initial = ... end
  if n > 2 then opts = select(2, ...) end
  checkOpts(opts, 3, "reduce")
  spawn(cb, reduce, r, fn, initial ~= nil, initial, opts)
end
function Await.reduce(r, fn, initial, opts)
  checkStream(r, "reduce")
  checkFn(fn, 2, "reduce")
  checkOpts(opts, 4, "reduce")
  currentCoroutine("stream.await.reduce()")
  return reduce(r, fn, initial ~= nil, initial, opts)
end

-- Node 20's Readable.prototype.compose(stream[, opts]) (operators.js):
-- stream.compose(self, stream), aborted by opts.signal, and as every stream
-- operator of Node's stream.js, handed back through Readable.from (so a
-- Readable, object mode, highWaterMark 1, that reads the composed Duplex
-- once read from). A stream that is not writable is ERR_INVALID_ARG_VALUE;
-- stream may be anything compose takes as a stage (a function included).
function methods.compose(r, s, opts)
  checkOpts(opts, 2, "compose")
  if utils.isNodeStream(s) and not utils.isWritable(s) then
    error(errors.new("ERR_INVALID_ARG_VALUE",
      "The argument 'stream' must be writable. Received " .. tostring(s)), 2)
  end
  local composed = stream.compose(r, s)
  if opts and opts.signal ~= nil then stream.addAbortSignal(opts.signal, composed) end
  return Readable.from(composed)
end

methods.map, methods.filter, methods.flatMap = map, filter, flatMap
methods.drop, methods.take = drop, take

local Duplex = stream.Duplex
for name, f in pairs(methods) do
  Readable[name] = f
  if Duplex and Duplex[name] ~= f then Duplex[name] = f end
end

return Await
