-- cstream.pipeline: finished (Node's end-of-stream.js), pipeline and compose,
-- written on the public stream API as Node writes them on its own.
--
-- Use: local P = require("cstream.pipeline")(stream)   -- stream = cstream
-- The module table is only read when these functions run (Readable.from,
-- PassThrough, nextTick...), so init.lua may build this before installing
-- iter.lua and there is no require cycle.
--
-- Where Node reads `_readableState`/`_writableState`, we read `s:_state()`,
-- a fresh snapshot `{ r = ..., w = ... }`: it is fetched again wherever Node
-- reads the live state, never cached across events.

local errors = require("cstream.errors")

local type, select, pcall, error = type, select, pcall, error
local getmetatable, setmetatable, tostring = getmetatable, setmetatable, tostring
local rawget, rawset, rawequal, rawlen = rawget, rawset, rawequal, rawlen
local cocreate, coresume, costatus = coroutine.create, coroutine.resume, coroutine.status
local remove = table.remove

-- Node's stream[kIsDestroyed]: set by destroyer() on streams that have no
-- `destroyed` property of their own (legacy emitters). Weak keys, and shared
-- by every instance of this module.
local marked = setmetatable({}, { __mode = "k" })

local function nop() end

local function index(x, k) return x[k] end

return function(stream)
  local M = {}

  ---------------------------------------------------------------- helpers

  local function isInstance(x)
    return type(x) == "userdata" and stream.isStream(x) == true
  end

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
      if isInstance(x) then return x[k] end
      local ok, v = pcall(index, x, k)
      if ok then return v end
    end
    return nil
  end

  local function isFunction(v) return type(v) == "function" end

  local function typeName(v)
    local mt = getmetatable(v)
    local name = type(mt) == "table" and rawget(mt, "__name")
    if type(name) == "string" then return name end
    return type(v)
  end

  -- Lua's own wording for a bad argument (API.md §4).
  local function argError(n, fname, expected, got, none)
    error(errors.new("ERR_INVALID_ARG_TYPE", ("bad argument #%d to '%s' (%s expected, got %s)")
      :format(n, fname, expected, none and "no value" or typeName(got))), 3)
  end

  local function errCode(e) return field(e, "code") end

  local function prematureClose()
    return errors.new("ERR_STREAM_PREMATURE_CLOSE", "Premature close")
  end

  local function abortError()
    return errors.new("ABORT_ERR", "The operation was aborted", { name = "AbortError" })
  end

  local function nextTick(fn, a, b)
    stream.nextTick(function() fn(a, b) end)
  end

  -- Node's aggregateTwoErrors: keep both when two different errors meet.
  local aggregate = errors.aggregateTwoErrors
  M.aggregateTwoErrors = aggregate

  local function getState(s)
    local f = field(s, "_state")
    if isFunction(f) then return f(s) end
    return nil
  end

  local function rstate(s)
    local st = getState(s)
    return st and st.r
  end

  local function wstate(s)
    local st = getState(s)
    return st and st.w
  end

  -------------------------------------------- Node's streams/utils.js

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

  local function isWritableNodeStream(obj)
    if not (isFunction(field(obj, "write")) and isFunction(field(obj, "on"))) then
      return false
    end
    local st = getState(obj)
    return not (st and st.r and st.w and st.w.writable == false)
  end

  local function isNodeStream(obj)
    local st = getState(obj)
    if st and (st.r or st.w) then return true end
    if not isFunction(field(obj, "on")) then return false end
    return isFunction(field(obj, "write")) or isFunction(field(obj, "pipe"))
  end

  local function isDestroyed(s)
    if not isNodeStream(s) then return nil end
    if field(s, "destroyed") == true or marked[s] then return true end
    local st = getState(s)
    local state = st and (st.w or st.r)
    return (state and state.destroyed) == true
  end

  -- Has been end()ed.
  local function isWritableEnded(s)
    if not isWritableNodeStream(s) then return nil end
    if field(s, "writableEnded") == true then return true end
    local w = wstate(s)
    if w and w.errored ~= nil then return false end
    if not w or type(w.ended) ~= "boolean" then return nil end
    return w.ended
  end

  -- Has emitted 'finish' (or, not strict, has nothing left to write).
  local function isWritableFinished(s, strict)
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

  local function isReadable(s)
    local v = field(s, "readable")
    if type(v) ~= "boolean" then return nil end
    -- A cstream Writable answers `readable` too; Node's has no such property.
    if isInstance(s) and not rstate(s) then return nil end
    if isDestroyed(s) then return false end
    return isReadableNodeStream(s) and v and not isReadableFinished(s)
  end

  local function isWritable(s)
    local v = field(s, "writable")
    if type(v) ~= "boolean" then return nil end
    if isInstance(s) and not wstate(s) then return nil end
    if isDestroyed(s) then return false end
    return isWritableNodeStream(s) and v and not isWritableEnded(s)
  end

  local function isFinished(s, opts)
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

  local function erroredOf(s)
    local w, r = wstate(s), rstate(s)
    return realError(field(s, "writableErrored") or (w and w.errored)) or
           realError(field(s, "readableErrored") or (r and r.errored))
  end

  local function isClosed(s)
    if not isNodeStream(s) then return nil end
    local c = field(s, "closed")
    if type(c) == "boolean" then return c end
    local w, r = wstate(s), rstate(s)
    if (w and type(w.closed) == "boolean") or (r and type(r.closed) == "boolean") then
      return (w and w.closed) or (r and r.closed) or false
    end
    return nil
  end

  local function willEmitClose(s)
    if not isNodeStream(s) then return nil end
    local st = getState(s)
    local state = st and (st.w or st.r)
    return (state and state.autoDestroy and state.emitClose and state.closed == false) == true
  end

  M.isReadableNodeStream = isReadableNodeStream
  M.isWritableNodeStream = isWritableNodeStream
  M.isNodeStream = isNodeStream
  M.isReadable = isReadable
  M.isWritable = isWritable
  M.isDestroyed = isDestroyed
  M.isFinished = isFinished
  M.isReadableFinished = isReadableFinished
  M.isWritableFinished = isWritableFinished

  local function off(s, name, fn)
    local f = field(s, "removeListener") or field(s, "off")
    if isFunction(f) then f(s, name, fn) end
  end

  -------------------------------------------- Node's destroy.js destroyer

  -- Destroys anything stream-like; an unfinished stream gets an AbortError.
  local function destroyer(s, err)
    if s == nil or isDestroyed(s) then return end
    if err == nil and not isFinished(s) then err = abortError() end
    if isFunction(field(s, "destroy")) then
      s:destroy(err)
    elseif isFunction(field(s, "close")) then
      s:close()
    elseif err ~= nil then
      nextTick(function() s:emit("error", err); s:emit("close") end)
    else
      nextTick(function() s:emit("close") end)
    end
    if field(s, "destroyed") ~= true then marked[s] = true end
  end
  M.destroyer = destroyer

  ------------------------------------------------------------ finished

  -- finished(s[, opts], callback): callback(err) once s has ended/finished,
  -- errored, or closed early. Returns a function that removes the listeners.
  -- Node's `signal` option and http request special cases are left out.
  local function eos(s, opts, callback)
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
  M.finished = eos

  ------------------------------------------------------------ pipeline

  local function callEnd(s)
    if isInstance(s) then return s:finish() end
    local f = field(s, "end")
    if not isFunction(f) then f = field(s, "finish") end
    return f(s)
  end

  -- A stage's destroy(err) that does nothing once the stream is done.
  local function destroyerFor(s, reading, writing)
    local done = false
    s:on("close", function() done = true end)
    local cleanup = eos(s, { readable = reading, writable = writing }, function(err)
      done = err == nil
    end)
    return function(err)
      if done then return end
      done = true
      destroyer(s, err or errors.new("ERR_STREAM_DESTROYED",
                                     "Cannot call pipe after a stream was destroyed"))
    end, cleanup
  end

  -- Node's pipe() in pipeline.js: src.pipe(dst) with its completion counted
  -- twice (src done, dst done) through finish.
  local function pipe(src, dst, finish, doEnd)
    local ended = false
    dst:on("close", function()
      -- The destination closed before the source completed.
      if not ended then finish(prematureClose()) end
    end)
    src:pipe(dst, { ["end"] = false }) -- dst is ended here, once src has ended
    if doEnd then
      local function endFn()
        ended = true
        callEnd(dst)
      end
      if isReadableFinished(src) then
        nextTick(endFn)
      else
        src:once("end", endFn)
      end
    else
      finish() -- { end = false }: dst is not waited for
    end
    eos(src, { readable = true, writable = false }, function(err)
      local r = rstate(src)
      if err ~= nil and errCode(err) == "ERR_STREAM_PREMATURE_CLOSE" and
         r and r.ended and r.errored == nil and not r.errorEmitted then
        -- 'close' before 'end' on a source that did reach EOF: wait for 'end'.
        src:once("end", finish)
        src:once("error", finish)
      else
        finish(err)
      end
    end)
    return eos(dst, { readable = false, writable = true }, finish)
  end

  local function isCallable(v)
    if isFunction(v) then return true end
    local mt = getmetatable(v)
    return type(v) == "table" and type(mt) == "table" and mt.__call ~= nil
  end

  -- What Readable.from accepts (a readable stream is handled before this).
  local function isFromable(v)
    local t = type(v)
    return t == "string" or t == "table" or isCallable(v)
  end

  local function invalidReturn(name, v)
    error(errors.new("ERR_INVALID_RETURN_VALUE",
      ('Expected a stream, table, string or iterator function to be returned from the "%s" function but got %s.')
        :format(name, typeName(v))), 0)
  end

  -- A legacy source (an emitter with pipe() but no read()) as a Readable, so
  -- that function stages can iterate it (Node's Readable.wrap).
  local function asSource(s)
    if s == nil or isInstance(s) or not isReadableNodeStream(s) then return s end
    local r = stream.Readable.new({
      objectMode = true,
      destroy = function(_, err, cb)
        destroyer(s, err)
        cb(err)
      end,
    })
    -- Its errors are s's own, which the pipeline already listens to; a
    -- source that is never iterated must not make them unhandled.
    r:on("error", nop)
    return r:wrap(s)
  end
  M.asSource = asSource

  -- Returns the last stage (a PassThrough when it is a function) and, for
  -- compose, what a final function stage turned out to be.
  local function pipelineImpl(streams, n, callback, opts)
    if n < 2 then
      error(errors.new("ERR_MISSING_ARGS", 'The "streams" argument must be specified'), 3)
    end
    local A = stream._abort
    local outerSignal = opts and opts.signal
    if outerSignal ~= nil and not A.isSignal(outerSignal) then
      argError(n + 1, "pipeline", "table with an AbortSignal as signal", outerSignal)
    end
    -- What function stages get as { signal = ... }: aborted once the
    -- pipeline is done.
    local endLast = not (opts and opts["end"] == false)
    local ac = A.AbortController.new()
    local stageOpts = { signal = ac.signal }
    local stopAbort

    local lastStreamCleanup = {}
    local perr, value
    local destroys = {}
    local finishCount = 0
    local lastKind

    local function finishImpl(err, final)
      if err ~= nil and (perr == nil or errCode(perr) == "ERR_STREAM_PREMATURE_CLOSE") then
        perr = err
      end
      if perr == nil and not final then return end
      while #destroys > 0 do remove(destroys, 1)(perr) end
      if stopAbort then stopAbort() end
      ac:abort()
      if final then
        if perr == nil then
          for i = 1, #lastStreamCleanup do lastStreamCleanup[i]() end
        end
        nextTick(callback, perr, value)
      end
    end

    local function finish(err)
      finishCount = finishCount - 1
      finishImpl(err, finishCount == 0)
    end

    -- Every stream of the pipeline: destroyed on failure, its errors count
    -- even after its own part is done.
    -- keep: the last stream under { end = false }, which the pipeline
    -- neither ends nor destroys.
    local function register(s, reading, writing, isLast, keep)
      local lastReadable = isLast and isReadable(s)
      if not keep then
        local destroy, cleanup = destroyerFor(s, reading, writing)
        destroys[#destroys + 1] = destroy
        if lastReadable then lastStreamCleanup[#lastStreamCleanup + 1] = cleanup end
      end
      local function onError(err)
        if err ~= nil and field(err, "name") ~= "AbortError" and
           errCode(err) ~= "ERR_STREAM_PREMATURE_CLOSE" then
          finish(err)
        end
      end
      s:on("error", onError)
      if lastReadable then
        lastStreamCleanup[#lastStreamCleanup + 1] = function() off(s, "error", onError) end
      end
    end

    -- What a function stage returns, as a stream. Node pumps a returned
    -- iterable straight into the next stage and its error reaches finish()
    -- at once; Readable.from reports it here before emitting 'error' a tick
    -- later, so that it is the pipeline's error, as in Node.
    local function fromIterator(v)
      return stream.Readable.from(v, nil, function(err) finishImpl(err, false) end)
    end

    -- A final function stage runs in a coroutine, so that it may wait on
    -- source:iter() like Node's `async function (source)`. What it returns:
    --   * a readable stream or an iterator function: its output is pumped
    --     into the PassThrough that pipeline returns, as Node pumps a
    --     returned async iterable (a generator-like stage);
    --   * nil: it was a sink and is done; the PassThrough just ends;
    --   * a stream that cannot be read: ERR_INVALID_RETURN_VALUE, as in Node;
    --   * any other value (string, number, table...): it is the result, as
    --     the value of Node's returned Promise: written to the PassThrough
    --     and passed on as callback(nil, value).
    -- A Lua error raised inside it fails the pipeline with that error.
    local function runLast(fn, source, pt)
      finishCount = finishCount + 1
      local function settle(ok, res)
        if ok and res ~= nil and isNodeStream(res) and not isReadableNodeStream(res) then
          ok, res = false, errors.new("ERR_INVALID_RETURN_VALUE",
            'Expected a readable stream, an iterator function or a value to be returned from the "destination" function but got '
            .. typeName(res) .. ".")
        end
        if not ok then
          pt:destroy(res)
          nextTick(finish, res)
        elseif (res ~= nil and isReadableNodeStream(res)) or isCallable(res) then
          local rs = res
          if not isNodeStream(res) then rs = fromIterator(res) end
          lastKind = lastKind or "output"
          if perr ~= nil then return destroyer(rs, perr) end
          register(rs, true, false, false)
          finishCount = finishCount + 1
          lastStreamCleanup[#lastStreamCleanup + 1] = pipe(rs, pt, finish, endLast)
        else
          value = res
          lastKind = lastKind or "sink"
          if res ~= nil then pt:write(res) end
          if endLast then pt:finish() end
          nextTick(finish)
        end
      end
      local co = cocreate(function() settle(pcall(fn, source, stageOpts)) end)
      local ok, err = coresume(co)
      if not ok then error(err, 0) end
      -- Still waiting on its source: a sink, as far as compose can tell.
      if costatus(co) == "suspended" then lastKind = lastKind or "sink" end
    end

    if outerSignal ~= nil then
      stopAbort = A.onAbort(outerSignal, function()
        finishImpl(A.abortError(outerSignal))
      end)
    end

    local ret
    for i = 1, n do
      local s = streams[i]
      local reading = i < n
      local writing = i > 1
      local isLast = i == n

      if isFunction(s) and isLast and i > 1 then
        local pt = stream.PassThrough.new({ objectMode = true })
        local source = asSource(ret)
        -- Node registers pt before its async function can settle.
        local destroy, cleanup = destroyerFor(pt, false, true)
        destroys[#destroys + 1] = destroy
        lastStreamCleanup[#lastStreamCleanup + 1] = cleanup
        ret = pt
        runLast(s, source, pt)
      elseif isFunction(s) then
        -- A source or transform: called now with the previous stage (nil for
        -- the first); it returns a stream or anything Readable.from takes.
        local res
        if i == 1 then res = s(stageOpts) else res = s(asSource(ret), stageOpts) end
        if res ~= nil and not isNodeStream(res) and isFromable(res) then
          res = fromIterator(res)
        elseif res == nil or not isReadableNodeStream(res) then
          invalidReturn(i == 1 and "source" or ("transform[" .. (i - 1) .. "]"), res)
        end
        register(res, reading, false, isLast)
        ret = res
      elseif isNodeStream(s) then
        local doEnd = reading or endLast
        register(s, reading, writing, isLast, not doEnd)
        if i > 1 then
          if not isReadableNodeStream(ret) then
            -- A stream whose readable side is off is still async-iterable in
            -- Node, which pumps it (pumpToNode): iterate it the same way.
            local st = isInstance(ret) and ret:_state()
            if not (st and st.r) then
              argError(i - 1, "pipeline", "readable stream", ret)
            end
            ret = fromIterator(ret)
          end
          finishCount = finishCount + 2
          local cleanup = pipe(ret, s, finish, doEnd)
          if isLast and isReadable(s) then
            lastStreamCleanup[#lastStreamCleanup + 1] = cleanup
          end
        end
        ret = s
      elseif i == 1 and isFromable(s) then
        ret = fromIterator(s)
        register(ret, reading, false, false)
      else
        argError(i, "pipeline", "stream or function", s)
      end
    end
    if outerSignal and outerSignal.aborted then
      nextTick(finishImpl, A.abortError(outerSignal))
    end
    return ret, lastKind
  end

  -- pipeline(s1, ..., sN, callback) or pipeline({ s1, ..., sN }, callback)
  function M.pipeline(...)
    local n = select("#", ...)
    local cb = (select(n > 0 and n or 1, ...))
    if not isFunction(cb) then argError(n > 0 and n or 1, "pipeline", "function", cb, n == 0) end
    local streams = { ... }
    streams[n] = nil
    n = n - 1
    -- A plain table just before the callback is options (a Lua extra).
    local opts = streams[n]
    if n > 1 and type(opts) == "table" and opts[1] == nil and not isNodeStream(opts)
       and not isCallable(opts) then
      streams[n] = nil
      n = n - 1
    else
      opts = nil
    end
    if n == 1 and type(streams[1]) == "table" and not isNodeStream(streams[1]) then
      streams = streams[1]
      n = #streams
    end
    local called = false
    return (pipelineImpl(streams, n, function(err, val)
      if called then return end
      called = true
      cb(err, val)
    end, opts))
  end

  ------------------------------------------------------------ compose

  -- compose(s1, ..., sN): one Duplex writing into s1 and reading out of sN
  -- (Node's compose.js). A function first stage becomes an object-mode
  -- PassThrough followed by that function (Node's Duplex.from(fn)); a
  -- function last stage that waits on its source or returns nil is a sink,
  -- and the Duplex is then writable only.
  function M.compose(...)
    local n = select("#", ...)
    if n == 0 then
      error(errors.new("ERR_MISSING_ARGS", 'The "streams" argument must be specified'), 2)
    end
    local streams = { ... }
    if n == 1 then
      local s = streams[1]
      if isNodeStream(s) then return s end
      if not isFunction(s) then return stream.Readable.from(s) end
    end
    if isFunction(streams[1]) then
      table.insert(streams, 1, stream.PassThrough.new({ objectMode = true }))
      n = n + 1
    end

    for i = 1, n do
      local s = streams[i]
      if isNodeStream(s) then
        if i < n and not isReadable(s) then
          error(errors.new("ERR_INVALID_ARG_VALUE",
            ("The argument 'streams[%d]' must be readable. Received %s"):format(i, typeName(s))), 2)
        end
        if i > 1 and not isWritable(s) then
          error(errors.new("ERR_INVALID_ARG_VALUE",
            ("The argument 'streams[%d]' must be writable. Received %s"):format(i, typeName(s))), 2)
        end
      end
    end

    local d
    local ondrain, onfinish, onreadable, onclose
    local done = false -- Node's `onclose === null`: the pipeline has completed
    local readable, writable
    local lastKind

    local function onfinished(err, val)
      if err == nil and lastKind == "sink" and val ~= nil then
        err = errors.new("ERR_INVALID_RETURN_VALUE",
          'Expected nil to be returned from the "destination" function but got ' .. typeName(val) .. ".")
      end
      done = true
      local cb = onclose
      onclose = nil
      if cb then
        cb(err)
      elseif err ~= nil then
        d:destroy(err)
      elseif not readable and not writable then
        d:destroy()
      end
    end

    local head = streams[1]
    local tail
    tail, lastKind = pipelineImpl(streams, n, onfinished)
    writable = isWritable(head) == true
    local sink = lastKind == "sink"
    readable = isReadable(tail) == true and not sink
    -- Behind a sink, tail is the pipeline's unread PassThrough (Node has a
    -- writable-only stream there): it is done when the sink is, and its
    -- errors are the pipeline's, reported to d.
    if sink then tail:on("error", nop) end

    local opts = {
      writableObjectMode = field(head, "writableObjectMode") == true,
      readableObjectMode = field(tail, "readableObjectMode") == true,
      writable = writable,
      readable = readable,
    }

    if writable then
      opts.write = function(_, chunk, encoding, callback)
        local ok
        if encoding == nil or encoding == "buffer" then
          ok = head:write(chunk)
        else
          ok = head:write(chunk, encoding)
        end
        if ok then callback() else ondrain = callback end
      end
      opts.final = function(_, callback)
        callEnd(head)
        onfinish = callback
      end
      head:on("drain", function()
        if ondrain then
          local cb = ondrain
          ondrain = nil
          cb()
        end
      end)
      eos(tail, not readable and { readable = false } or nil, function()
        if onfinish then
          local cb = onfinish
          onfinish = nil
          cb()
        end
      end)
    end

    if readable then
      tail:on("readable", function()
        if onreadable then
          local cb = onreadable
          onreadable = nil
          cb()
        end
      end)
      tail:on("end", function() d:push(nil) end)
      local function read()
        while true do
          local chunk = tail:read()
          if chunk == nil then
            onreadable = read
            return
          end
          if not d:push(chunk) then return end
        end
      end
      opts.read = read
    end

    opts.destroy = function(_, err, callback)
      if err == nil and not done then err = abortError() end
      onreadable, ondrain, onfinish = nil, nil, nil
      if sink then
        if not tail.destroyed then tail:destroy(err) end
      elseif isNodeStream(tail) then
        destroyer(tail, err)
      end
      if done then callback(err) else onclose = callback end
    end

    d = stream.Duplex.new(opts)
    return d
  end

  return M
end
