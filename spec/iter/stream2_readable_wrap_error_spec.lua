-- test-stream2-readable-wrap-error.js (Node 20's test/parallel/), translated; sequences from test/twins/iter/stream2_readable_wrap_error.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local function message(err)
  if type(err) == "table" then return err.message end
  return tostring(err)
end

-- A classic (pre-streams2) stream: an emitter with advisory pause/resume.
local function oldStream(onPause, onResume)
  local listeners = {}
  local old = {}
  function old:on(name, fn)
    listeners[name] = listeners[name] or {}
    table.insert(listeners[name], fn)
    return self
  end
  function old:emit(name, ...)
    for _, fn in ipairs(listeners[name] or {}) do fn(...) end
  end
  function old:pause() if onPause then onPause() end end
  function old:resume() if onResume then onResume() end end
  return old
end

local node = twin.run("test/twins/iter/stream2_readable_wrap_error.js")

describe("test-stream2-readable-wrap-error", function()
  -- twin: auto_destroy
  it("autoDestroy = true: 'error' destroys", function()
    local log = {}
    local old = oldStream()
    local err = { message = "x" }
    local r
    r = Readable.new({ autoDestroy = true }):wrap(old)
      :on("error", function(e) helper.put(log, "error", e == err, r.destroyed, r.errored == err) end)
    r:on("close", function() helper.put(log, "close") end)
    old:emit("error", err)
    helper.put(log, "sync", r.destroyed)
    helper.settle()
    assert.are.same(node.auto_destroy, twin.strings(log))
  end)

  -- twin: no_auto_destroy
  it("autoDestroy = false: 'error' at once, not destroyed", function()
    local log = {}
    local old = oldStream()
    local err = { message = "x" }
    local r
    r = Readable.new({ autoDestroy = false }):wrap(old)
      :on("error", function(e) helper.put(log, "error", e == err, r.destroyed, r.errored == err) end)
    r:on("close", function() helper.put(log, "close") end)
    old:emit("error", err)
    helper.put(log, "sync", r.destroyed)
    helper.settle()
    assert.are.same(node.no_auto_destroy, twin.strings(log))
  end)
end)
