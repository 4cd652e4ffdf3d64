-- test-stream-flatMap.js (Node 20's test/parallel/), translated; sequences from test/twins/operators/values.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await

local node = twin.run("test/twins/operators/values.js")

describe("flatMap", function()
  -- twin: flatMap
  it("flattens tables, waiting functions and streams", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(helper.join(A.toArray(five():flatMap(function(x) return { x + x } end))))
      out(#A.toArray(five():flatMap(function() return {} end)))
      out(helper.join(A.toArray(five():flatMap(function(x) helper.sleep(1); return { x, x } end))))
      out(helper.join(A.toArray(five():flatMap(function(x) return Readable.from({ x, x * 10 }) end))))
    end)
    assert.are.same(node.flatMap, log)
  end)

  it("a string is one chunk", function()
    local got
    helper.async(function()
      got = A.toArray(Readable.from({ 1, 2 }):flatMap(function(x) return "ab" .. x end))
    end)
    assert.same({ "ab1", "ab2" }, got)
  end)

  -- twin: flatMapAbort
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
    assert.are.same(node.flatMapAbort, log)
  end)
end)
