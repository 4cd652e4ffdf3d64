-- cstream.iter: the coroutine side of streams (API.md §6, §7).
--   stream.Readable.from(src[, opts])    Node's Readable.from (from.js)
--   for chunk in r:iter([opts]) do ... end   Node's for await (createAsyncIterator)
--   r:collect(callback)                  callback(err, string or array)
--   w:writeAsync(chunk[, encoding])      write, waiting for 'drain'
--
-- Use: require("cstream.iter").install(stream) once the classes exist.
--
-- Waiting means yielding the running coroutine; whoever resumed it gets
-- control back. Stream events resume it later through the tick queue, as a
-- settled Promise resumes an async function after the current callback, so
-- user code never runs nested inside the emit that woke it.
-- A coroutine.wrap generator may wait (on source:iter(), writeAsync) when
-- Readable.from or pipeline drives it; code that calls such a generator
-- itself would receive the private WAIT marker as a value.
-- One coroutine at a time may wait on a given iterator.

local errors = require("cstream.errors")

local type, error, pcall = type, error, pcall
local getmetatable, setmetatable, pairs = getmetatable, setmetatable, pairs
local running, yield, isyieldable = coroutine.running, coroutine.yield, coroutine.isyieldable
local cocreate, coresume, costatus, coclose =
  coroutine.create, coroutine.resume, coroutine.status, coroutine.close
local concat = table.concat

local M = {}

function M.install(stream)
  local P = require("cstream.pipeline")(stream)
  local finished, destroyer = P.finished, P.destroyer
  local Readable, Writable = stream.Readable, stream.Writable

  local function typeName(v)
    local mt = getmetatable(v)
    local name = type(mt) == "table" and mt.__name
    if type(name) == "string" then return name end
    return type(v)
  end

  local function argError(n, fname, expected, got)
    error(errors.new("ERR_INVALID_ARG_TYPE", ("bad argument #%d to '%s' (%s expected, got %s)")
      :format(n, fname, expected, typeName(got))), 3)
  end

  local function isStream(x)
    return type(x) == "userdata" and stream.isStream(x) == true
  end

  local function isCallable(v)
    if type(v) == "function" then return true end
    local mt = getmetatable(v)
    return type(v) == "table" and type(mt) == "table" and mt.__call ~= nil
  end

  -- The running coroutine, or an error when it cannot be suspended.
  local function currentCoroutine(fname)
    local co, main = running()
    if main or not isyieldable() then
      error(errors.new("ERR_INVALID_STATE",
        "Invalid state: " .. fname .. " must be called inside a coroutine"), 3)
    end
    return co
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

  -- One suspension at a time: wait() yields until wake() has run, and
  -- wake() resumes the target coroutine on the next tick. A resume by anyone
  -- else makes wait() return early; callers re-check their condition.
  local function newWaiter()
    local w = {}
    local co, target, token
    function w.wait(fname)
      co = currentCoroutine(fname)
      target = co
      local t = {}
      token = t
      pending = w
      yield(WAIT)
      if pending == w then pending = nil end
      if token == t then token = nil end
    end
    function w.retarget(c)
      target = c
      return co
    end
    function w.wake()
      local t = token
      if not t then return end
      stream.nextTick(function()
        local c = target
        if token ~= t or costatus(c) ~= "suspended" then return end
        token = nil
        local ok, err = coresume(c)
        if not ok then error(err, 0) end
      end)
    end
    return w
  end

  ------------------------------------------------------------ r:iter()

  -- for chunk in r:iter([{ destroyOnReturn = false }]) do ... end
  -- Returns the generic-for's iterator, state, control and closing value:
  -- leaving the loop early (break, return, error) closes the iterator, which
  -- destroys the stream unless destroyOnReturn is false.
  local function iterate(s, opts)
    if opts ~= nil and type(opts) ~= "table" then argError(1, "iter", "table", opts) end
    -- A legacy emitter (no read()) is read through a wrapping Readable.
    if not isStream(s) then s = P.asSource(s) end
    local destroyOnReturn = not (opts and opts.destroyOnReturn == false)
    local waiter = newWaiter()
    local status = "pending" -- "ended" or "errored" once finished reports
    local failure
    local closed = false

    local function onreadable() waiter.wake() end
    s:on("readable", onreadable)
    local cleanup = finished(s, { writable = false }, function(err)
      if err ~= nil then
        failure = P.aggregateTwoErrors(failure, err)
        status = "errored"
      else
        status = "ended"
      end
      waiter.wake()
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
      while not closed do
        local chunk
        if not s.destroyed then chunk = s:read() end
        if chunk ~= nil then return chunk end
        if status == "errored" then
          close()
          error(failure, 0)
        elseif status == "ended" then
          close()
          return nil
        end
        waiter.wait("iter()")
      end
      return nil
    end

    local it = setmetatable({ stream = s }, {
      __name = "cstream.Iterator",
      __call = nextChunk,
      __close = close,
    })
    it.close = close
    return it, nil, nil, it
  end

  ------------------------------------------------------------ Readable.from

  -- onfail (internal, for pipeline): told of the iterator's error before the
  -- stream is destroyed with it.
  local function from(src, opts, onfail)
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
      return Readable.new(o)
    end

    -- nextValue() gives the next chunk or nil at the end; closing (a
    -- to-be-closed value) ends an inner iteration when the stream goes away.
    local nextValue, closing
    if isStream(src) or (type(src) == "table" and P.isReadableNodeStream(src)) then
      nextValue = function()
        if not closing then closing = iterate(src) end
        return closing()
      end
    elseif isCallable(src) then
      nextValue = src
    elseif type(src) == "table" then
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

    local function loop()
      local _ <close> = setmetatable({}, { __close = function()
        if closing then closing.close() end
      end })
      while true do
        local ok, v = pcall(nextValue)
        while ok and v == WAIT do
          local w = pending
          pending = nil
          if w then inner = w.retarget(running()) end
          yield(WAIT)
          inner = nil
          if r.destroyed then return end
          ok, v = pcall(nextValue)
        end
        if r.destroyed then return end
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
        end
      end
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
    o.destroy = function(_, err, cb)
      local cerr
      if inner and costatus(inner) == "suspended" then
        local ok, e = coclose(inner)
        if not ok then cerr = e end
      end
      if co and costatus(co) == "suspended" then
        local ok, e = coclose(co)
        if not ok then cerr = e end
      end
      stream.nextTick(function() cb(cerr or err) end)
    end

    r = Readable.new(o)
    return r
  end

  ------------------------------------------------------------ r:collect()

  local function collect(s, cb)
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

  local function writeAsync(w, chunk, encoding)
    currentCoroutine("writeAsync()")
    local waiter = newWaiter()
    local done, failure, writeErr = false, nil, nil
    -- Resumes at 'drain' or once finished() reports, so that the stream's
    -- 'error' listeners have run first (Node's `await once(w, 'drain')`).
    local function settle(err)
      if done then return end
      done = true
      failure = err
      waiter.wake()
    end
    -- The write's own error says more than finished()'s premature close,
    -- and is the only report on a stream destroyed before the write.
    local function oncb(err) writeErr = writeErr or err end
    local ok
    if encoding ~= nil then
      ok = w:write(chunk, encoding, oncb)
    else
      ok = w:write(chunk, oncb)
    end
    if ok then return true end

    local function ondrain() settle(nil) end
    w:on("drain", ondrain)
    local cleanup = finished(w, { readable = false }, settle)
    while not done do waiter.wait("writeAsync()") end
    w:removeListener("drain", ondrain)
    cleanup()
    failure = writeErr or failure
    if failure ~= nil then error(failure, 0) end
    return true
  end

  Readable.from = from
  Readable.iter = iterate
  Readable.collect = collect
  Writable.writeAsync = writeAsync
  -- Duplex may not find Readable's or Writable's methods through its chain.
  local Duplex = stream.Duplex
  if Duplex then
    if Duplex.iter ~= iterate then Duplex.iter = iterate end
    if Duplex.collect ~= collect then Duplex.collect = collect end
    if Duplex.writeAsync ~= writeAsync then Duplex.writeAsync = writeAsync end
  end

  M.from, M.iter, M.collect, M.writeAsync = from, iterate, collect, writeAsync
  return M
end

return M
