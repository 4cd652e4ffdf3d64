-- test-stream2-readable-wrap-destroy.js (Node 20's test/parallel/), translated; sequences from test/twins/iter/stream2_readable_wrap_destroy.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

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

local node = twin.run("test/twins/iter/stream2_readable_wrap_destroy.js")

describe("test-stream2-readable-wrap-destroy", function()
  -- twin: destroy, close
  for _, name in ipairs({ "destroy", "close" }) do
    it("'" .. name .. "' of the classic stream destroys the wrapper", function()
      local log = {}
      local old = oldStream()
      local r = Readable.new({
        autoDestroy = false,
        destroy = function(_, err, cb) helper.put(log, "_destroy"); cb(err) end,
      }):wrap(old)
      r:on("close", function() helper.put(log, "close") end)
      old:emit(name)
      helper.put(log, r.destroyed)
      helper.settle()
      assert.are.same(node[name], twin.strings(log))
    end)
  end
end)
