-- The luv glue: drains cstream's tick queue on the default loop.
--
-- A luv idle handle runs only while ticks are queued (its callback drains the
-- queue and stops it once empty), so an idle program spends no CPU and
-- uv.run() returns when nothing else is active.  Callbacks that cstream
-- registers with luv are wrapped so the queue is drained right after each,
-- as Node drains after every callback it makes into JavaScript.
--
-- One per Lua state: the first require hooks luv (uv.run, its callback
-- pcall) and gives the core its wake-up; every module shares this table.
-- In a host that owns the loop (Neovim) luv is left as it is (no uv.run
-- wrapper, no callback hook): the queue is drained from the host's own
-- loop, by the idle handle (which also keeps the loop from blocking in
-- poll while ticks wait) and by a check handle, which runs right after
-- the loop's I/O callbacks, so that ticks queued by a callback cstream did
-- not wrap (a plugin's own vim.uv handle) run before the next timers, as
-- Node runs them after every callback.  An error escaping a tick there is
-- raised to the host, which reports it (Neovim: "Error executing luv
-- callback"); cstream never exits a process it does not own.
local luv = require("cstream.uv")
local uv, hosted = luv.uv, luv.hosted
local core = require("cstream.core")
local errors = require("cstream.errors")

local pcall, xpcall, error, setmetatable = pcall, xpcall, error, setmetatable
local traceback = debug.traceback
local errstring = errors.tostring

-- Is the luv handle closing or closed?  One closed by someone else (uv.walk
-- + close) is gone once its close callback ran: luv then raises "bad self"
-- for every method, is_closing included.
local function gone(h)
  local ok, closing = pcall(h.is_closing, h)
  return not ok or closing
end

local M = {}
local idle = uv.new_idle()
local check = hosted and uv.new_check() or nil
local active = false

-- Once the state closes (lua_close runs the finalizers, newest first) the
-- streams are gone; luv's loop, older, then runs the requests still in
-- flight (uv.stop() left them, or the main chunk simply returned): their
-- callbacks must not reach the freed streams.  This sentinel is finalized
-- after every stream and before luv's loop, and each wrapped callback
-- holds it, so it is never collected while one can still run.
local closing = false
local sentinel = require("cstream.compat").guard({},
  { __gc = function()
    closing = true
    -- luv's callback hook drains only while a wake is set
    core.setWake(nil)
  end })

local function stop_if_empty()
  if active and core.pendingTicks() == 0 then
    active = false
    if not gone(idle) then idle:stop() end
    if check and not gone(check) then check:stop() end
  end
end

-- An error escaping a tick is uncaught, as in Node: core.uncaught reports
-- it ("Uncaught Error: <tostring>" and where it was raised) and exits 1.
-- So does one escaping any luv callback, once luv calls them through
-- cstream's pcall (core.hookLuv).
local function drain()
  local ok, err = pcall(core.drain)
  if not ok then
    if not hosted then core.uncaught(err) end
    stop_if_empty()
    -- as a string: a host prints an error table as "(null)" or the like
    error(traceback(errstring(err), 2), 0)
  end
  stop_if_empty()
end
if not hosted and not uv.__cstream_hooked then
  uv.__cstream_hooked = core.hookLuv(uv.version)
end

local function ondrain()
  if closing then return end
  drain()
end

core.setWake(function()
  -- Someone may have closed every handle (uv.walk + close): start afresh.
  if gone(idle) or (check and gone(check)) then
    if not gone(idle) then idle:close() end
    if check and not gone(check) then check:close() end
    idle = uv.new_idle()
    if check then check = uv.new_check() end
    active = false
  end
  if not active then
    active = true
    idle:start(ondrain)
    if check then check:start(ondrain) end
  end
end)
M.drain = drain

-- Ticks queued before the loop starts (by the main chunk) run before any
-- timer, as Node runs them before its event loop: libuv would run due
-- timers first, ahead of the idle handle, so drain as uv.run() starts.
if not hosted and not uv.__cstream_run then
  local run = uv.run
  uv.__cstream_run = run
  uv.run = function(...)
    if core.pendingTicks() > 0 then drain() end
    return run(...)
  end
end

-- fn wrapped so that the ticks it queues run before the loop moves on.  An
-- error it raises is uncaught: luv calls it through cstream's report when
-- core.hookLuv took; otherwise luv reports it and exits, as a string, so
-- that an error table (an I/O error emitted with no 'error' listener)
-- prints as itself rather than "(null)".
local function uncaught(e)
  return traceback(errstring(e), 2)
end

function M.wrap(fn)
  return function(...)
    if closing or not sentinel then return end
    if uv.__cstream_hooked then
      fn(...)
    else
      local ok, err = xpcall(fn, uncaught, ...)
      if not ok then error(err, 0) end
    end
    drain()
  end
end

return M
