-- test-stream2-readable-wrap-empty.js (Node 20's test/parallel/), translated; sequences from test/twins/iter/stream2_readable_wrap_empty.js. See spec/README.md.

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

local node = twin.run("test/twins/iter/stream2_readable_wrap_empty.js")

describe("test-stream2-readable-wrap-empty", function()
  -- twin: empty
  it("'end' of an empty classic stream", function()
    local log = {}
    local old = oldStream()
    local r = Readable.new():wrap(old)
    r:on("readable", function() helper.put(log, "readable") end):on("end", function() helper.put(log, "end") end)
    old:emit("end")
    helper.settle()
    assert.are.same(node.empty, log)
  end)
end)
