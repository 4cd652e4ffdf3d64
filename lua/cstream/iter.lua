-- cstream.iter: the coroutine side of streams (API.md §6, §7).
--   stream.Readable.from(src[, opts])    Node's Readable.from (from.js)
--   for chunk in r:iter([opts]) do ... end   Node's for await (createAsyncIterator)
--   r:each(fn[, opts])                   the same loop, leaving it early on every Lua
--   r:collect(callback)                  callback(err, string or array)
--   w:writeAsync(chunk[, encoding])      write, waiting for 'drain'
--
-- Requiring it installs Readable.from, iter() and the coroutine forms.
--
-- Waiting means yielding the running coroutine; whoever resumed it gets
-- control back. Every place where Node's code awaits a promise suspends the
-- coroutine for as many microtasks (stream.queueMicrotask) as that await
-- takes in Node 20, even when the value is already there: a for-await step
-- over a buffered chunk, a generator's value reaching Readable.from, the
-- resumption after `await once(w, 'drain')`. So user code never runs nested
-- inside the emit that woke it, and it interleaves with ticks and other
-- promise-like work as it would in Node.
-- A coroutine.wrap generator may wait (on source:iter(), writeAsync) when
-- Readable.from or pipeline drives it; code that calls such a generator
-- itself would receive the private WAIT marker as a value.
-- One coroutine at a time may wait on a given iterator.

local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local finished = require("cstream.finished").finished
local prematureClose = require("cstream.finished").prematureClose
local destroyer = require("cstream.destroy").destroyer
local asSource = require("cstream.pipeline").asSource
local keepTraceback = require("cstream.core").keepTraceback

local type, error, pcall = type, error, pcall
local setmetatable, getmetatable, pairs = setmetatable, getmetatable, pairs
local running, yield, isyieldable =
  require("cstream.compat").running, coroutine.yield, coroutine.isyieldable
-- compat.coclose: before 5.4 a suspended coroutine is only marked as
-- closed (compat.closed), never resumed again (docs/API.md, Lua versions).
local compat = require("cstream.compat")
local cocreate, coresume, costatus, coclose, coclosed =
  coroutine.create, coroutine.resume, coroutine.status, compat.coclose, compat.closed
local concat = table.concat

local M = {}

local Readable, Writable = stream.Readable, stream.Writable
local queueMicrotask, nextTick = stream.queueMicrotask, stream.nextTick

local argError = errors._argError
local isStream, isCallable = utils.isStream, utils.isCallable

-- The running coroutine, or an error when it cannot be suspended.
local function currentCoroutine(fname)
  local co, main = running()
  if main or not isyieldable() then
    error(errors.new("ERR_INVALID_STATE",
      "Invalid state: " .. fname .. " must be called inside a coroutine"), 3)
  end
  return co
end

-- Runs fn n microtasks from now (n >= 1): where the reaction to the n-th
-- of n chained promise settlements would run.
local function later(n, fn)
  if n > 1 then return queueMicrotask(later, n - 1, fn) end
  queueMicrotask(fn)
end

-- Waiting yields WAIT. Whoever resumed the waiting coroutine gets it; a
-- coroutine.wrap generator passes it on as its "value", and the driver that
-- receives it (Readable.from) re-targets the waiter to its own coroutine and
-- yields too: the wake-up then resumes the driver, which calls the
-- generator again, which resumes inside wait(). Without this, a generator
-- that waits on source:iter() would look like one that ended.
local WAIT = setmetatable({}, { __name = "cstream.wait",
                                __tostring = function() return "cstream.wait" end })
local pending -- the waiter that yielded WAIT last

-- One suspension at a time, numbered. wait() lasts until wake(n) has run
-- and n more microtasks have passed (an awaited promise resolved then);
-- hop(n) is an await of a value already there, n microtasks long. A
-- resume by anyone else ends a suspension early; callers re-check their
-- condition. The caller has checked that it runs in a coroutine.
local function newWaiter()
  local w = {}
  local co, target
  local seq = 0
  local live = false    -- suspension seq is in progress
  local waiting = false -- ... and it is a wait(), which wake() ends

  local function resumer(n)
    return function()
      if not live or seq ~= n or costatus(target) ~= "suspended" or coclosed(target) then
        return
      end
      live = false
      local ok, err = coresume(target)
      if not ok then keepTraceback(err, target); error(err, 0) end
    end
  end

  local function suspend(hops)
    co = running()
    target = co
    seq = seq + 1
    live = true
    if hops then later(hops, resumer(seq)) else waiting = true end
    pending = w
    yield(WAIT)
    if pending == w then pending = nil end
    live, waiting = false, false
  end

  function w.wait() suspend(nil) end
  function w.hop(n) suspend(n) end
  -- The suspension will end by itself: a hop, or a wait already woken.
  function w.settling() return live and not waiting end
  function w.wake(n)
    if not waiting then return end
    waiting = false
    later(n, resumer(seq))
  end
  function w.retarget(c)
    target = c
    return co
  end
  return w
end

------------------------------------------------------------ r:iter()

-- for chunk in r:iter([{ destroyOnReturn = false }]) do ... end
-- Returns the generic-for's iterator, state, control and closing value:
-- leaving the loop early (break, return, error) closes the iterator, which
-- destroys the stream unless destroyOnReturn is false.
--
-- Each call is one step of Node's for-await over createAsyncIterator: the
-- generator reads at once; the loop body gets a chunk two microtasks
-- later (the await inside the generator's yield, then the for-await's
-- own), the end or an error one later (a bare return or a throw does not
-- await). An event that ends a wait resolves a promise the generator
-- awaits: one microtask.
local function iterate(s, opts)
  if opts ~= nil and type(opts) ~= "table" then argError(1, "iter", "table", opts) end
  -- A legacy emitter (no read()) is read through a wrapping Readable.
  if not isStream(s) then s = asSource(s) end
  if not isStream(s) or type(s.read) ~= "function" then
    errors._selfError("iter", "Readable", s)
  end
  local destroyOnReturn = not (opts and opts.destroyOnReturn == false)
  local waiter = newWaiter()
  local status = "pending" -- "ended" or "errored" once finished reports
  local failure
  local closed = false

  local function onreadable() waiter.wake(1) end
  s:on("readable", onreadable)
  local cleanup = finished(s, { writable = false }, function(err)
    if err ~= nil then
      failure = errors.aggregateTwoErrors(failure, err)
      status = "errored"
    else
      status = "ended"
    end
    waiter.wake(1)
  end)

  -- Node's finally block of createAsyncIterator.
  local function close()
    if closed then return end
    closed = true
    local st = s:_state().r
    if (status == "errored" or destroyOnReturn) and
       (status == "pending" or (st and st.autoDestroy)) then
      destroyer(s, nil)
    else
      s:removeListener("readable", onreadable)
      cleanup()
    end
  end

  local function nextChunk()
    currentCoroutine("iter()")
    while not closed do
      local chunk
      if not s.destroyed then chunk = s:read() end
      if chunk ~= nil then
        waiter.hop(2)
        return chunk
      end
      if status == "errored" then
        close()
        waiter.hop(1)
        error(failure, 0)
      elseif status == "ended" then
        close()
        waiter.hop(1)
        return nil
      end
      waiter.wait()
    end
    waiter.hop(1) -- a finished generator's next() settles at once
    return nil
  end

  -- Leaving the loop early: for-await calls the generator's return(),
  -- which runs its finally block a microtask later and is awaited. Not
  -- where Lua cannot yield (coroutine.close, a pcall from C).
  local function onclose()
    if closed then return end
    local _, main = running()
    if main or not isyieldable() then return close() end
    waiter.hop(1)
    close()
    waiter.hop(1)
  end

  local it = setmetatable({ stream = s }, {
    __name = "cstream.Iterator",
    __call = nextChunk,
    __close = onclose,
  })
  it.close = close
  -- Between a read and the chunk's delivery (or the end's): the step
  -- completes by itself (Readable.from lets it, as return() waits for it).
  it.settling = waiter.settling
  return it, nil, nil, it
end

------------------------------------------------------------ r:each()

-- r:each(fn[, opts]): `for chunk in r:iter(opts) do ... end` with fn(chunk)
-- as the body, on every Lua. fn returning false leaves the loop as `break`
-- does and an error fn raises leaves it as an error does: both destroy the
-- stream (unless opts.destroyOnReturn is false) with the timing 5.4's
-- closing value gives a generic for, which 5.3 and LuaJIT lack. Returns
-- true when the stream ended, false when fn stopped it; the stream's error
-- or fn's is raised. Inside a coroutine only, as iter().
local function each(s, fn, opts)
  if not isCallable(fn) then argError(1, "each", "function", fn) end
  currentCoroutine("each()")
  local it = iterate(s, opts)
  local ok, res = pcall(function()
    while true do
      local chunk = it()
      if chunk == nil then return true end
      if fn(chunk) == false then return false end
    end
  end)
  -- 5.4 closes the closing value however the loop ends; at the end the
  -- iterator is closed already and this does nothing.
  getmetatable(it).__close(it)
  if not ok then error(res, 0) end
  return res
end

------------------------------------------------------------ Readable.from

-- The thread of a coroutine.wrap generator (its C closure's only upvalue):
-- destroy closes it even while it is suspended at a yield, so that its
-- to-be-closed variables run, as return() runs a generator's finally.
local function wrappedThread(f)
  if type(f) ~= "function" or debug.getinfo(f, "S").what ~= "C" then return nil end
  local _, th = debug.getupvalue(f, 1)
  if type(th) == "thread" then return th end
  return nil
end

-- Functions that stand for Node's async generators (the operators'):
-- destroy returns them, so their next step is the end (see body()).
local generators = setmetatable({}, { __mode = "k" })

-- onfail (internal, for pipeline): told of the iterator's error before the
-- stream is destroyed with it. C is the class built (Node's from() takes
-- one: Duplex.from builds a Duplex the same way). settling (internal, for
-- Duplex.from): true when what a waiting generator waits for has already
-- been handed over, though the wake-up is still to come.
local function fromClass(C, src, opts, onfail, settling)
  if opts ~= nil and type(opts) ~= "table" then argError(2, "from", "table", opts) end
  local o = { objectMode = true }
  if opts then
    for k, v in pairs(opts) do o[k] = v end
  end

  if type(src) == "string" then
    o.read = function(self)
      self:push(src)
      self:push(nil)
    end
    return C.new(o)
  end

  -- nextValue() gives the next chunk or nil at the end; closing (a
  -- to-be-closed value) ends an inner iteration when the stream goes away.
  -- An array is Node's sync iterable (no awaits); a function is an async
  -- generator (from.js awaits each next()); a stream's iter() does its
  -- own awaiting.
  local nextValue, closing, genThread
  local returned = false -- destroy ran a generator's return()
  local kind = "async"
  if isStream(src) or (type(src) == "table" and utils.isReadableNodeStream(src)) then
    kind = "stream"
    nextValue = function()
      if not closing then closing = iterate(src) end
      return closing()
    end
  elseif isCallable(src) then
    nextValue = src
    genThread = wrappedThread(src)
  elseif type(src) == "table" then
    kind = "sync"
    local i = 0
    nextValue = function()
      i = i + 1
      return src[i]
    end
  else
    argError(1, "from", "table, string, function or stream", src)
  end
  if o.highWaterMark == nil then o.highWaterMark = 1 end

  local r, co
  local reading = false -- an iteration is in progress: _read has nothing to do
  local inner -- a generator's coroutine that is waiting, seen through WAIT
  local innerWaiter -- ... and what it waits on
  local deferred -- destroy's { err, cb } while the generator ends its step
  local awaiter = newWaiter() -- the driver's own awaits

  -- Node's return() runs once the generator's pending await has settled:
  -- a destroy that came meanwhile closes it at its next yield (or wait
  -- that would not end by itself), then calls back as o.destroy does.
  local function finishDestroy(gerr)
    local d = deferred
    deferred = nil
    local cerr = gerr
    if genThread and costatus(genThread) == "suspended" then
      local ok, e = coclose(genThread)
      if not ok then cerr = e end
    end
    local hops = d.err == nil and 4 or 2
    later(hops, function() nextTick(d.cb, cerr or d.err) end)
  end

  local function body()
    while true do
      local ok, v = pcall(nextValue)
      while ok and rawequal(v, WAIT) do
        local w = pending
        pending = nil
        if deferred and not (w and w.settling()) and not (settling and settling()) then
          return finishDestroy()
        end
        if w then inner = w.retarget(running()) end
        innerWaiter = w
        yield(WAIT)
        inner, innerWaiter = nil, nil
        if r.destroyed and not deferred then return end
        ok, v = pcall(nextValue)
      end
      if deferred then
        -- Node's from() pushes what the generator ended with, destroyed or
        -- not: the end still emits 'end' before 'close'.
        if ok and v == nil then r:push(nil) end
        return finishDestroy(not ok and v or nil)
      end
      if r.destroyed then return end
      -- `await iterator.next()`: a value arrives two microtasks after the
      -- generator yielded it, the end or an error one.
      if kind == "async" then
        awaiter.hop((ok and v ~= nil) and 2 or 1)
        if deferred then
          -- Destroyed while that next() settled: Node's from() still
          -- takes its result, so the end still ends the stream.
          if ok and v == nil then r:push(nil) end
          return finishDestroy(not ok and v or nil)
        end
        if r.destroyed then return end
      end
      if not ok then
        if onfail then onfail(v) end
        r:destroy(v)
        return
      end
      if v == nil then
        r:push(nil)
        return
      end
      if not r:push(v) then
        reading = false
        yield() -- until _read asks for more
        if r.destroyed then return end
      elseif r.destroyed and (returned or (genThread and costatus(genThread) == "dead")) then
        -- A listener destroyed r inside that push, which closed the
        -- generator (return() or throw(err) on a generator suspended at
        -- its yield completes it). Node's from() goes on: next() is done
        -- a microtask later and push(null) still emits 'end' before
        -- 'close' (none after destroy(err): the stream is errored). A
        -- stream's iterator runs its finally (destroying the stream it
        -- reads) before that next() settles.
        if closing then closing.close() end
        awaiter.hop(1)
        r:push(nil)
        return
      end
    end
  end

  -- The source iterator closes however the loop ends: a return, an error,
  -- or o.destroy closing the loop's coroutine (which closes it itself).
  local function loop()
    local ok, err = pcall(body)
    if closing then closing.close() end
    if not ok then error(err, 0) end
  end

  o.read = function()
    if reading then return end
    reading = true
    if co == nil then
      co = cocreate(function()
        local ok, err = pcall(loop)
        if not ok and not r.destroyed then r:destroy(err) end
      end)
    end
    if costatus(co) == "suspended" then
      local ok, err = coresume(co)
      if not ok then error(err, 0) end
    end
  end

  -- Close the iterator's coroutine (and its to-be-closed values, e.g. an
  -- inner r:iter() loop, as Node's iterator.return() runs finally blocks).
  -- Node calls back once the async close() around return() (or throw(err))
  -- has settled: after 4 microtasks for a generator (2 for a throw), 1
  -- for an array, whose iterator has neither.
  o.destroy = function(_, err, cb)
    -- A stream's iterator that has taken a chunk (Node's generator awaits
    -- it in its yield), or a generator's next() settling: return() waits
    -- for that step, whose value goes to no one (its end still ends the
    -- stream), then runs the finally (which destroys a source stream).
    if (kind == "stream" and closing and closing.settling()) or awaiter.settling() then
      deferred = { err = err, cb = cb }
      return
    end
    if inner and costatus(inner) == "suspended" and innerWaiter and
       (innerWaiter.settling() or (settling and settling())) then
      deferred = { err = err, cb = cb }
      return
    end
    local cerr
    -- Node iterates a stream through an async generator too.
    if generators[src] or kind == "stream" then returned = true end
    if inner and costatus(inner) == "suspended" then
      local ok, e = coclose(inner)
      if not ok then cerr = e end
    end
    if genThread and costatus(genThread) == "suspended" then
      local ok, e = coclose(genThread)
      if not ok then cerr = e end
    end
    if co and costatus(co) == "suspended" then
      local ok, e = coclose(co)
      if not ok then cerr = e end
      if closing then
        ok, e = pcall(closing.close)
        if not ok then cerr = e end
      end
    end
    local hops = 1
    if kind ~= "sync" then hops = err == nil and 4 or 2 end
    later(hops, function() nextTick(cb, cerr or err) end)
  end

  r = C.new(o)
  return r
end

local function from(src, opts, onfail)
  return fromClass(Readable, src, opts, onfail)
end

------------------------------------------------------------ r:collect()

local function collect(s, cb)
  if not isStream(s) or type(s.read) ~= "function" then
    errors._selfError("collect", "Readable", s)
  end
  if type(cb) ~= "function" then argError(1, "collect", "function", cb) end
  local parts, n = {}, 0
  local function ondata(chunk)
    n = n + 1
    parts[n] = chunk
  end
  s:on("data", ondata)
  finished(s, { writable = false }, function(err)
    s:removeListener("data", ondata)
    if err ~= nil then return cb(err) end
    if s.readableObjectMode then return cb(nil, parts) end
    cb(nil, concat(parts))
  end)
end

------------------------------------------------------------ w:writeAsync()

-- Node's `if (!w.write(chunk)) await once(w, 'drain')`: the coroutine goes
-- on two microtasks after 'drain' or 'error' (once()'s promise, then the
-- async once() around it). Unlike once(), a stream that closes or
-- finishes meanwhile ends the wait too.
local function writeAsync(w, chunk, encoding)
  if not isStream(w) or type(w.write) ~= "function" then errors._selfError("writeAsync", "Writable", w) end
  currentCoroutine("writeAsync()")
  -- The write's own error says more than a premature close, and is the
  -- only report on a stream destroyed before the write.
  local writeErr
  local function oncb(err) writeErr = writeErr or err end
  local ok
  if encoding ~= nil then
    ok = w:write(chunk, encoding, oncb)
  else
    ok = w:write(chunk, oncb)
  end
  if ok then return true end

  local waiter = newWaiter()
  local done, failure = false, nil
  local function settle(err)
    if done then return end
    done = true
    failure = err
    waiter.wake(2)
  end
  local ondrain, onerror, onclose, cleanup
  if w.destroyed then
    -- finished() knows every way a destroyed stream can be done.
    cleanup = finished(w, { readable = false }, settle)
  else
    ondrain = function() settle(nil) end
    onerror = function(err) settle(err) end
    onclose = function() settle(w.errored or prematureClose()) end
    w:on("drain", ondrain)
    w:on("finish", ondrain)
    w:on("error", onerror)
    w:on("close", onclose)
  end
  while not done do waiter.wait() end
  if cleanup then
    cleanup()
  else
    w:removeListener("drain", ondrain)
    w:removeListener("finish", ondrain)
    w:removeListener("error", onerror)
    w:removeListener("close", onclose)
  end
  failure = writeErr or failure
  if failure ~= nil then error(failure, 0) end
  return true
end

Readable.from = from
Readable.iter = iterate
Readable.each = each
Readable.collect = collect
Writable.writeAsync = writeAsync
-- Duplex may not find Readable's or Writable's methods through its chain.
local Duplex = stream.Duplex
if Duplex then
  if Duplex.iter ~= iterate then Duplex.iter = iterate end
  if Duplex.each ~= each then Duplex.each = each end
  if Duplex.collect ~= collect then Duplex.collect = collect end
  if Duplex.writeAsync ~= writeAsync then Duplex.writeAsync = writeAsync end
end

M.from, M.iter, M.each, M.collect, M.writeAsync = from, iterate, each, collect, writeAsync
-- For the operators and stream.await (operators.lua, await.lua), which
-- wait the same way.
M.newWaiter, M.later, M.currentCoroutine = newWaiter, later, currentCoroutine
M.fromClass = fromClass
-- fn as one of Node's async generators to Readable.from: once destroyed,
-- its next step is the end, as after return(). Returns fn.
function M.generator(fn)
  generators[fn] = true
  return fn
end
return M
