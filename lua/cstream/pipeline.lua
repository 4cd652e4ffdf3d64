-- cstream.pipeline: Node's pipeline.js, written on the public stream API as
-- Node writes it on its own.  compose.lua builds on pipelineImpl.
local stream = require("cstream") -- first: init.lua registers it, then loads this module
local core = require("cstream.core")
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local destroy = require("cstream.destroy")
local finished = require("cstream.finished")

local type, select, pcall, error = type, select, pcall, error
local cocreate, coresume, costatus = coroutine.create, coroutine.resume, coroutine.status
local remove = table.remove
local field, isFunction, isCallable, typeName = utils.field, utils.isFunction, utils.isCallable, utils.typeName
local isStream, rstate, off = utils.isStream, utils.rstate, utils.off
local isReadableNodeStream, isNodeStream = utils.isReadableNodeStream, utils.isNodeStream
local isReadable, isReadableFinished = utils.isReadable, utils.isReadableFinished
local destroyer, argError = destroy.destroyer, errors._argError
local eos, prematureClose = finished.finished, finished.prematureClose

local function nop() end

local function nextTick(fn, a, b)
  core.nextTick(function() fn(a, b) end)
end

local function errCode(e) return field(e, "code") end

local M = {}

local function callEnd(s)
  if isStream(s) then return s:finish() end
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

-- What Readable.from accepts (a readable stream is handled before this).
local function isFromable(v)
  local t = type(v)
  return t == "string" or t == "table" or isCallable(v)
end

-- A string source is iterated as Node iterates a JS string: one chunk per
-- character (a UTF-8 sequence here: a lead byte and the continuation bytes
-- after it).
-- Readable.from and Duplex.from, as Node's, take a string as one chunk.
local function characters(s)
  local t = {}
  for c in s:gmatch("[%z\1-\127\192-\255]?[\128-\191]*") do
    if c ~= "" then t[#t + 1] = c end
  end
  return t
end

local function invalidReturn(name, v)
  error(errors.new("ERR_INVALID_RETURN_VALUE",
    ('Expected a stream, table, string or iterator function to be returned from the "%s" function but got %s.')
      :format(name, typeName(v))), 0)
end

-- A legacy source (an emitter with pipe() but no read()) as a Readable, so
-- that function stages can iterate it (Node's Readable.wrap).
local function asSource(s)
  if s == nil or isStream(s) or not isReadableNodeStream(s) then return s end
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
      if i == 1 then
        res = s(stageOpts)
        if type(res) == "string" then res = characters(res) end
      else
        res = s(asSource(ret), stageOpts)
      end
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
          local st = isStream(ret) and ret:_state()
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
      ret = fromIterator(type(s) == "string" and characters(s) or s)
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
  if not isFunction(cb) then argError(n > 0 and n or 1, "pipeline", "function", cb, nil, n == 0) end
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

M.pipelineImpl = pipelineImpl
M.callEnd = callEnd

return M
