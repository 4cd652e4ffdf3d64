-- cstream.ltn12: LuaSocket's sources, sinks and filters meet streams
-- (API.md §9 LTN12).
--   stream.fromLTN12(source[, opts])   a byte Readable pulling source()
--   stream.toLTN12sink(sink)           a Writable pushing into sink(chunk)
--   stream.fromLTN12filter(f)          a Transform running f
--   stream.ltn12.source(r)             r as an LTN12 source  } they wait: call
--   stream.ltn12.sink(w)               w as an LTN12 sink    } them in a coroutine
--
-- LTN12's rules (LuaSocket's ltn12.lua): a source returns a chunk, nil at
-- the end or nil, err; a sink returns 1 or nil, err and gets nil at the
-- end; a filter given a chunk returns output, and while that output is not
-- "" it is called again with "" for more (source.chain's "eating" state);
-- given nil it returns what it still holds, until nil.
-- Requiring it installs the adapters on cstream.
local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")
local keepTraceback = require("cstream.core").keepTraceback

local type, pairs, error, pcall = type, pairs, error, pcall
local running, yield, isyieldable =
  require("cstream.compat").running, coroutine.yield, coroutine.isyieldable
-- compat.coclose: before 5.4 only marked as closed (docs/API.md, Lua versions).
local cocreate, coresume, costatus, coclose =
  coroutine.create, coroutine.resume, coroutine.status, require("cstream.compat").coclose

local M = {}

local argError = errors._argError

local function callable(v)
  if type(v) == "function" then return true end
  local mt = getmetatable(v)
  return type(mt) == "table" and mt.__call ~= nil
end

local function copy(opts)
  local o = {}
  if opts then
    for k, v in pairs(opts) do o[k] = v end
  end
  return o
end

local Readable, Writable, Transform = stream.Readable, stream.Writable, stream.Transform

-- The source runs in a coroutine of its own, so it may wait (on another
-- stream's ltn12.source, say). _read resumes it when it is parked on
-- backpressure, not while the source itself is waiting.
local function inCoroutine(fname)
  local _, main = running()
  if main or not isyieldable() then
    error(errors.new("ERR_INVALID_STATE",
      "Invalid state: " .. fname .. " must be called inside a coroutine"), 3)
  end
end

local function fromLTN12(source, opts)
  if not callable(source) then argError(1, "fromLTN12", "function", source) end
  if opts ~= nil and type(opts) ~= "table" then argError(2, "fromLTN12", "table", opts) end
  local o = copy(opts)
  local r, co
  local parked = true -- the coroutine waits for _read, not inside source()

  local function pull()
    while true do
      local chunk, err = source()
      if r.destroyed then return end
      if chunk == nil then
        if err ~= nil then r:destroy(err) else r:push(nil) end
        return
      end
      if not r:push(chunk) then
        parked = true
        yield()
        if r.destroyed then return end
      end
    end
  end

  o.read = function()
    if not parked then return end
    parked = false
    if co == nil then
      co = cocreate(function()
        local ok, err = pcall(pull)
        if not ok and not r.destroyed then r:destroy(err) end
      end)
    end
    if costatus(co) == "suspended" then
      local ok, err = coresume(co)
      if not ok then error(err, 0) end
    end
  end
  -- Destroyed while the source waits (or while parked): the source is
  -- never resumed again, as Node's Readable.from returns its iterator.
  o.destroy = function(_, err, cb)
    if co and costatus(co) == "suspended" then coclose(co) end
    cb(err)
  end
  r = Readable.new(o)
  return r
end

local function toLTN12sink(sink)
  if not callable(sink) then argError(1, "toLTN12sink", "function", sink) end
  return Writable.new({
    write = function(_, chunk, _, cb)
      local ok, err = sink(chunk)
      if ok == nil and err ~= nil then return cb(err) end
      cb()
    end,
    final = function(_, cb)
      local ok, err = sink(nil)
      if ok == nil and err ~= nil then return cb(err) end
      cb()
    end,
  })
end

local function fromLTN12filter(f)
  if not callable(f) then argError(1, "fromLTN12filter", "function", f) end
  return Transform.new({
    transform = function(self, chunk, _, cb)
      local out = f(chunk)
      while out ~= nil and out ~= "" do
        self:push(out)
        out = f("")
      end
      cb()
    end,
    flush = function(self, cb)
      local out = f(nil)
      while out ~= nil and out ~= "" do
        self:push(out)
        out = f(nil)
      end
      cb()
    end,
  })
end

local function source(r)
  if not stream.isStream(r) then argError(1, "source", "stream", r) end
  local it
  local done = false
  return function()
    if done then return nil end
    inCoroutine("ltn12 source")
    it = it or r:iter()
    local ok, chunk = pcall(it)
    if not ok then
      done = true
      return nil, chunk
    end
    if chunk == nil then done = true end
    return chunk
  end
end

local function sink(w)
  if not stream.isStream(w) then argError(1, "sink", "stream", w) end
  local failure
  local function fail(err)
    failure = failure or err
    return nil, failure
  end
  return function(chunk, err)
    if failure ~= nil then return nil, failure end
    if chunk == nil then
      if err ~= nil then
        w:destroy(err)
        return fail(err)
      end
      inCoroutine("ltn12 sink")
      -- w:finish() and wait for 'finish' (or the error that comes instead).
      local co = running()
      local settled, result, waiting = false, nil, false
      stream.finished(w, { readable = false }, function(e)
        settled, result = true, e
        if waiting and costatus(co) == "suspended" then
          local ok, rerr = coresume(co)
          if not ok then keepTraceback(rerr, co); error(rerr, 0) end
        end
      end)
      if not w.writableEnded then w:finish() end
      while not settled do
        waiting = true
        yield()
        waiting = false
      end
      if result ~= nil then return fail(result) end
      return 1
    end
    local ok, werr = pcall(w.writeAsync, w, chunk)
    if not ok then return fail(werr) end
    return 1
  end
end

stream.fromLTN12 = fromLTN12
stream.toLTN12sink = toLTN12sink
stream.fromLTN12filter = fromLTN12filter
stream.ltn12 = { source = source, sink = sink }
return M
