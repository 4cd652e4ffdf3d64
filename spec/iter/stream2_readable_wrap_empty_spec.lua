-- test-stream2-readable-wrap-empty.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
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

describe("test-stream2-readable-wrap-empty", function()
  it("'end' of an empty classic stream", function()
    local log = {}
    local old = oldStream()
    local r = Readable.new():wrap(old)
    r:on("readable", function() helper.put(log, "readable") end):on("end", function() helper.put(log, "end") end)
    old:emit("end")
    helper.settle()
    assert.are.same({ "readable", "end" }, log)
  end)
end)
