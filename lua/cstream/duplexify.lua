-- cstream.duplexify: Duplex.from (Node 20's duplexify.js), duplexPair
-- (duplexpair.js), the default highWaterMarks (state.js) and the isErrored /
-- isDisturbed predicates (utils.js), on the public stream API.
--
-- Requiring it installs Duplex.from and the default highWaterMark functions.
--
-- Duplex.from(body), as Node's duplexify(body, 'body') takes it:
--   * a Duplex is returned as is; a Readable-only or Writable-only stream, or
--     a { readable = r, writable = w } pair (either may be missing), becomes a
--     Duplex reading from r and writing into w;
--   * a Lua function is a pipeline stage, `fn(source, { signal = ... })`. It
--     runs at once in a coroutine, with source a Readable of what is written.
--     If it returns without waiting, what it returns is checked as Node
--     checks a function's value: a Duplex is the result, anything
--     Readable.from takes becomes the readable side (the writable side feeds
--     source), nil or anything else raises ERR_INVALID_RETURN_VALUE, and an
--     error it raises is raised here. If it waits first (on source:iter(),
--     say), it is Node's async function: the Duplex is writable only, its
--     'finish' waits for the function to return, which must return nil
--     (ERR_INVALID_RETURN_VALUE otherwise), and an error it raises destroys
--     the Duplex;
--   * a string, an array table or a callable table (an iterator) is what
--     Readable.from makes of it, as a Duplex whose writable side is off.
-- Web streams, Blobs and promises have no Lua counterpart.

local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local destroy = require("cstream.destroy")
local eos = require("cstream.finished").finished
local callEnd = require("cstream.pipeline").callEnd

local type, error = type, error
local cocreate, coresume, costatus = coroutine.create, coroutine.resume, coroutine.status
local field, isFunction, isCallable, typeName = utils.field, utils.isFunction, utils.isCallable, utils.typeName
local isInstance = utils.isStream
local isReadableNodeStream, isWritableNodeStream = utils.isReadableNodeStream, utils.isWritableNodeStream
local isNodeStream = utils.isNodeStream
local destroyer, abortError = destroy.destroyer, destroy.abortError
local core = require("cstream.core")

local fromClass = require("cstream.iter").fromClass
local Readable, Duplex = stream.Readable, stream.Duplex

-- Node's isDuplexNodeStream: pipe, on, write and a readable state.
local function isDuplexNodeStream(x)
  if not (isFunction(field(x, "pipe")) and isFunction(field(x, "on")) and
          isFunction(field(x, "write"))) then
    return false
  end
  local st = isFunction(field(x, "_state")) and x:_state()
  return st and st.r ~= nil and st.w ~= nil or false
end

local function invalidReturn(v)
  return errors.new("ERR_INVALID_RETURN_VALUE",
    ('Expected a stream, table, string or iterator function to be returned from the "body" function but got %s.')
      :format(v == nil and "nil" or typeName(v)))
end

-- Node's Readable.wrap(stream): a legacy emitter (no read()) as a Readable.
local function wrapLegacy(s)
  local om = field(s, "readableObjectMode")
  if om == nil then om = field(s, "objectMode") end
  if om == nil then om = true end
  return Readable.new({
    objectMode = om,
    destroy = function(_, err, cb)
      destroyer(s, err)
      cb(err)
    end,
  }):wrap(s)
end

------------------------------------------------------------ the pair

local NULL = {} -- Node's `onclose = null`: a side has finished

-- Node's _duplexify({ readable, writable }).
local function duplexifyPair(r, w)
  if r and not isFunction(field(r, "read")) then r = wrapLegacy(r) end
  local readable = utils.isReadable(r) == true
  local writable = utils.isWritable(w) == true
  local ondrain, onfinish, onreadable, onclose
  local d

  local function onfinished(err)
    local cb = onclose
    onclose = NULL
    if isFunction(cb) then
      cb(err)
    elseif err ~= nil then
      d:destroy(err)
    end
  end

  d = Duplex.new({
    readableObjectMode = field(r, "readableObjectMode") == true,
    writableObjectMode = field(w, "writableObjectMode") == true,
    readable = readable,
    writable = writable,
  })

  if writable then
    eos(w, function(err)
      writable = false
      if err ~= nil then destroyer(r, err) end
      onfinished(err)
    end)
    d._write = function(_, chunk, encoding, callback)
      local ok
      if encoding == nil or encoding == "buffer" then
        ok = w:write(chunk)
      else
        ok = w:write(chunk, encoding)
      end
      if ok then callback() else ondrain = callback end
    end
    d._final = function(_, callback)
      callEnd(w)
      onfinish = callback
    end
    w:on("drain", function()
      if ondrain then
        local cb = ondrain
        ondrain = nil
        cb()
      end
    end)
    w:on("finish", function()
      if onfinish then
        local cb = onfinish
        onfinish = nil
        cb()
      end
    end)
  end

  if readable then
    eos(r, function(err)
      readable = false
      if err ~= nil then destroyer(r, err) end
      onfinished(err)
    end)
    r:on("readable", function()
      if onreadable then
        local cb = onreadable
        onreadable = nil
        cb()
      end
    end)
    r:on("end", function() d:push(nil) end)
    local function read()
      while true do
        local chunk = r:read()
        if chunk == nil then
          onreadable = read
          return
        end
        if not d:push(chunk) then return end
      end
    end
    d._read = read
  end

  d._destroy = function(_, err, callback)
    if err == nil and onclose ~= NULL then err = abortError() end
    onreadable, ondrain, onfinish = nil, nil, nil
    if onclose == NULL then
      callback(err)
    else
      onclose = callback
      destroyer(w, err)
      destroyer(r, err)
    end
  end

  return d
end

------------------------------------------------------------ a function

-- Node's fromAsyncGen: what is written reaches fn through source, one chunk
-- at a time: a write's callback runs once fn has taken its chunk.
local function fromFunction(fn)
  local pending -- the write callback of the chunk source holds
  -- Node's generator takes a chunk a microtask after it was asked for one
  -- (its await), then queues the write's callback as a tick. Here the chunk
  -- is asked for when source:read() hands it out, or (a consumer in flowing
  -- mode) when source asks for more.
  local function taken()
    local cb = pending
    if cb then
      pending = nil
      stream.queueMicrotask(function() stream.nextTick(cb) end)
    end
  end
  local source = Readable.new({ objectMode = true, highWaterMark = 0, read = taken })
  local coreRead = source.read
  source.read = function(self, ...)
    local chunk = coreRead(self, ...)
    if chunk ~= nil then taken() end
    return chunk
  end
  local ac = stream.AbortController and stream.AbortController.new()
  local fnOpts = { signal = ac and ac.signal or nil }

  local function write(_, chunk, _, cb)
    pending = cb
    source:push(chunk)
  end
  -- Node's generator takes the end a microtask after final resolved it,
  -- and then queues final's callback as a tick.
  local ended = false
  local function final(_, cb)
    ended = true
    source:once("end", function()
      stream.queueMicrotask(function() stream.nextTick(cb) end)
    end)
    source:push(nil)
  end
  -- (The waiting case only: Readable.from replaces it otherwise, as Node's
  -- from() does.) Node aborts fn's signal, and its generator throws an
  -- AbortError instead of handing fn a chunk it takes after that: a chunk
  -- already written still gets its callback, fn never sees it. With none
  -- written, fn waits for ever, as in Node.
  local function destroy(_, err, cb)
    if ac then ac:abort() end
    if pending then
      taken()
      source:destroy(abortError())
    end
    cb(err)
  end

  local sync = true
  local syncOk, syncValue, syncDone
  -- The async case: settled once fn has returned; onsettle waits for it.
  local settled, outcome, onsettle
  local d

  local function settle(ok, v)
    if sync then
      syncDone, syncOk, syncValue = true, ok, v
      return
    end
    settled = true
    if not ok then
      destroyer(d, v) -- Node's promise rejected: destroyer(d, err)
    elseif v ~= nil then
      outcome = errors.new("ERR_INVALID_RETURN_VALUE",
        ('Expected nil to be returned from the "body" function but got %s.'):format(typeName(v)))
    end
    if onsettle then
      local cb = onsettle
      onsettle = nil
      cb()
    end
  end

  local co = cocreate(function(...) settle(pcall(fn, ...)) end)
  local ok, err = coresume(co, source, fnOpts)
  sync = false
  if not ok then error(err, 0) end

  if syncDone then
    if not syncOk then error(syncValue, 0) end
    local v = syncValue
    -- A constructor-like function may return a Duplex: that is the result.
    if isDuplexNodeStream(v) then return v end
    if v ~= nil and (type(v) == "string" or type(v) == "table" or isCallable(v) or
                     isReadableNodeStream(v)) then
      -- A chunk or the end already in source: the stage's wait will end.
      local function handedOver()
        return source.readableLength > 0 or (ended and not source.readableEnded)
      end
      return fromClass(Duplex, v, {
        objectMode = true, write = write, final = final, destroy = destroy,
      }, nil, handedOver)
    end
    error(invalidReturn(v), 0)
  end

  -- fn waits: Node's AsyncFunction case, a writable-only Duplex.
  d = Duplex.new({
    objectMode = true,
    readable = false,
    write = write,
    final = function(self, cb)
      final(self, function()
        local function done()
          local e = outcome
          stream.nextTick(function() cb(e) end)
        end
        if settled then done() else onsettle = done end
      end)
    end,
    destroy = destroy,
  })
  return d
end

------------------------------------------------------------ duplexify

local function isObject(v)
  local t = type(v)
  return t == "table" or t == "userdata"
end

local function duplexify(body)
  if isDuplexNodeStream(body) then return body end
  if isReadableNodeStream(body) then return duplexifyPair(body, nil) end
  if isWritableNodeStream(body) then return duplexifyPair(nil, body) end
  if isNodeStream(body) then return duplexifyPair(nil, nil) end

  if isFunction(body) then return fromFunction(body) end

  if type(body) == "string" or isCallable(body) then
    return fromClass(Duplex, body, { objectMode = true, writable = false })
  end

  if type(body) == "table" then
    local r, w = body.readable, body.writable
    if isObject(r) or isObject(w) then
      if r then
        if not isReadableNodeStream(r) then r = duplexify(r) end
      else
        r = nil
      end
      if w then
        if not isWritableNodeStream(w) then w = duplexify(w) end
      else
        w = nil
      end
      return duplexifyPair(r, w)
    end
    -- A table naming a side that is no stream is no pair and no array.
    if r == nil and w == nil then
      return fromClass(Duplex, body, { objectMode = true, writable = false })
    end
  end

  error(errors.new("ERR_INVALID_ARG_TYPE",
    ("bad argument #1 to 'from' (stream, function, string, table or { readable, writable } pair expected, got %s)")
      :format(body == nil and "no value" or typeName(body))), 2)
end

-- Transform.from and PassThrough.from are this one too, as in Node: they
-- return what Duplex.from returns.
Duplex.from = function(body) return duplexify(body) end

------------------------------------------------------------ duplexPair

-- Node's DuplexSide: what one side writes, the other reads; a write's
-- callback waits until the other side's consumer asks for more.
local DuplexSide = Duplex:extend("cstream.DuplexSide")

function DuplexSide:_read()
  local cb = self._sideCallback
  if cb then
    self._sideCallback = nil
    cb()
  end
end

function DuplexSide:_write(chunk, _, callback)
  if type(chunk) == "string" and #chunk == 0 then
    stream.nextTick(callback)
  else
    local other = self._otherSide
    other:push(chunk)
    other._sideCallback = callback
  end
end

function DuplexSide:_final(callback)
  local other = self._otherSide
  other:on("end", function() callback() end)
  other:push(nil)
end

-- duplexPair([opts]): two Duplexes, returned as two results (Node returns
-- an array of them).
function stream.duplexPair(opts)
  local side0, side1 = DuplexSide.new(opts), DuplexSide.new(opts)
  side0._otherSide = side1
  side1._otherSide = side0
  return side0, side1
end

------------------------------------------------------------ the rest

stream.getDefaultHighWaterMark = core.getDefaultHighWaterMark
stream.setDefaultHighWaterMark = core.setDefaultHighWaterMark

-- Node's isErrored: for a stream, whether its 'error' has been emitted
-- (errorEmitted: not yet right after destroy(err), nor after an emit of
-- 'error' by hand); for another object its readableErrored/writableErrored.
function stream.isErrored(s)
  if not s then return false end
  if isInstance(s) then
    local st = s:_state()
    local side = st.r or st.w
    return side.errorEmitted == true
  end
  local v = field(s, "readableErrored")
  if v == nil then v = field(s, "writableErrored") end
  return v ~= nil and v ~= false
end

-- Node's isDisturbed: read from, or aborted.
function stream.isDisturbed(s)
  if not s then return false end
  return field(s, "readableDidRead") == true or field(s, "readableAborted") == true
end

-- What it installed, for a module that wants it without going through cstream.
return {
  from = Duplex.from, duplexPair = stream.duplexPair,
  isErrored = stream.isErrored, isDisturbed = stream.isDisturbed,
}
