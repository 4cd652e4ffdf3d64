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
      idle:stop()
    end
  end

  local function ondrain()
    core.drain()
    stop_if_empty()
  end

  core.setWake(function()
    if not active then
      active = true
      idle:start(ondrain)
    end
  end)
  function M.drain()
    core.drain()
    stop_if_empty()
  end

  -- fn wrapped so that the ticks it queues run before the loop moves on.
  function M.wrap(fn)
    return function(...)
      fn(...)
      core.drain()
      stop_if_empty()
    end
  end

  return M
end
