-- test-stream2-readable-wrap.js (Node 20's test/parallel/), translated; sequences from test/twins/iter/stream2_readable_wrap.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

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

local node = twin.run("test/twins/iter/stream2_readable_wrap.js")

describe("test-stream2-readable-wrap", function()
  -- Node's runTest: a classic source paused/resumed by the wrapper, piped into
  -- a slow Writable; everything written, in order.
  local function runTest(case, highWaterMark, objectMode, produce)
    local log, expected, written = {}, {}, {}
    local pauses, resumes, flowing, chunks, oldEnded = 0, 0, false, 10, false
    local old
    local function flow()
      flowing = true
      while flowing and chunks > 0 do
        chunks = chunks - 1
        local item = produce()
        helper.put(expected, item)
        old:emit("data", item)
      end
      if chunks <= 0 then
        oldEnded = true
        old:emit("end")
      end
    end
    old = oldStream(function()
      pauses = pauses + 1
      flowing = false
    end, function()
      resumes = resumes + 1
      flow()
    end)
    local r = Readable.new({ highWaterMark = highWaterMark, objectMode = objectMode })
    helper.put(log, r == r:wrap(old))
    r:on("end", function() helper.put(log, "end") end)
    local w = Writable.new({
      highWaterMark = highWaterMark * 2,
      objectMode = objectMode,
      write = function(_, chunk, _, cb)
        helper.put(written, chunk)
        helper.setTimeout(cb, 1)
      end,
    })
    w:on("finish", function()
      helper.put(log, "finish", oldEnded, #written, pauses, resumes)
    end)
    r:pipe(w)
    flow()
    helper.settle()
    assert.are.same(node[case], twin.strings(log))
    assert.are.same(expected, written)
  end

  -- twin: bytes_100
  it("100-byte chunks, highWaterMark 100", function()
    runTest("bytes_100", 100, false, function() return string.rep("\0", 100) end)
  end)

  -- twin: bytes_10
  it("10-byte chunks, highWaterMark 10", function()
    runTest("bytes_10", 10, false, function() return "xxxxxxxxxx" end)
  end)

  -- twin: objects
  it("objects, highWaterMark 1", function()
    runTest("objects", 1, true, function() return { foo = "bar" } end)
  end)

  -- twin: mixed
  it("mixed values including false, 0 and ''", function()
    local objectChunks = { 5, "a", false, 0, "", "xyz", { x = 4 }, 7, {}, 555 }
    runTest("mixed", 1, true, function() return table.remove(objectChunks, 1) end)
  end)

  -- twin: pause_resume
  it("pauses the old stream when full and resumes it on _read", function()
    local log = {}
    local old = oldStream(function() helper.put(log, "old pause") end, function() helper.put(log, "old resume") end)
    local r = Readable.new({ highWaterMark = 3 }):wrap(old)
    old:emit("data", "ab")
    old:emit("data", "cd")
    helper.put(log, "len", r.readableLength)
    r:on("data", function(c) helper.put(log, "data:" .. c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.setImmediate(function()
      old:emit("data", "ef")
      old:emit("end")
    end)
    helper.settle()
    assert.are.same(node.pause_resume, twin.strings(log))
  end)
end)
