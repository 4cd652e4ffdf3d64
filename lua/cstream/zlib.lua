-- cstream.zlib: Node's zlib streams (Gzip, Gunzip, Deflate, Inflate,
-- DeflateRaw, InflateRaw, Unzip) as Transforms over the system zlib, and
-- the one-shot helpers (gzipSync, gzip(buf, cb), ...).
--
-- The C side (require("cstream.core").zlib) is Node's zlib handle: one
-- z_stream and one chunkSize output buffer; handle:write(chunk, flush, 1)
-- is one handle.write() pass.  This file is Node's lib/zlib.js on top.
-- Differences from Node: zlib runs on the loop thread (in the loop turn
-- where Node's threadpool would hand the result back); option errors are
-- raised as { code = "ERR_OUT_OF_RANGE" | "ERR_INVALID_ARG_TYPE", ... }.

local core = require("cstream.core")
local errors = require("cstream.errors")
local compat = require("cstream.compat")

local Z = core.zlib
local K = Z.constants

local M = {}

M.constants = K
M.version = Z.version

-- Node's zlib.codes: name -> number and number -> name.
local codes = {}
for _, name in ipairs({ "Z_OK", "Z_STREAM_END", "Z_NEED_DICT", "Z_ERRNO",
  "Z_STREAM_ERROR", "Z_DATA_ERROR", "Z_MEM_ERROR", "Z_BUF_ERROR",
  "Z_VERSION_ERROR" }) do
  codes[name] = K[name]
  codes[K[name]] = name
end
M.codes = codes

-- Node 20's buffer.kMaxLength (2^32 on 64-bit): maxOutputLength's bound and
-- default, and so its range message.
local MAX_OUTPUT = 2 ^ 32

-- ---- Node-style argument errors ------------------------------------------

-- Is the luv handle closing or closed?  One closed by someone else (uv.walk
-- + close) is gone once its close callback ran: luv then raises "bad self"
-- for every method, is_closing included.
local function gone(h)
  local ok, closing = pcall(h.is_closing, h)
  return not ok or closing
end

local fmtnum = require("cstream.utils").fmtnum

local function received(v)
  local t = type(v)
  if v == nil then return "undefined" end
  if t == "number" then
    return "type number (" .. fmtnum(v) .. ")"
  elseif t == "string" then
    if #v > 25 then v = v:sub(1, 25) .. "..." end
    return "type string ('" .. v .. "')"
  end
  return "type " .. t .. " (" .. tostring(v) .. ")"
end

-- Node's assert(this._handle, 'zlib binding closed'): an
-- ERR_INTERNAL_ASSERTION (Node's message goes on to blame Node.js itself).
local function binding_closed()
  return errors.new("ERR_INTERNAL_ASSERTION", "zlib binding closed")
end

local function type_error(what, expected, v)
  return errors.new("ERR_INVALID_ARG_TYPE",
    ('The %s must be of type %s. Received %s'):format(what, expected, received(v)))
end

local function range_error(name, must, v)
  return errors.new("ERR_OUT_OF_RANGE",
    ('The value of "%s" is out of range. It must be %s. Received %s')
      :format(name, must, fmtnum(v)))
end

-- Node's checkRangesOrGetDefault: nil and NaN mean the default.
local function check_range(v, name, lo, hi, def)
  if v == nil then return def end
  if type(v) ~= "number" then
    error(type_error('"' .. name .. '" property', "number", v), 3)
  end
  if v ~= v then return def end
  if v == math.huge or v == -math.huge then
    error(range_error(name, "a finite number", v), 3)
  end
  if v < lo or v > hi then
    error(range_error(name, (">= %s and <= %s"):format(fmtnum(lo), fmtnum(hi)), v), 3)
  end
  return compat.tointeger(v) or math.floor(v)
end

-- Keys that belong to zlib and must not reach the Transform (Node's
-- numeric 'flush' would read as a _flush implementation there).
local ZLIB_KEYS = { "level", "windowBits", "memLevel", "strategy", "dictionary",
  "chunkSize", "flush", "finishFlush", "maxOutputLength", "info" }

-- Validate opts as Node's Zlib and ZlibBase constructors do, in their
-- order.  Returns the zlib settings and the options for the Transform.
local function settings(mode, opts)
  local s = {
    mode = mode, windowBits = 15, level = K.Z_DEFAULT_COMPRESSION,
    memLevel = K.Z_DEFAULT_MEMLEVEL, strategy = K.Z_DEFAULT_STRATEGY,
    chunkSize = K.Z_DEFAULT_CHUNK, flush = K.Z_NO_FLUSH,
    finishFlush = K.Z_FINISH, maxOutputLength = MAX_OUTPUT,
  }
  local sopts = {}
  if opts == nil then
    if mode == K.INFLATE or mode == K.GUNZIP or mode == K.UNZIP then
      s.windowBits = 0
    end
    return s, sopts
  end
  if type(opts) ~= "table" then
    error(type_error('"options" argument', "table", opts), 3)
  end
  local wb = opts.windowBits
  if (wb == nil or wb == 0) and
     (mode == K.INFLATE or mode == K.GUNZIP or mode == K.UNZIP) then
    s.windowBits = 0  -- inflate takes the window size from the header
  else
    local min = K.Z_MIN_WINDOWBITS + (mode == K.GZIP and 1 or 0)
    s.windowBits = check_range(wb, "options.windowBits", min,
                               K.Z_MAX_WINDOWBITS, K.Z_DEFAULT_WINDOWBITS)
  end
  s.level = check_range(opts.level, "options.level", K.Z_MIN_LEVEL,
                        K.Z_MAX_LEVEL, K.Z_DEFAULT_COMPRESSION)
  s.memLevel = check_range(opts.memLevel, "options.memLevel", K.Z_MIN_MEMLEVEL,
                           K.Z_MAX_MEMLEVEL, K.Z_DEFAULT_MEMLEVEL)
  s.strategy = check_range(opts.strategy, "options.strategy",
                           K.Z_DEFAULT_STRATEGY, K.Z_FIXED, K.Z_DEFAULT_STRATEGY)
  if opts.dictionary ~= nil then
    if type(opts.dictionary) ~= "string" then
      error(type_error('"options.dictionary" property', "string",
                       opts.dictionary), 3)
    end
    s.dictionary = opts.dictionary
  end
  local cs = opts.chunkSize
  if cs ~= nil and cs == cs then
    if type(cs) ~= "number" then
      error(type_error('"options.chunkSize" property', "number", cs), 3)
    elseif cs == math.huge or cs == -math.huge then
      error(range_error("options.chunkSize", "a finite number", cs), 3)
    elseif cs < K.Z_MIN_CHUNK then
      error(range_error("options.chunkSize", ">= " .. K.Z_MIN_CHUNK, cs), 3)
    elseif cs > K.Z_MAX_CHUNK then  -- Node has none; our buffer is one piece
      error(range_error("options.chunkSize", (">= %d and <= %d")
        :format(K.Z_MIN_CHUNK, K.Z_MAX_CHUNK), cs), 3)
    end
    s.chunkSize = math.floor(cs)
  end
  s.flush = check_range(opts.flush, "options.flush", K.Z_NO_FLUSH, K.Z_BLOCK,
                        K.Z_NO_FLUSH)
  s.finishFlush = check_range(opts.finishFlush, "options.finishFlush",
                              K.Z_NO_FLUSH, K.Z_BLOCK, K.Z_FINISH)
  s.maxOutputLength = check_range(opts.maxOutputLength,
                                  "options.maxOutputLength", 1, MAX_OUTPUT,
                                  MAX_OUTPUT)
  for k, v in pairs(opts) do sopts[k] = v end
  for _, k in ipairs(ZLIB_KEYS) do sopts[k] = nil end
  -- Node: zlib streams are byte streams on the writable side, undecoded.
  sopts.encoding, sopts.objectMode, sopts.writableObjectMode = nil, false, false
  return s, sopts
end

local function zerror(e)
  return errors.new(e.code, e.message, { errno = e.errno })
end

local function open_handle(s)
  local h, err = Z.new(s.mode, {
    level = s.level, windowBits = s.windowBits, memLevel = s.memLevel,
    strategy = s.strategy, chunkSize = s.chunkSize, dictionary = s.dictionary,
  })
  if not h then error(zerror(err), 3) end
  return h
end

-- Node's flushiness: NO_FLUSH < BLOCK < PARTIAL < SYNC < FULL < FINISH.
local flushiness = {
  [K.Z_NO_FLUSH] = 0, [K.Z_BLOCK] = 1, [K.Z_PARTIAL_FLUSH] = 2,
  [K.Z_SYNC_FLUSH] = 3, [K.Z_FULL_FLUSH] = 4, [K.Z_FINISH] = 5,
}
local function max_flush(a, b)
  return flushiness[a] > flushiness[b] and a or b
end

-- ---- the Transform classes (built on first use: cstream loads us) --------

local classes

local function build()
  if classes then return classes end
  local uv = require("cstream.uv").uv
  local stream = require("cstream")
  local Transform = stream.Transform
  local nextTick = stream.nextTick
  local wrap = stream._wrapcb or function(f) return f end
  local base_write = Transform.write
  -- Node waits for _read when push() says the consumer is full in the middle
  -- of one chunk's output.  That needs a Transform whose _read can be wrapped.
  local base_read = Transform._read

  -- Node runs each zlib pass on its threadpool, so the pass completes in a
  -- later loop turn, after the tick queue has drained.  Passes run here at
  -- that point (on the loop thread), one loop turn each, which keeps Node's
  -- event order ('finish' before the gzip trailer, and so on).  The idle
  -- handle runs only while passes are queued.
  local queue, head, tail = {}, 1, 0
  local idle
  local run = wrap(function(job) job() end)
  local function onidle()
    local last = tail  -- passes queued meanwhile wait for the next turn
    while head <= last do
      local job = queue[head]
      queue[head] = nil
      head = head + 1
      run(job)
    end
    if head > tail then idle:stop() end
  end
  local function defer(job)
    queue[tail + 1] = job  -- may raise (out of memory): then nothing is queued
    tail = tail + 1
    if idle == nil or gone(idle) then idle = uv.new_idle() end
    if not idle:is_active() then idle:start(onidle) end
  end

  local Zlib = Transform:extend()

  function Zlib:initialize(_, s)
    self._handle = open_handle(s)
    self._closed = false
    self.bytesWritten = 0
    self._chunkSize = s.chunkSize
    self._defaultFlushFlag = s.flush
    self._finishFlushFlag = s.finishFlush
    self._defaultFullFlushFlag = K.Z_FULL_FLUSH
    self._maxOutputLength = s.maxOutputLength
    self._level = s.level
    self._strategy = s.strategy
    self._mode = s.mode
    self._zflushes = {}  -- flush() requests: { seq = write number, kind = }
    self._zwrites = 0    -- chunks accepted by write()
    self._ztransforms = 0
  end

  -- Count writes so that the empty chunk written by flush() can be told from
  -- an empty chunk the user wrote (Node tags its flush buffers instead).
  function Zlib:write(...)
    local ret = base_write(self, ...)
    self._zwrites = self._zwrites + 1
    return ret
  end

  local function on_error(self, e)
    -- Node's zlibOnError: no recovery; the write callback is never called.
    self:destroy(zerror(e))
  end

  -- Node's processChunk + processCallback: a pass, its pieces pushed, then
  -- another pass while zlib has more (after the consumer reads if push()
  -- said it is full), then the write callback.
  local function process(self, chunk, flush, cb)
    local h = self._handle
    if not h then return nextTick(cb) end
    local started = false
    local function pass()
      if self.destroyed then return cb() end
      local out, state, used
      if started then
        out, state, used = h:resume(1)
      else
        started = true
        out, state, used = h:write(chunk, flush, 1)
      end
      if out == nil then return on_error(self, state) end
      self.bytesWritten = self.bytesWritten + used
      local full = false
      for i = 1, #out do full = not self:push(out[i]) end
      if self.destroyed then return cb() end
      if state == "more" then
        if full and base_read then
          self._zwait = function() defer(pass) end
        else
          defer(pass)
        end
        return
      end
      if state == "eof" and not self._zeof then
        -- zlib took no more input: the compressed stream has ended
        self._zeof = true
        self:push(nil)
      end
      return cb()
    end
    defer(pass)
  end

  if base_read then
    function Zlib:_read(n)
      local k = self._zwait
      if k then
        self._zwait = nil
        k()
      end
      return base_read(self, n)
    end
  end

  function Zlib:_transform(chunk, _, cb)
    local flush = self._defaultFlushFlag
    self._ztransforms = self._ztransforms + 1
    local q = self._zflushes
    if #chunk == 0 and q[1] and self._ztransforms >= q[1].seq then
      flush = table.remove(q, 1).kind
    end
    -- the last chunk also carries the finish flush
    if self.writableEnded and self.writableLength == #chunk then
      flush = max_flush(flush, self._finishFlushFlag)
    end
    return process(self, chunk, flush, cb)
  end

  function Zlib:_flush(cb)
    return self:_transform("", "buffer", cb)
  end

  -- As Node: 'finish' does not wait for _flush (Transform's prefinish runs it).
  function Zlib:_final(cb)
    cb()
  end

  function Zlib:_destroy(err, cb)
    local h = self._handle
    if h then
      h:close()
      self._handle = nil
    end
    self._closed = true
    self._zwait = nil
    cb(err)
  end

  -- flush([kind][, callback]): kind defaults to Z_FULL_FLUSH.
  function Zlib:flush(kind, cb)
    if type(kind) == "function" or (kind == nil and cb == nil) then
      cb, kind = kind, self._defaultFullFlushFlag
    end
    if kind == nil then kind = self._defaultFullFlushFlag end
    if flushiness[kind] == nil then
      error(range_error("kind", ">= 0 and <= 5", type(kind) == "number" and kind or 0/0), 2)
    end
    if self.writableFinished then
      if cb then nextTick(cb) end
    elseif self.writableEnded then
      if cb then self:once("end", cb) end
    else
      local q = self._zflushes
      q[#q + 1] = { seq = self._zwrites + 1, kind = kind }
      self:write("", cb)
    end
  end

  function Zlib:params(level, strategy, cb)
    check_range(level, "level", K.Z_MIN_LEVEL, K.Z_MAX_LEVEL)
    check_range(strategy, "strategy", K.Z_DEFAULT_STRATEGY, K.Z_FIXED)
    if self._level ~= level or self._strategy ~= strategy then
      self:flush(K.Z_SYNC_FLUSH, function()
        local h = self._handle
        if not h then error(binding_closed(), 0) end
        local out, err = h:params(level, strategy)
        if not out then return on_error(self, err) end
        for i = 1, #out do self:push(out[i]) end
        if not self.destroyed then
          self._level, self._strategy = level, strategy
          if cb then cb() end
        end
      end)
    elseif cb then
      nextTick(cb)
    end
  end

  function Zlib:reset()
    local h = self._handle
    if not h then error(binding_closed(), 2) end
    local ok, err = h:reset()
    if not ok then error(zerror(err), 2) end
  end

  function Zlib:close(cb)
    if cb then stream.finished(self, cb) end
    self:destroy()
  end

  local c = { Zlib = Zlib }
  for name, mode in pairs({ Deflate = K.DEFLATE, Inflate = K.INFLATE,
      Gzip = K.GZIP, Gunzip = K.GUNZIP, DeflateRaw = K.DEFLATERAW,
      InflateRaw = K.INFLATERAW, Unzip = K.UNZIP }) do
    c[name] = Zlib:extend()
    c[mode] = c[name]
  end
  c.stream = stream
  classes = c
  return c
end

local function create(mode, opts)
  local s, sopts = settings(mode, opts)
  local C = build()[mode]
  return C.new(sopts, s)
end

-- ---- one-shot helpers ---------------------------------------------------

local function too_large(max)
  return errors.new("ERR_BUFFER_TOO_LARGE",
    ("Cannot create a Buffer larger than %s bytes"):format(fmtnum(max)))
end

-- Node's zlibBufferSync/processChunkSync: the whole input with finishFlush.
local function sync(mode, buffer, opts)
  if type(buffer) ~= "string" then
    error(type_error('"buffer" argument', "string", buffer), 3)
  end
  local s = settings(mode, opts)
  -- opts.info asks for Node's { buffer, engine }: the engine is a stream of
  -- the mode whose handle does the work and is closed after it, the stream
  -- itself left open (Node's processChunkSync closes the handle only).
  local engine = opts ~= nil and opts.info and create(mode, opts) or nil
  -- Closed on every way out this function raises; the handle's __gc
  -- closes it after anything else (no <close> before 5.4).
  local h = engine and engine._handle or open_handle(s)
  local parts, n, read = {}, 0, 0
  local out, state, used = h:write(buffer, s.finishFlush, 64)
  while true do
    if out == nil then h:close(); error(zerror(state), 3) end
    read = read + (used or 0)
    for i = 1, #out do
      n = n + #out[i]
      if n > s.maxOutputLength then h:close(); error(too_large(s.maxOutputLength), 3) end
      parts[#parts + 1] = out[i]
    end
    if state ~= "more" then break end
    out, state, used = h:resume(64)
  end
  h:close()
  if engine then
    engine._handle = nil
    engine.bytesWritten = read
    return { buffer = table.concat(parts), engine = engine }
  end
  return table.concat(parts)
end

-- Node's zlibBuffer: run a stream over the buffer; callback(err, result).
local function async(mode, buffer, opts, callback)
  if type(opts) == "function" then opts, callback = nil, opts end
  if type(callback) ~= "function" then
    error(type_error('"callback" argument', "function", callback), 3)
  end
  local engine = create(mode, opts)
  local parts, n = {}, 0
  local max = engine._maxOutputLength
  local info = type(opts) == "table" and opts.info
  local function on_end()
    engine:close()
    if info then
      return callback(nil, { buffer = table.concat(parts), engine = engine })
    end
    callback(nil, table.concat(parts))
  end
  engine:on("data", function(chunk)
    parts[#parts + 1] = chunk
    n = n + #chunk
    if n > max then
      engine:close()
      engine:removeAllListeners("end")
      callback(too_large(max))
    end
  end)
  engine:on("error", function(err)
    engine:removeAllListeners("end")
    callback(err)
  end)
  engine:on("end", on_end)
  engine:finish(buffer)
end

for _, p in ipairs({ { "Deflate", K.DEFLATE, "deflate" },
    { "Inflate", K.INFLATE, "inflate" }, { "Gzip", K.GZIP, "gzip" },
    { "Gunzip", K.GUNZIP, "gunzip" }, { "DeflateRaw", K.DEFLATERAW, "deflateRaw" },
    { "InflateRaw", K.INFLATERAW, "inflateRaw" }, { "Unzip", K.UNZIP, "unzip" } }) do
  local name, mode, short = p[1], p[2], p[3]
  M["create" .. name] = function(opts) return create(mode, opts) end
  M[short .. "Sync"] = function(buffer, opts) return sync(mode, buffer, opts) end
  M[short] = function(buffer, opts, callback)
    return async(mode, buffer, opts, callback)
  end
end

function M.crc32(data, value)
  if type(data) ~= "string" then
    error(type_error('"data" argument', "string", data), 2)
  end
  if value ~= nil and (compat.mathtype(value) ~= "integer" or value < 0 or
                       value > 0xffffffff) then
    if compat.mathtype(value) ~= "integer" and type(value) ~= "number" then
      error(type_error('"value" argument', "number", value), 2)
    end
    error(range_error("value", ">= 0 and <= 4294967295", value), 2)
  end
  return Z.crc32(data, value)
end

-- The classes (M.Gzip, ...) for isInstance checks; made when first asked.
setmetatable(M, {
  __index = function(_, k)
    if k == "Zlib" or k == "Deflate" or k == "Inflate" or k == "Gzip" or
       k == "Gunzip" or k == "DeflateRaw" or k == "InflateRaw" or k == "Unzip" then
      return build()[k]
    end
  end,
})

return M
