-- test-stream-flatMap.js (Node 20's test/parallel/), translated; expected lines from test/twins/operators/. See spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await
local function run() helper.run(5000) end

-- Runs fn in a coroutine (Node's async function), then the loop; fails if
-- fn raised or never returned.
local function async(fn)
  local done, failure = false, nil
  local co = coroutine.create(function()
    local ok, err = xpcall(fn, debug.traceback)
    done = true
    if not ok then failure = err end
  end)
  local ok, err = coroutine.resume(co)
  if not ok then error(err, 0) end
  run()
  if failure ~= nil then error(failure, 0) end
  assert.is_true(done, "the coroutine never finished")
end

-- The log of a case: out(...) appends its arguments joined by spaces.
local function logger()
  local log = {}
  return log, function(...)
    local t = table.pack(...)
    for i = 1, t.n do t[i] = tostring(t[i]) end
    log[#log + 1] = table.concat(t, " ", 1, t.n)
  end
end

local function join(t) return table.concat(t, ",") end

describe("flatMap", function()
  -- values.js flatMap
  it("flattens tables, waiting functions and streams", function()
    local log, out = logger()
    async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(join(A.toArray(five():flatMap(function(x) return { x + x } end))))
      out(#A.toArray(five():flatMap(function() return {} end)))
      out(join(A.toArray(five():flatMap(function(x) helper.sleep(1); return { x, x } end))))
      out(join(A.toArray(five():flatMap(function(x) return Readable.from({ x, x * 10 }) end))))
    end)
    assert.same({ "2,4,6,8,10", "0", "1,1,2,2,3,3,4,4,5,5", "1,10,2,20,3,30,4,40,5,50" }, log)
  end)

  it("a string is one chunk", function()
    local got
    async(function()
      got = A.toArray(Readable.from({ 1, 2 }):flatMap(function(x) return "ab" .. x end))
    end)
    assert.same({ "ab1", "ab2" }, got)
  end)

  -- values.js flatMapAbort
  it("a signal aborted in a microtask fails it before fn is called", function()
    local log, out = logger()
    async(function()
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
