-- test-stream-flatMap.js (Node 20's test/parallel/), translated; expected lines from test/twins/operators/. See spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await

describe("flatMap", function()
  -- values.js flatMap
  it("flattens tables, waiting functions and streams", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(helper.join(A.toArray(five():flatMap(function(x) return { x + x } end))))
      out(#A.toArray(five():flatMap(function() return {} end)))
      out(helper.join(A.toArray(five():flatMap(function(x) helper.sleep(1); return { x, x } end))))
      out(helper.join(A.toArray(five():flatMap(function(x) return Readable.from({ x, x * 10 }) end))))
    end)
    assert.same({ "2,4,6,8,10", "0", "1,1,2,2,3,3,4,4,5,5", "1,10,2,20,3,30,4,40,5,50" }, log)
  end)

  it("a string is one chunk", function()
    local got
    helper.async(function()
      got = A.toArray(Readable.from({ 1, 2 }):flatMap(function(x) return "ab" .. x end))
    end)
    assert.same({ "ab1", "ab2" }, got)
  end)

  -- values.js flatMapAbort
  it("a signal aborted in a microtask fails it before fn is called", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local ac = AbortController.new()
      local calls = 0
      local s = Readable.from({ 1, 2, 3, 4, 5 }):flatMap(function()
        calls = calls + 1
        helper.sleep(100)
      end, { signal = ac.signal, concurrency = 2 })
      stream.queueMicrotask(function() ac:abort() end)
      local ok, e = pcall(function() for x in s:iter() do out(x) end end)
      out(ok, e.name)
      out("calls", calls)
    end)
    assert.same({ "false AbortError", "calls 0" }, log)
  end)
end)
