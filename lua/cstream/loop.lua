-- The luv glue: drains cstream's tick queue on the default loop.
--
-- A luv idle handle runs only while ticks are queued (its callback drains the
-- queue and stops it once empty), so an idle program spends no CPU and
-- uv.run() returns when nothing else is active.  Callbacks that cstream
-- registers with luv are wrapped so the queue is drained right after each,
-- as Node drains after every callback it makes into JavaScript.
local uv = require("luv")

return function(core)
  local M = {}
  local idle = uv.new_idle()
  local active = false

  local function stop_if_empty()
    if active and core.pendingTicks() == 0 then
      active = false
      if not idle:is_closing() then idle:stop() end
    end
  end

  -- An error escaping a tick is uncaught, as in Node: core.uncaught reports
  -- it ("Uncaught Error: <tostring>" and where it was raised) and exits 1.
  -- So does one escaping any luv callback, once luv calls them through
  -- cstream's pcall (core.hookLuv).
  local function drain()
    local ok, err = pcall(core.drain)
    if not ok then core.uncaught(err) end
    stop_if_empty()
  end
  if not uv.__cstream_hooked then
    uv.__cstream_hooked = core.hookLuv(uv.version)
  end

  local function ondrain()
    drain()
  end

  core.setWake(function()
    -- Someone may have closed every handle (uv.walk + close): start afresh.
    if idle:is_closing() then
      idle = uv.new_idle()
      active = false
    end
    if not active then
      active = true
      idle:start(ondrain)
    end
  end)
  M.drain = drain

  -- Ticks queued before the loop starts (by the main chunk) run before any
  -- timer, as Node runs them before its event loop: libuv would run due
  -- timers first, ahead of the idle handle, so drain as uv.run() starts.
  if not uv.__cstream_run then
    local run = uv.run
    uv.__cstream_run = run
    uv.run = function(...)
      if core.pendingTicks() > 0 then drain() end
      return run(...)
    end
  end

  -- fn wrapped so that the ticks it queues run before the loop moves on.
  function M.wrap(fn)
    return function(...)
      fn(...)
      drain()
    end
  end

  return M
end
