-- cstream.process: the process's own stdio as streams, and child processes
-- (Node's process.stdin/stdout/stderr and child_process.spawn).
--
-- stdio: a file gets an fs stream on the fd, a pipe/TTY/socket a Duplex
-- over a luv handle (uv.guess_handle decides). stdout and stderr never close
-- their fd; libuv itself never closes fds 0-2.
--
-- spawn: Node's ChildProcess semantics: 'spawn' on the next tick, 'exit'
-- (code, signal) when the child ends, 'close'(code, signal) once it has
-- exited and its stdout/stderr streams have closed.

local stream = require("cstream") -- first: init.lua registers it, then loads this module
local uv = require("cstream.uv").uv
local unpack = require("cstream.compat").unpack
local errors = require("cstream.errors")
local events = require("cstream.events")

local type, pairs, ipairs, tostring = type, pairs, ipairs, tostring

-- Signal names both ways, from luv's constants.
local SIGNUM, SIGNAME = {}, {}
for k, v in pairs(uv.constants) do
  if type(k) == "string" and k:match("^SIG%u+$") then
    SIGNUM[k] = v
    if SIGNAME[v] == nil or k < SIGNAME[v] then SIGNAME[v] = k end
  end
end
-- SIGIOT/SIGPOLL/SIGCLD alias others; prefer the names Node reports.
for _, k in ipairs({ "SIGABRT", "SIGIO", "SIGCHLD" }) do
  if SIGNUM[k] then SIGNAME[SIGNUM[k]] = k end
end

-- Node reports a failed spawn as exit code -errno; luv gives only the name.
local ERRNO = { ENOENT = 2, EACCES = 13, EAGAIN = 11, EMFILE = 24,
  ENFILE = 23, ENOTDIR = 20, EPERM = 1, ENOMEM = 12, E2BIG = 7 }

-- Is the luv handle closing or closed?  One closed by someone else (uv.walk
-- + close) is gone once its close callback ran: luv then raises "bad self"
-- for every method, is_closing included.
local function gone(h)
  local ok, closing = pcall(h.is_closing, h)
  return not ok or closing
end

local M = {}
local fs = require("cstream.fs")
local fromHandle = require("cstream.handle").fromHandle

-- Every luv callback is wrapped so that the tick queue drains after it.
local wrap = stream._wrapcb

---------------------------------------------------------------------------
-- stdio

local cache = {}

local function openHandle(fd, kind, readable)
  local h, ok, msg
  if kind == "tty" then
    h, msg = uv.new_tty(fd, readable)
    ok = h ~= nil
  elseif kind == "pipe" then
    h = uv.new_pipe(false)
    ok, msg = h:open(fd)
  elseif kind == "tcp" then
    h = uv.new_tcp()
    ok, msg = h:open(fd)
  end
  if not ok then
    if h then h:close() end
    return nil, msg
  end
  return h
end

local function stdio(fd, readable)
  local s = cache[fd]
  if s then return s end
  local kind = uv.guess_handle(fd)
  if kind == "file" then
    if readable then
      s = fs.createReadStream(nil, { fd = fd, autoClose = false })
    else
      s = fs.createWriteStream(nil, { fd = fd, autoClose = false })
    end
    s._keepFd = true
  else
    local h = openHandle(fd, kind, readable)
    if h and readable then
      s = fromHandle(h, { writable = false, manualStart = true })
    elseif h then
      -- Synchronous writes, as Node's stdout on Linux: nothing is lost
      -- when the program exits right after writing.
      h:set_blocking(true)
      s = fromHandle(h, { readable = false, closeHandle = false,
        shutdown = false })
    elseif readable then
      -- No usable fd: an empty input, as Node's dummy stdin.
      s = stream.Readable.new({ read = function(self) self:push(nil) end })
    else
      s = stream.Writable.new({ write = function(_, _, _, cb) cb() end })
    end
  end
  s.fd = fd
  -- pipe() never ends stdout/stderr (Node's check for process.stdout).
  if not readable then s._isStdio = true end
  cache[fd] = s
  return s
end

function M.stdin() return stdio(0, true) end
function M.stdout() return stdio(1, false) end
function M.stderr() return stdio(2, false) end

---------------------------------------------------------------------------
-- child processes

local ChildProcess = events.EventEmitter:extend()
ChildProcess.__name = "cstream.ChildProcess"
M.ChildProcess = ChildProcess

local function maybeClose(self)
  self._closesGot = self._closesGot + 1
  if self._closesGot == self._closesNeeded then
    self:emit("close", self.exitCode, self.signalCode)
  end
end

-- Pulls untouched stdout/stderr through so that they end and close.
local function flushStdio(self)
  for i = 1, #self.stdio do
    local s = self.stdio[i]
    if s and s.readable then s:resume() end
  end
end

local function onexit(self, code, signal)
  if signal and signal ~= 0 then
    self.signalCode = SIGNAME[signal] or signal
  else
    self.exitCode = code
  end
  if self.stdin then self.stdin:destroy() end
  local h = self._handle
  if h then
    self._handle = nil
    if not gone(h) then h:close() end
  end
  if self._spawnError then
    self:emit("error", self._spawnError)
  else
    self:emit("exit", self.exitCode, self.signalCode)
  end
  stream.nextTick(flushStdio, self)
  maybeClose(self)
end

-- self: a table (a ChildProcess); anything else is named, not indexed
local function checkSelf(self, fname)
  if type(self) ~= "table" then errors._selfError(fname, "cstream.ChildProcess", self, 3) end
end

function ChildProcess:kill(sig)
  checkSelf(self, "kill")
  local signum
  if sig == nil then
    signum = SIGNUM.SIGTERM
  elseif type(sig) == "number" then
    signum = sig
  else
    signum = SIGNUM[sig]
    if not signum then
      error(errors.new("ERR_UNKNOWN_SIGNAL",
        "Unknown signal: " .. tostring(sig)), 2)
    end
  end
  local h = self._handle
  if h and not gone(h) then
    local ok, msg, name = h:kill(signum)
    if ok then
      self.killed = true
      return true
    end
    if name == "EINVAL" or name == "ENOSYS" then
      error(errors.fromLuv(msg, name), 2)
    elseif name ~= "ESRCH" then
      local e = errors.fromLuv(msg, name)
      e.syscall = "kill"
      self:emit("error", e)
    end
  end
  return false
end

function ChildProcess:ref()
  checkSelf(self, "ref")
  if self._handle then self._handle:ref() end
end

function ChildProcess:unref()
  checkSelf(self, "unref")
  if self._handle then self._handle:unref() end
end

local function stdioSpec(opt, i)
  local v = opt
  if type(opt) == "table" then v = opt[i + 1] end
  if v == nil then return i <= 2 and "pipe" or "ignore" end
  return v
end

local function envList(env)
  if env == nil then return nil end
  local list = {}
  for k, v in pairs(env) do
    if type(k) == "number" then
      list[#list + 1] = tostring(v) -- already "K=V"
    else
      list[#list + 1] = tostring(k) .. "=" .. tostring(v)
    end
  end
  table.sort(list)
  return list
end

-- spawn(file, args[, opts]): opts.cwd, env (map or "K=V" list), stdio
-- ("pipe" | "inherit" | "ignore", or an array of those and fd numbers),
-- detached, uid, gid.
function M.spawn(file, args, opts)
  if type(args) == "table" and opts == nil and #args == 0 and
     next(args) ~= nil then
    args, opts = nil, args -- spawn(file, opts)
  end
  if type(file) ~= "string" then
    error(errors.new("ERR_INVALID_ARG_TYPE",
      "bad argument #1 to 'spawn' (string expected, got " .. type(file) ..
      ")"), 2)
  end
  if args ~= nil and type(args) ~= "table" then errors._argError(2, "spawn", "table", args) end
  if opts ~= nil and type(opts) ~= "table" then errors._argError(3, "spawn", "table", opts) end
  args = args or {}
  opts = opts or {}
  local self = ChildProcess.new()
  self.pid = nil
  self.exitCode = nil
  self.signalCode = nil
  self.killed = false
  self.spawnfile = file
  self.spawnargs = { file, unpack(args) }
  self._closesNeeded = 1
  self._closesGot = 0

  local nfd = 3
  if type(opts.stdio) == "table" and #opts.stdio > 3 then nfd = #opts.stdio end
  local kinds, uvstdio, pipes = {}, {}, {}
  for i = 0, nfd - 1 do
    local k = stdioSpec(opts.stdio, i)
    kinds[i] = k
    if k == "pipe" then
      pipes[i] = uv.new_pipe(false)
      uvstdio[i + 1] = pipes[i]
    elseif k == "inherit" then
      uvstdio[i + 1] = i
    elseif type(k) == "number" then
      uvstdio[i + 1] = k
    elseif k ~= "ignore" then
      for _, p in pairs(pipes) do p:close() end
      error(errors.new("ERR_INVALID_ARG_VALUE",
        "The argument 'stdio' is invalid. Received " .. tostring(k)), 2)
    end
  end
  -- A constructor keeps the three slots in the array part, so luv sees
  -- the right length even with nil (ignored) slots.
  local luvStdio = { uvstdio[1], uvstdio[2], uvstdio[3] }
  for i = 4, nfd do luvStdio[i] = uvstdio[i] end

  local handle, pid, name = uv.spawn(file, {
    args = args,
    stdio = luvStdio,
    env = envList(opts.env),
    cwd = opts.cwd,
    uid = opts.uid,
    gid = opts.gid,
    detached = opts.detached,
    verbatim = opts.windowsVerbatimArguments,
    hide = opts.windowsHide,
  }, wrap(function(code, signal) onexit(self, code, signal) end))

  self.stdio = {}
  if not handle then
    -- Run-time failure (ENOENT, EACCES, ...): as Node, the stdio streams are
    -- made on the pipes libuv never opened (their readable sides end at
    -- once, stdin is destroyed by onexit), 'close' waits for stdout and
    -- stderr to close, and onexit runs on the next tick with 'error'.
    local e = errors.fromLuv(pid, name)
    -- Node's message names the command: "spawn nosuchcmd ENOENT".
    e.message = "spawn " .. file .. " " .. tostring(name)
    e.errno = ERRNO[name] and -ERRNO[name] or nil
    e.syscall = "spawn " .. file
    e.path = file
    e.spawnargs = args
    self._spawnError = e
    stream.nextTick(onexit, self, ERRNO[name] and -ERRNO[name] or -1, 0)
  else
    self._handle = handle
    self.pid = pid
    stream.nextTick(function() self:emit("spawn") end)
  end
  for i = 0, nfd - 1 do
    local p = pipes[i]
    if p then
      local s
      if i == 0 then
        s = fromHandle(p, { readable = false })
      else
        -- net.Socket({ handle, readable }): writable too, its end a no-op
        -- shutdown (the parent side of a child's output is read-only).
        s = fromHandle(p, { shutdown = false })
        self._closesNeeded = self._closesNeeded + 1
        s:on("close", function() maybeClose(self) end)
      end
      self.stdio[i + 1] = s
    else
      self.stdio[i + 1] = false
    end
  end
  local function get(i)
    local s = self.stdio[i]
    return s or nil
  end
  self.stdin, self.stdout, self.stderr = get(1), get(2), get(3)
  return self
end

return M
