-- cstream.pipe: Readable:pipe and Readable:unpipe, Node 20's
-- Readable.prototype.pipe/unpipe (lib/internal/streams/readable.js).
--
-- The state is C's (src/lcs_pipe.c, pipe's one owner): state.pipes, the
-- writers the source awaits 'drain' from and multiAwaitDrain change only
-- through core.pipeAdd/pipePause/pipeDrained/pipeRemove, and the 'data'
-- forwarder is core.pipeListener, which the core runs from C into a
-- cstream destination.  This file wires the listeners, on the public API
-- of both streams, as Node's pipe does.
local core = require("cstream.core")
local errors = require("cstream.errors")
local events = require("cstream.events")
local utils = require("cstream.utils")
local stream = require("cstream")

local type, rawequal = type, rawequal
local field = utils.field

local M = {}

local function isStdio(s)
  return type(s) == "userdata" and s._isStdio == true
end

local function pipeOnDrain(src, dest)
  return function()
    if core.pipeDrained(src, dest) then src:resume() end
  end
end

-- Node's prependListener(emitter, event, fn) of readable.js: a destination
-- whose prependListener is not a function (a legacy emitter, or one that set
-- it to something else) still gets the pipe's 'error' handler before the
-- listeners it has, or through its on() when it has none.
local function prependListener(emitter, name, fn)
  if type(field(emitter, "prependListener")) == "function" then
    return emitter:prependListener(name, fn)
  end
  local ev = field(emitter, "_events")
  if type(ev) ~= "table" or not ev[name] then return emitter:on(name, fn) end
  events.prependRaw(emitter, ev, name, fn)
end

function M.pipe(src, dest, pipeOpts)
  local t = type(dest)
  if (t ~= "userdata" and t ~= "table") or type(field(dest, "write")) ~= "function"
     or type(field(dest, "on")) ~= "function" then
    error(errors.new("ERR_INVALID_ARG_TYPE", "bad argument #1 to 'pipe' (writable stream expected, got "
      .. (t == "userdata" and "userdata" or t) .. ")"), 2)
  end
  core.pipeAdd(src, dest)

  -- Node reads pipeOpts?.end: options that are not a table are no options
  local doEnd = utils.field(pipeOpts, "end") ~= false and not isStdio(dest)
  local ondrain, cleanedUp = nil, false
  local onclose, onfinish, onerror, onunpipe, ondata, onend, unpipe, cleanup

  -- Every handler exists before the first is wired, as Node's hoisted
  -- function declarations do: pipe() left half wired by a raise (a
  -- destination's once, a memory error) leaves no listener that calls a
  -- handler still nil (cleanup() would raise from 'unpipe').
  function onend() dest["end"](dest) end
  function unpipe() src:unpipe(dest) end
  local endFn = doEnd and onend or unpipe

  function onunpipe(readable, info)
    if rawequal(readable, src) and info and info.hasUnpiped == false then
      info.hasUnpiped = true
      cleanup()
    end
  end

  function cleanup()
    dest:removeListener("close", onclose)
    dest:removeListener("finish", onfinish)
    if ondrain then dest:removeListener("drain", ondrain) end
    dest:removeListener("error", onerror)
    dest:removeListener("unpipe", onunpipe)
    src:removeListener("end", onend)
    src:removeListener("end", unpipe)
    src:removeListener("data", ondata)
    cleanedUp = true
    -- Node asks whether dest has a writable side at all, not whether it is
    -- still writable: an ended dest must not resume the source here.
    local ws = stream.isStream(dest) and dest:_state().w
    if ondrain and core.pipeAwaiting(src) and (not ws or ws.needDrain) then
      ondrain()
    end
  end

  local function pause()
    if not cleanedUp then
      core.pipePause(src, dest)
      src:pause()
    end
    if not ondrain then
      ondrain = pipeOnDrain(src, dest)
      dest:on("drain", ondrain)
    end
  end

  -- dest:write(chunk), pause() on false; the core runs it from C when it
  -- is src's only 'data' listener and dest a cstream stream.
  ondata = core.pipeListener(dest, pause, src)

  function onerror(er)
    unpipe()
    dest:removeListener("error", onerror)
    if dest:listenerCount("error") == 0 then
      local st = stream.isStream(dest) and dest:_state()
      local side = st and (st.w or st.r)
      if side and not side.errorEmitted then
        dest:_errorOrDestroy(er)
      else
        dest:emit("error", er)
      end
    end
  end

  function onclose()
    dest:removeListener("finish", onfinish)
    unpipe()
  end
  function onfinish()
    dest:removeListener("close", onclose)
    unpipe()
  end

  if src.readableEnded then
    stream.nextTick(endFn)
  else
    src:once("end", endFn)
  end
  dest:on("unpipe", onunpipe)
  src:on("data", ondata)
  prependListener(dest, "error", onerror)
  dest:once("close", onclose)
  dest:once("finish", onfinish)

  dest:emit("pipe", src)

  if dest.writableNeedDrain == true then
    pause()
  elseif not src:_state().r.flowing then
    src:resume()
  end
  return dest
end

function M.unpipe(src, dest)
  if dest == nil then
    local dests = core.pipeRemove(src)
    if not dests then return src end
    src:pause()
    for i = 1, #dests do
      dests[i]:emit("unpipe", src, { hasUnpiped = false })
    end
    return src
  end
  local left = core.pipeRemove(src, dest)
  if not left then return src end
  if left == 0 then src:pause() end
  dest:emit("unpipe", src, { hasUnpiped = false })
  return src
end

return M
