-- cstream.fs: file streams over luv's threadpool fs calls, after Node's
-- lib/internal/fs/streams.js: the fd is opened in _construct, read or
-- written in _read/_write, and closed in _destroy once no request is in
-- flight (a threadpool read may still be using it).
--
-- Lua differences: `pending` is a plain field kept up to date (true until
-- 'open' and again after the close); `["end"]` is math.huge by default.

local stream = require("cstream") -- first: init.lua registers it, then loads this module
local uv = require("cstream.uv").uv
local errors = require("cstream.errors")

local type, pairs, setmetatable = type, pairs, setmetatable
local compat = require("cstream.compat")
local math_min, math_type = math.min, compat.mathtype

-- Node's errno by name: libuv's UV_E* are -errno on Unix; these are Linux's
-- numbers for the errors fs streams meet (luv gives only the name; asking
-- luv's translate_sys_error for every number would make libuv leak a string
-- for each one it does not know).
local ERRNO = { EPERM = 1, ENOENT = 2, EIO = 5, ENXIO = 6, EBADF = 9, EAGAIN = 11,
  ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18,
  ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24,
  ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31,
  EPIPE = 32, ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40,
  EOVERFLOW = 75, ENOTSUP = 95, ECANCELED = 125 }
local linux = (uv.os_uname and uv.os_uname().sysname) == "Linux"

-- luv's callbacks report failures as one string "ENOENT: no such file ...:
-- path"; Node's fs errors (uvException) read "ENOENT: no such file or
-- directory, open 'path'" and carry the negative errno.
local function luvError(message, name, syscall, path)
  local e = errors.fromLuv(message, name, syscall, path)
  local code = e.code
  local desc = type(message) == "string" and message:match("^[%u%d_]+: (.*)$")
  if desc and path then
    local n = #path + 2
    if desc:sub(-n) == ": " .. path then desc = desc:sub(1, -n - 1) end
  end
  if desc then
    local m = code .. ": " .. desc .. ", " .. syscall
    if path then m = m .. " '" .. path .. "'" end
    e.message = m
  end
  if linux and ERRNO[code] then e.errno = -ERRNO[code] end
  return e
end

-- Closes a stream's fd if the stream is collected with it still open (the
-- guard lives in the stream's own fields, so it dies with the stream).
local Guard = {
  __gc = function(g)
    local fd = g.fd
    if fd then
      g.fd = nil
      uv.fs_close(fd)
    end
  end,
}

local fmtnum = require("cstream.utils").fmtnum

-- Node's "Received ..." tail of ERR_INVALID_ARG_TYPE (a Lua table is a JS
-- object, nil undefined).
local function received(v)
  local t = type(v)
  if v == nil then return "undefined"
  elseif t == "number" then return "type number (" .. fmtnum(v) .. ")"
  elseif t == "string" then
    return ("type string ('%s')"):format(#v > 25 and v:sub(1, 25) .. "..." or v)
  elseif t == "table" then return "an instance of Object"
  end
  return ("type %s (%s)"):format(t, tostring(v))
end

-- what: '"path" argument', '"options.fd" property'...
local function argError(what, expected, got)
  error(errors.new("ERR_INVALID_ARG_TYPE",
    ("The %s must be %s. Received %s"):format(what, expected, received(got))), 0)
end

local MAX_SAFE = 9007199254740991

-- An integer option >= min, Node's validateInteger(v, name, min) and its
-- messages; `end` may be math.huge.
local function checkInt(name, v, min)
  if v == nil or (name == "end" and v == math.huge) then return v end
  if type(v) ~= "number" then
    local got = type(v) == "string" and ("type string ('%s')"):format(#v > 25 and v:sub(1, 25) .. "..." or v)
      or ("type %s (%s)"):format(type(v), tostring(v))
    error(errors.new("ERR_INVALID_ARG_TYPE",
      ("The \"%s\" argument must be of type number. Received %s"):format(name, got)), 0)
  end
  local i = compat.tointeger(v)
  if not i then
    error(errors.new("ERR_OUT_OF_RANGE",
      ("The value of \"%s\" is out of range. It must be an integer. Received %s")
        :format(name, fmtnum(v))), 0)
  end
  if i < min or i > MAX_SAFE then
    error(errors.new("ERR_OUT_OF_RANGE",
      ("The value of \"%s\" is out of range. It must be >= %d && <= %d. Received %s")
        :format(name, min, MAX_SAFE, fmtnum(i))), 0)
  end
  return i
end

-- Options that belong to the file stream, not to the stream core.
local FS_OPTS = { flags = true, mode = true, fd = true, start = true,
  ["end"] = true, autoClose = true, fs = true, flush = true }

local function streamOpts(opts)
  local o = {}
  for k, v in pairs(opts) do
    if not FS_OPTS[k] then o[k] = v end
  end
  return o
end

local function normalize(path, opts)
  if opts == nil then
    opts = {}
  elseif type(opts) == "string" then
    opts = { encoding = opts }
  elseif type(opts) ~= "table" then
    argError('"options" argument', "one of type string or object", opts)
  end
  if opts.fd == nil and type(path) ~= "string" then
    -- Node's words: a Lua string is its Buffer too.
    argError('"path" argument', "of type string or an instance of Buffer or URL", path)
  end
  local fd = opts.fd
  if fd ~= nil then
    if type(fd) ~= "number" then
      argError('"options.fd" property', "of type number or an instance of FileHandle", fd)
    end
    -- Node's validateInt32(fd, 'fd', 0)
    if math_type(fd) ~= "integer" and (fd ~= fd or fd % 1 ~= 0 or fd == math.huge or fd == -math.huge) then
      error(errors.new("ERR_OUT_OF_RANGE", ("The value of \"fd\" is out of range. "
        .. "It must be an integer. Received %s"):format(fmtnum(fd))), 0)
    end
    if fd < 0 or fd > 2147483647 then
      error(errors.new("ERR_OUT_OF_RANGE", ("The value of \"fd\" is out of range. "
        .. "It must be >= 0 && <= 2147483647. Received %s"):format(fmtnum(fd))), 0)
    end
    opts.fd = compat.tointeger(fd) or fd
  end
  return opts
end

-- new(streamOpts, path, fields) is what createReadStream/createWriteStream
-- call (and what a subclass's new passes on): fields must be their table.
local function checkFields(fname, fields)
  if type(fields) ~= "table" then
    errors._argError(3, fname, "table of fs fields (use createReadStream / createWriteStream)",
      fields, 3)
  end
end

local function checkSelf(self, fname, expected, side)
  if not stream.isStream(self) or type(self[side]) ~= "function" then
    errors._selfError(fname, expected, self, 3)
  end
end

local M = {}
M._kernelCopies = 0  -- kernel copies made (see ReadStream:_read): for the specs

-- Every luv callback is wrapped so that the tick queue drains after it.
local wrap = stream._wrapcb

-- A write into a FIFO whose reader is gone is an EPIPE error on the
-- stream, never a SIGPIPE death (as Node, which ignores it at start-up).
local ignoreSigpipe = stream._ignoreSigpipe
ignoreSigpipe()

-- Node's errorOrDestroy: with autoClose false (autoDestroy false) an I/O
-- error is emitted without destroying, so the caller's fd stays usable.
local errorOrDestroy = stream.errorOrDestroy

local function setFd(self, fd)
  self.fd = fd
  self.pending = false
  if self.autoClose and not self._keepFd then
    self._guard = compat.guard({ fd = fd }, Guard)
  end
end

local function closeFd(self, err, cb)
  local fd = self.fd
  if fd == nil or self._keepFd then
    cb(err)
    return
  end
  local guard = self._guard
  if guard then guard.fd = nil end
  self._guard = nil
  self.fd = nil
  self.pending = true
  local function done(er)
    if er then er = luvError(er, nil, "close") end
    cb(er or err)
  end
  local function doClose(ferr)
    local ok, msg, name = uv.fs_close(fd, wrap(function(er) done(er) end))
    if not ok then cb(luvError(msg, name, "close") or ferr or err) end
  end
  if self.flush then
    local ok = uv.fs_fsync(fd, wrap(function(er)
      if er and not err then err = luvError(er, nil, "fsync") end
      doClose()
    end))
    if not ok then doClose() end
  else
    doClose()
  end
end

-- _destroy waits for the request in flight, then closes (Node's kIoDone).
local function destroyFd(self, err, cb)
  if self._io then
    self._ioDone = function(er) closeFd(self, err or er, cb) end
  else
    closeFd(self, err, cb)
  end
end

local function ioDone(self, er)
  self._io = false
  local k = self._ioDone
  if k then
    self._ioDone = nil
    k(er)
  end
end

-- Node's stringToFlags: the flag strings fs.open takes. luv knows them all
-- but the synchronous appends, given to it as numbers.
local FLAGS = { r = true, rs = true, sr = true, ["r+"] = true, ["rs+"] = true,
  ["sr+"] = true, w = true, wx = true, xw = true, ["w+"] = true, ["wx+"] = true,
  ["xw+"] = true, a = true, ax = true, xa = true, ["a+"] = true, ["ax+"] = true,
  ["xa+"] = true, as = "as", sa = "as", ["as+"] = "as+", ["sa+"] = "as+" }

local function openFlags(flags)
  local known = type(flags) ~= "string" or FLAGS[flags]
  if not known then
    return nil, errors.new("ERR_INVALID_ARG_VALUE",
      ("The argument 'flags' is invalid. Received '%s'"):format(flags))
  end
  local K = uv.constants
  if type(known) == "string" and K and K.O_SYNC then
    local rw = known == "as" and K.O_WRONLY or K.O_RDWR
    return rw + K.O_CREAT + K.O_APPEND + K.O_SYNC
  end
  return flags
end

local function construct(self, callback)
  if self.fd ~= nil then
    callback()
    return
  end
  local path = self.path
  local flags, ferr = openFlags(self.flags)
  if ferr then return callback(ferr) end
  local ok, msg, name = uv.fs_open(path, flags, self.mode,
    wrap(function(err, fd)
      if err then
        callback(luvError(err, nil, "open", path))
        return
      end
      setFd(self, fd)
      self._opened = true   -- its offset is ours: the kernel copy may use it
      callback()
      self:emit("open", fd)
      self:emit("ready")
    end))
  if not ok then callback(luvError(msg, name, "open", path)) end
end

---------------------------------------------------------------------------
-- ReadStream

local ReadStream = stream.Readable:extend("cstream.ReadStream")
M.ReadStream = ReadStream

function ReadStream:initialize(_, path, opts)
  checkSelf(self, "initialize", "cstream.ReadStream", "read")
  checkFields("new", opts)
  local fd = opts.fd
  if fd == nil then
    self.path = path
    self.flags = opts.flags or "r"
    self.mode = opts.mode or 438 -- 0o666
    self.pending = true
  else
    self.pending = false
  end
  self.autoClose = opts.autoClose ~= false
  if fd ~= nil then setFd(self, fd) end
  self.start = opts.start
  self["end"] = opts["end"] or math.huge
  self.pos = opts.start
  self.bytesRead = 0
  self._io = false
end

ReadStream._construct = construct

local WriteStream -- below

-- The kernel copy.  While this stream's only reader is one pipe() into a
-- plain WriteStream (no other 'data' or 'readable' listener, nothing
-- buffered on either side, no write in flight, no position on the
-- destination), no chunk is ever seen by Lua code: the bytes go from file to
-- file inside the kernel (uv.fs_sendfile: copy_file_range, else sendfile),
-- up to KCOPY bytes per threadpool trip instead of a 64 KiB read and a 64 KiB
-- write.  bytesRead and bytesWritten advance as the chunks land, and 'end',
-- 'finish' and 'close' come as they would.  Anything unusual (another
-- listener, data in the way) sends a range the ordinary way, and an error or
-- an empty copy (where a read tells more) ends the copying for the stream:
-- that range is read and written the ordinary way, so errors are reported by
-- the stream that has them, as Node's.
local KCOPY = 4 * 1024 * 1024
local sendfile = uv.fs_sendfile

local function isFile(fd)
  local st = uv.fs_fstat(fd)
  return type(st) == "table" and st.type == "file"
end

-- The destination of a kernel copy, or nil; and whether the copy can
-- start now (nothing buffered here, nothing written or queued there).
local function kernelDest(self)
  if self._kcopy == false or not sendfile then return nil end
  local pipes = self._pipes
  if type(pipes) ~= "table" or #pipes ~= 1 then return nil end
  local dest = pipes[1]
  if getmetatable(dest) ~= WriteStream or dest.fd == nil or dest._kbusy
     or dest._knext or dest.pos ~= nil or dest.destroyed or dest.writableEnded
     or dest.writableCorked ~= 0
     or dest.write ~= WriteStream.write or dest._write ~= WriteStream._write
     or dest._writev ~= WriteStream._writev
     or dest:listenerCount("drain") > 1 then
    return nil
  end
  -- flowing, or paused by this pipe until dest drains
  if (self.readableFlowing ~= true and not rawequal(self._awaitDrain, dest))
     or self.readableEncoding ~= nil
     or self.readableObjectMode or self:listenerCount("data") ~= 1
     or self:listenerCount("readable") ~= 0 or self:listenerCount("pause") ~= 0
     or self:listenerCount("resume") ~= 0 then
    return nil
  end
  if self._kcopy == nil then
    -- Once per stream: regular files only, and an offset we know (a
    -- caller's fd without `start` is read at its own unknown offset).
    self._kcopy = isFile(self.fd) and (self.pos ~= nil or self._opened == true) or false
    if not self._kcopy then return nil end
  end
  if dest._kcopyOk == nil then dest._kcopyOk = isFile(dest.fd) end
  if not dest._kcopyOk then return nil end
  -- (_kdone: the size of a write whose callback is about to run)
  return dest, self.readableLength == 0 and not dest._io
    and dest.writableLength == (dest._kdone or 0)
end

local function readChunk(self, n, at)
  self._io = true
  local ok, msg, name = uv.fs_read(self.fd, n, at or -1,
    wrap(function(err, data)
      if self.destroyed then
        ioDone(self, err and luvError(err, nil, "read"))
        return
      end
      self._io = false
      if err then
        errorOrDestroy(self, luvError(err, nil, "read"))
      elseif #data > 0 then
        if self.pos ~= nil then self.pos = self.pos + #data end
        if self._off ~= nil then self._off = self._off + #data end
        self.bytesRead = self.bytesRead + #data
        self:push(data)
      else
        self:push(nil)
      end
    end))
  if not ok then
    self._io = false
    errorOrDestroy(self, luvError(msg, name, "read"))
  end
end

local startWrite -- below

-- The destination's side of a kernel copy that has ended: a write _write
-- was given meanwhile starts now (it came after the copied bytes), and a
-- destroy that waited goes on.  The copy stands for Node's write in flight,
-- which ends in ERR_STREAM_DESTROYED when the stream was destroyed meanwhile;
-- its destroy then reports that error ('error' before 'close'), as Node's.
local function kernelDone(dest)
  local w = dest._kafter
  dest._kbusy, dest._kafter = nil, nil
  dest._io = false
  if dest.destroyed then
    local er = errors.new("ERR_STREAM_DESTROYED",
      "Cannot call write after a stream was destroyed")
    if w then w[3](er) end
    ioDone(dest, er)
  elseif w then
    startWrite(dest, w[1], w[2], w[3])
  end
end

-- _read's range [at, at + n) by a kernel copy into dest, once what is
-- buffered here has been written there: the pipe is writing it (or about
-- to, from the read() that called _read), and dest's write callback starts
-- the copy (_knext).  If the copy cannot start then, the range is read.
local function kernelCopy(self, dest, n, at)
  self._io = true
  -- explicit offsets leave the fd's own offset behind: reads go on from _off
  if self.pos == nil and self._off == nil then self._off = at end
  -- the range the ordinary way; after an error or an empty copy, for good
  local function fallback(stop)
    self._io = false
    if stop then self._kcopy = false end
    readChunk(self, math_min(n, self.readableHighWaterMark), at)
  end
  local function go(failed)
    if self.destroyed then
      ioDone(self)
      return
    end
    local d, ready = kernelDest(self)
    if failed or d ~= dest or not ready then
      fallback(false)
      return
    end
    dest._io = true    -- dest's _destroy waits for this, as for its own write
    dest._kbusy = true -- and a write of its own waits for it (startWrite)
    local ok = sendfile(dest.fd, self.fd, at, n, wrap(function(err, done)
      kernelDone(dest)
      if self.destroyed then
        ioDone(self)
        return
      end
      self._io = false
      if err or type(done) ~= "number" or done <= 0 then
        -- read the range the ordinary way: its error, or its end, as a read
        -- finds it (a copy of 0 bytes is no proof of the end on every fs)
        fallback(true)
        return
      end
      if self.pos ~= nil then self.pos = self.pos + done end
      if self._off ~= nil then self._off = self._off + done end
      self.bytesRead = self.bytesRead + done
      dest.bytesWritten = dest.bytesWritten + done
      M._kernelCopies = M._kernelCopies + 1
      self:push("")   -- nothing to hand on; asks for the next _read
    end))
    if not ok then
      kernelDone(dest)
      fallback(true)
    end
  end
  local _, ready = kernelDest(self)
  if ready then
    go()
    return
  end
  dest._knext = go
  -- Nothing in flight at dest yet: the read() that called us hands it the
  -- buffered chunk now.  If that did not happen by the next tick, read.
  if not dest._io then
    stream.nextTick(function()
      if dest._knext == go and not dest._io then
        dest._knext = nil
        go()
      end
    end)
  end
end

function ReadStream:_read(n)
  local stop = self["end"]
  local at = self.pos or self._off
  local dest = kernelDest(self)
  if dest then
    if at == nil then at = (self.start or 0) + self.bytesRead end
    n = KCOPY
  end
  if at ~= nil then
    n = math_min(stop - at + 1, n)
  else
    n = math_min(stop - self.bytesRead + 1, n)
  end
  if n <= 0 then
    self:push(nil)
    return
  end
  if dest then
    kernelCopy(self, dest, n, at)
  else
    readChunk(self, n, at)
  end
end

ReadStream._destroy = destroyFd

function ReadStream:close(cb)
  checkSelf(self, "close", "cstream.ReadStream", "read")
  if type(cb) == "function" then stream.finished(self, cb) end
  self:destroy()
end

function M.createReadStream(path, opts)
  opts = normalize(path, opts)
  local start = checkInt("start", opts.start, 0)
  local stop = checkInt("end", opts["end"], 0)
  if start and stop and start > stop then
    error(errors.new("ERR_OUT_OF_RANGE",
      ("The value of \"start\" is out of range. It must be <= \"end\" " ..
       "(here: %d). Received %d"):format(stop, start)), 2)
  end
  local o = streamOpts(opts)
  if o.highWaterMark == nil then o.highWaterMark = 65536 end
  o.autoDestroy = opts.autoClose ~= false
  local fields = { fd = opts.fd, flags = opts.flags, mode = opts.mode,
    start = start, ["end"] = stop, autoClose = opts.autoClose }
  return ReadStream.new(o, path, fields)
end

---------------------------------------------------------------------------
-- WriteStream

WriteStream = stream.Writable:extend("cstream.WriteStream")
M.WriteStream = WriteStream

function WriteStream:initialize(_, path, opts)
  checkSelf(self, "initialize", "cstream.WriteStream", "write")
  checkFields("new", opts)
  local fd = opts.fd
  if fd == nil then
    self.path = path
    self.flags = opts.flags or "w"
    self.mode = opts.mode or 438
    self.pending = true
  else
    self.pending = false
  end
  self.autoClose = opts.autoClose ~= false
  if fd ~= nil then setFd(self, fd) end
  self.flush = opts.flush and true or false
  self.start = opts.start
  self.pos = opts.start
  self.bytesWritten = 0
  self._io = false
end

WriteStream._construct = construct

-- Writes all of data (a string or an array of strings) at pos (nil: the
-- current offset), retrying short writes and EAGAIN as Node's writeAll.
local function writeAll(self, data, size, pos, cb, retries)
  local ok, msg, name = uv.fs_write(self.fd, data, pos or -1,
    wrap(function(err, n)
      if err then
        err = luvError(err, nil, "write")
        if err.code == "EAGAIN" then err, n = nil, 0 end
      end
      if err or self.destroyed then
        cb(err or errors.new("ERR_STREAM_DESTROYED",
          "Cannot call write after a stream was destroyed"))
        return
      end
      self.bytesWritten = self.bytesWritten + n
      retries = n > 0 and 0 or retries + 1
      size = size - n
      if retries > 5 then
        cb(errors.new("ERR_SYSTEM_ERROR", "write failed"))
      elseif size > 0 then
        if type(data) == "table" then data = table.concat(data) end
        writeAll(self, data:sub(n + 1), size, pos and pos + n, cb, retries)
      else
        cb()
      end
    end))
  if not ok then cb(luvError(msg, name, "write")) end
end

function startWrite(self, data, size, cb)
  if self._kbusy then   -- a kernel copy into this file is in flight
    self._kafter = { data, size, cb }
    return
  end
  self._io = true
  self._inflight = size
  writeAll(self, data, size, self.pos, function(er)
    -- a kernel copy waiting for this write goes first: the next bytes of
    -- the file are its, whatever the callback leads to
    local k = self._knext
    self._knext, self._inflight = nil, nil
    if self.destroyed then
      if k then k(true) end
      cb(er)
      ioDone(self, er)
      return
    end
    self._io = false
    if k then
      self._kdone = size
      k(er ~= nil)
      self._kdone = nil
    end
    cb(er)
  end, 0)
  if self.pos ~= nil then self.pos = self.pos + size end
end

function WriteStream:_write(data, _, cb)
  startWrite(self, data, #data, cb)
end

function WriteStream:_writev(chunks, cb)
  local list, size = {}, 0
  for i = 1, #chunks do
    local c = chunks[i].chunk
    list[i] = c
    size = size + #c
  end
  startWrite(self, list, size, cb)
end

WriteStream._destroy = destroyFd

function WriteStream:close(cb)
  checkSelf(self, "close", "cstream.WriteStream", "write")
  if cb then
    if self.closed then
      stream.nextTick(cb)
      return
    end
    self:on("close", cb)
  end
  if not self.autoClose then
    self:on("finish", function() self:destroy() end)
  end
  self:finish()
end

function M.createWriteStream(path, opts)
  ignoreSigpipe()
  opts = normalize(path, opts)
  local start = checkInt("start", opts.start, 0)
  local o = streamOpts(opts)
  o.decodeStrings = true
  o.autoDestroy = opts.autoClose ~= false
  local enc = o.encoding
  o.encoding = nil
  local fields = { fd = opts.fd, flags = opts.flags, mode = opts.mode,
    start = start, autoClose = opts.autoClose, flush = opts.flush }
  local w = WriteStream.new(o, path, fields)
  if enc then w:setDefaultEncoding(enc) end
  return w
end

return M
