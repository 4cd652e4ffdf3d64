-- Shared utilities for the busted specs: `local helper = require("spec.helper")`.
--
-- Assert after helper.run(), not inside callbacks: an error raised inside a luv
-- callback makes luv print "Uncaught Error" and exit the whole busted process.
-- Record what happens (helper.recorder) and compare the record afterwards, or wrap
-- a callback that must check something in helper.guard.
-- A handle closed but never run through the loop again makes luv 1.44 crash
-- when the process exits: end a spec that closes handles with helper.run().

local uv = require("luv")

local helper = {}

local caught -- first error caught by a guarded function since the last run()

-- Returns a function that calls fn(...) and, if it raises, keeps the first error
-- and stops the loop instead of letting luv exit; helper.run() re-raises it.
function helper.guard(fn)
  return function(...)
    local ok, err = xpcall(fn, debug.traceback, ...)
    if not ok then
      if caught == nil then caught = err end
      uv.stop()
    end
  end
end

local function close_all()
  uv.walk(function(h)
    if not h:is_closing() then h:close() end
  end)
  uv.run("nowait")
end

-- Runs the luv loop until nothing keeps it alive (uv.run() returns). Fails if
-- that takes longer than timeout_ms (default 2000), and re-raises the first
-- error a guarded function caught. Either way the handles still open are then
-- closed, so that the next spec starts clean.
function helper.run(timeout_ms)
  timeout_ms = timeout_ms or 2000
  local timed_out = false
  local timer = uv.new_timer()
  timer:start(timeout_ms, 0, function()
    timed_out = true
    uv.stop()
  end)
  timer:unref() -- the safety timer alone does not keep the loop alive
  uv.run()
  timer:close()
  uv.run("nowait") -- let the close callbacks (the timer's included) run
  local err = caught
  caught = nil
  if timed_out then
    local _, names = helper.open_handles()
    close_all()
    error(("loop still busy after %d ms; open handles: %s")
      :format(timeout_ms, table.concat(names, ", ")), 2)
  elseif err ~= nil then
    close_all()
    error(err, 0)
  end
end

-- An event log. rec:fn(name) returns a listener that appends name to rec.events
-- (as a plain string when called without arguments, else as {name, args...}).
local Recorder = {}
Recorder.__index = Recorder

function Recorder:fn(name)
  local events = self.events
  return function(...)
    if select("#", ...) == 0 then
      events[#events + 1] = name
    else
      events[#events + 1] = { name, ... }
    end
  end
end

-- The recorded names only, for specs that compare the order of events.
function Recorder:names()
  local out = {}
  for i, e in ipairs(self.events) do
    out[i] = type(e) == "table" and e[1] or e
  end
  return out
end

function helper.recorder()
  return setmetatable({ events = {} }, Recorder)
end

-- Counts the luv handles still open (not closing) and returns the count and
-- their type names. Stopped idle/prepare/check handles are left out: the loop
-- glue may keep one parked, and a stopped one keeps nothing alive.
local parked = { idle = true, prepare = true, check = true }

function helper.open_handles()
  local names = {}
  uv.walk(function(h)
    local kind = uv.handle_get_type(h)
    if not h:is_closing() and not (parked[kind] and not h:is_active()) then
      names[#names + 1] = kind
    end
  end)
  table.sort(names)
  return #names, names
end

return helper
