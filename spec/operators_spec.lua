-- Node 20's Readable operators (API.md §9), translated from Node's
-- test/parallel/test-stream-map.js, -filter, -forEach, -toArray,
-- -some-find-every, -flatMap, -drop-take and -reduce. The expected lines
-- come from the JS twins under test/twins/operators/ (`node map.js` prints
-- every map case; `node map.js NAME` one of them).
--
-- `await x.op()` is `stream.await.op(x)` inside a coroutine (async() below);
-- an async fn that awaits is a Lua function that waits (sleep()).
local helper = require("spec.helper")
local stream = require("cstream")

local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await
local sleep = helper.sleep

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

local function fmt(e)
  if type(e) == "table" then return e.code or e.message end
  return tostring(e)
end

-- Raises and returns the error's code.
local function raises(f, ...)
  local ok, e = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return type(e) == "table" and e.code or e
end

-- Waits for the signal's 'abort' (Node's `await once(signal, 'abort')`).
local function onceAbort(signal)
  local co = coroutine.running()
  signal:once("abort", function() coroutine.resume(co) end)
  coroutine.yield()
end

local function naturals()
  local i = 0
  return Readable.from(function()
    i = i + 1
    return i
  end)
end

describe("map", function()
  -- test/twins/operators/map.js sync, waiting, chained
  it("maps synchronously, waiting, and chained", function()
    local log, out = logger()
    async(function()
      out(join(A.toArray(Readable.from({ 1, 2, 3, 4, 5 }):map(function(x) return x + x end))))
      out(join(A.toArray(Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        sleep(1)
        return x + x
      end))))
      out(join(A.toArray(Readable.from({ 1, 2, 3, 4, 5 })
        :map(function(x) return x + x end):map(function(x) return x + x end))))
    end)
    assert.same({ "2,4,6,8,10", "2,4,6,8,10", "4,8,12,16,20" }, log)
  end)

  -- test/twins/operators/map.js readahead
  it("calls fn one chunk ahead of the consumer", function()
    local log, out = logger()
    async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        out("fn", x)
        return x * 10
      end)
      for v in s:iter() do out("got", v) end
      out("done")
    end)
    assert.same({ "fn 1", "got 10", "fn 2", "got 20", "fn 3", "got 30", "fn 4", "got 40",
                  "fn 5", "got 50", "done" }, log)
  end)

  -- test/twins/operators/map.js readahead2
  it("with concurrency 2 runs fn up to three chunks ahead", function()
    local log, out = logger()
    async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        out("fn", x)
        sleep(1)
        return x * 10
      end, { concurrency = 2 })
      for v in s:iter() do out("got", v) end
      out("done")
    end)
    assert.same({ "fn 1", "fn 2", "fn 3", "got 10", "fn 4", "got 20", "fn 5", "got 30",
                  "got 40", "got 50", "done" }, log)
  end)

  -- test/twins/operators/map.js infinite
  it("stops an infinite source when the consumer breaks, one call ahead", function()
    local log, out = logger()
    async(function()
      local calls = 0
      local src = naturals()
      local s = src:map(function() calls = calls + 1; return 2 end)
      local i = 1
      for item in s:iter() do
        out(item)
        i = i + 1
        if i == 5 then break end
      end
      sleep(1)
      out("calls", calls, "destroyed", s.destroyed, src.destroyed)
    end)
    assert.same({ "2", "2", "2", "2", "calls 5 destroyed true true" }, log)
  end)

  -- test/twins/operators/map.js bytes
  it("reads a byte stream as for-await does", function()
    local log, out = logger()
    async(function()
      local src = Readable.new({ read = function(self)
        self:push("a"); self:push("b"); self:push(nil)
      end })
      for v in src:map(function(x) return x .. "!" end):iter() do out(v) end
    end)
    assert.same({ "ab!" }, log)
  end)

  -- test/twins/operators/map.js dataEvents
  it("does not care about 'data' emitted on the mapped stream", function()
    local log, out = logger()
    async(function()
      local src = Readable.new({ read = function(self)
        self:push("a"); self:push("b"); self:push(nil)
      end })
      local s = src:map(function(x) return x .. "!" end):map(function(x) return x .. "?" end)
      helper.check_immediate(function() s:emit("data", "bogus") end)
      for v in s:iter() do out(v) end
    end)
    assert.same({ "ab!?" }, log)
  end)

  -- test/twins/operators/map.js throwing
  it("an error raised by fn fails the chain and destroys the source", function()
    local log, out = logger()
    async(function()
      local src = Readable.from({ 1, 2, 3, 4, 5 })
      local seen = {}
      local s = src:map(function(x)
        seen[#seen + 1] = x
        if x == 3 then error({ message = "boom" }) end
        return x + x
      end)
      local ok, e = pcall(A.toArray, s:map(function(x) return x + x end))
      out(ok, fmt(e))
      sleep(1)
      out("seen", join(seen), "destroyed", s.destroyed, src.destroyed)
    end)
    assert.same({ "false boom", "seen 1,2,3 destroyed true true" }, log)
  end)

  -- test/twins/operators/map.js emitted
  it("an 'error' emitted on the mapped stream fails what reads it", function()
    local log, out = logger()
    async(function()
      local s
      s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        if x == 3 then s:emit("error", { message = "boom" }) end
        return x + x
      end)
      local ok, e = pcall(A.toArray, s:map(function(x) return x + x end))
      out(ok, fmt(e))
    end)
    assert.same({ "false boom" }, log)
  end)

  -- test/twins/operators/map.js abort
  it("gives fn a signal that aborts with opts.signal", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      local calls = 0
      local s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(_, o)
        calls = calls + 1
        onceAbort(o.signal)
        error(o.signal.reason, 0)
      end, { signal = ac.signal, concurrency = 2 })
      helper.timeout_now(function() ac:abort() end, 5)
      local ok, e = pcall(function()
        for item in s:iter() do out("got", item) end
      end)
      out(ok, e.name, e.code)
      out("calls", calls)
    end)
    assert.same({ "false AbortError ABORT_ERR", "calls 2" }, log)
  end)

  -- test/twins/operators/map.js order
  it("keeps the source's order whatever order fn finishes in", function()
    local got
    async(function()
      got = A.toArray(Readable.from({ 1, 2 }):map(function(item)
        sleep(10 - item * 4)
        return item
      end, { concurrency = 2 }))
    end)
    assert.same({ 1, 2 }, got)
  end)

  it("drops the chunks for which fn returns nil (Lua has no undefined)", function()
    local got
    async(function()
      got = A.toArray(Readable.from({ 1, 2, 3, 4 }):map(function(x)
        if x % 2 == 0 then return x end
      end))
    end)
    assert.same({ 2, 4 }, got)
  end)

  it("checks its arguments at once", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.map, r, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.map, r, function(x) return x end, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.map, r, function(x) return x end, { concurrency = "Foo" }))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.map, r, function(x) return x end, { signal = true }))
    assert.equal("ERR_OUT_OF_RANGE", raises(r.map, r, function(x) return x end, { concurrency = 0 }))
    assert.equal("ERR_OUT_OF_RANGE", raises(r.map, r, function(x) return x end, { highWaterMark = -1 }))
    r:destroy()
    run()
  end)

  -- test/twins/operators/map.js readable
  it("returns a Readable", function()
    local s = Readable.from({ 1 }):map(function(x) return x end)
    assert.is_true(Readable:isInstance(s))
    assert.is_true(s.readable)
    s:destroy()
    run()
  end)
end)

-- The rest: test/twins/operators/values.js, one case per `it` (named after
-- the twin's case). Where the twin prints undefined as "", the spec has "nil".
describe("filter", function()
  -- values.js filter
  it("keeps the chunks fn accepts, waiting or not", function()
    local log, out = logger()
    async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(join(A.toArray(five():filter(function(x) return x % 2 == 1 end))))
      out(join(A.toArray(five():filter(function(x) sleep(1); return x > 2 end))))
    end)
    assert.same({ "1,3,5", "3,4,5" }, log)
  end)

  -- values.js filterOrder
  it("calls fn ahead of the consumer as map does", function()
    local log, out = logger()
    async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 }):filter(function(x)
        out("fn", x)
        return x % 2 == 0
      end)
      for v in s:iter() do out("got", v) end
    end)
    assert.same({ "fn 1", "fn 2", "got 2", "fn 3", "fn 4", "got 4", "fn 5" }, log)
  end)

  -- values.js filterAbort
  it("with concurrency 2 and a signal: two calls, then AbortError", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      local calls = 0
      local s = Readable.from({ 1, 2, 3, 4 }):filter(function(_, o)
        calls = calls + 1
        onceAbort(o.signal)
        error(o.signal.reason, 0)
      end, { signal = ac.signal, concurrency = 2 })
      helper.timeout_now(function()
        out("calls", calls)
        ac:abort()
      end, 5)
      local ok, e = pcall(function() for x in s:iter() do out(x) end end)
      out(ok, e.name)
    end)
    assert.same({ "calls 2", "false AbortError" }, log)
  end)

  -- values.js filterOrder2
  it("keeps the source's order whatever order fn finishes in", function()
    local got
    async(function()
      got = A.toArray(Readable.from({ 1, 2 }):filter(function(item)
        sleep(10 - item * 4)
        return true
      end, { concurrency = 2 }))
    end)
    assert.same({ 1, 2 }, got)
  end)

  it("checks its arguments at once", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.filter, r, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.filter, r, function() end, 1))
    assert.equal("ERR_OUT_OF_RANGE", raises(r.filter, r, function() end, { concurrency = 0.5 }))
    r:destroy()
    run()
  end)

  it("uses Lua's truth: 0 and \"\" keep the chunk", function()
    local got
    async(function()
      got = A.toArray(Readable.from({ 1, 2, 3 }):filter(function(x)
        if x == 1 then return 0 elseif x == 2 then return false end
        return ""
      end))
    end)
    assert.same({ 1, 3 }, got)
  end)
end)

describe("forEach", function()
  -- values.js forEach
  it("calls fn for every chunk, in order, waiting or not", function()
    local log, out = logger()
    async(function()
      A.forEach(Readable.from({ 1, 2, 3 }), function(v) out(v) end)
      A.forEach(Readable.from({ 1, 2, 3 }), function(v) sleep(1); out("async", v) end)
      out("done")
    end)
    assert.same({ "1", "2", "3", "async 1", "async 2", "async 3", "done" }, log)
  end)

  -- values.js forEachAbort
  it("with concurrency 2 and a signal: two calls, then AbortError", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      local calls = 0
      helper.timeout_now(function()
        out("calls", calls)
        ac:abort()
      end, 5)
      local ok, e = pcall(A.forEach, Readable.from({ 1, 2, 3, 4 }), function(_, o)
        calls = calls + 1
        onceAbort(o.signal)
      end, { signal = ac.signal, concurrency = 2 })
      out(ok, e.name, e.code)
    end)
    assert.same({ "calls 2", "false AbortError ABORT_ERR" }, log)
  end)

  -- values.js forEachThrow, forEachEmit
  it("an error raised by fn, or emitted by the stream, is the result", function()
    local log, out = logger()
    async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 })
      local ok, e = pcall(A.forEach, s, function(x) if x == 3 then error({ message = "boom" }) end end)
      out(ok, fmt(e))
      sleep(1)
      out("destroyed", s.destroyed)
      s = Readable.from({ 1, 2, 3, 4, 5 })
      ok, e = pcall(A.forEach, s, function(x)
        if x == 3 then s:emit("error", { message = "boom" }) end
      end)
      out(ok, fmt(e))
    end)
    assert.same({ "false boom", "destroyed true", "false boom" }, log)
  end)

  it("callback form: cb(nil) once done, arguments checked at once", function()
    local log, out = logger()
    local r = Readable.from({ 1, 2 })
    r:forEach(function(v) out(v) end, function(err, v) out("cb", err, v) end)
    run()
    assert.same({ "1", "2", "cb nil nil" }, log)
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.forEach, r, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.forEach, r, function() end, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.forEach, r, function() end))
  end)
end)

describe("toArray", function()
  -- values.js toArray
  it("collects every chunk; a byte stream's chunks stay apart", function()
    local log, out = logger()
    async(function()
      out(#A.toArray(Readable.from({})))
      out(join(A.toArray(Readable.from({ 1, 2, 3 }))))
      local bytes = A.toArray(Readable.from({ "ab", "cd" }, { objectMode = false }))
      out(#bytes, join(bytes))
    end)
    assert.same({ "0", "1,2,3", "2 ab,cd" }, log)
  end)

  -- values.js toArrayAbort
  it("a signal aborted meanwhile rejects at the next chunk, with the reason as cause", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      local s = Readable.from({ 1, 2, 3 }):map(function(x)
        if x == 3 then coroutine.yield() end -- never resumed
        return x
      end)
      local co = coroutine.running()
      local res
      stream.nextTick(function() ac:abort("why") end)
      s:toArray({ signal = ac.signal }, function(err, v)
        res = { err, v }
        coroutine.resume(co)
      end)
      coroutine.yield()
      local e = res[1]
      out(e.name, e.code, e.cause)
      out("destroyed", s.destroyed)
    end)
    assert.same({ "AbortError ABORT_ERR why", "destroyed true" }, log)
  end)

  it("stream.await forms raise outside a coroutine, callbacks are required", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_INVALID_STATE", raises(A.toArray, r))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.toArray, r))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.toArray, r, 1, function() end))
    r:destroy()
    run()
  end)
end)

describe("flatMap", function()
  -- values.js flatMap
  it("flattens tables, waiting functions and streams", function()
    local log, out = logger()
    async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(join(A.toArray(five():flatMap(function(x) return { x + x } end))))
      out(#A.toArray(five():flatMap(function() return {} end)))
      out(join(A.toArray(five():flatMap(function(x) sleep(1); return { x, x } end))))
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
        sleep(100)
      end, { signal = ac.signal, concurrency = 2 })
      stream.queueMicrotask(function() ac:abort() end)
      local ok, e = pcall(function() for x in s:iter() do out(x) end end)
      out(ok, e.name)
      out("calls", calls)
    end)
    assert.same({ "false AbortError", "calls 0" }, log)
  end)
end)

describe("drop and take", function()
  -- values.js dropTake
  it("drop and take as Node's", function()
    local log, out = logger()
    async(function()
      local function r(s) return "[" .. join(A.toArray(s)) .. "]" end
      out(r(Readable.from({ 1, 2, 3 }):drop(2)))
      out(r(Readable.from({ 1, 2, 3 }):take(1)))
      out(r(Readable.from({}):drop(2)))
      out(r(Readable.from({}):take(1)))
      out(r(Readable.from({ 1, 2, 3 }):drop(1):take(1)))
      out(r(Readable.from({ 1, 2 }):drop(0)))
      out(r(Readable.from({ 1, 2 }):take(0)))
      out(r(naturals():take(1)))
      out(r(naturals():drop(10):take(10)))
      out(r(naturals():take(5):take(1)))
      out(r(Readable.from({ 1, 2, 3 }):drop(1.5)))
    end)
    assert.same({ "[3]", "[1]", "[]", "[]", "[2]", "[1,2]", "[]", "[1]",
                  "[11,12,13,14,15,16,17,18,19,20]", "[1]", "[3]" }, log)
  end)

  -- values.js takeDestroys
  it("take destroys its source once it has enough", function()
    local log, out = logger()
    async(function()
      local src = naturals()
      for v in src:take(2):iter() do out(v) end
      out("destroyed", src.destroyed)
    end)
    assert.same({ "1", "2", "destroyed true" }, log)
  end)

  -- values.js dropTakeAbort
  it("fail with AbortError on a signal aborted before or meanwhile", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      local a = Readable.from({ 1, 2, 3 }):take(1, { signal = ac.signal })
      local b = Readable.from({ 1, 2, 3 }):drop(1, { signal = ac.signal })
      local c = Readable.from({ 1, 2, 3 }):take(1, { signal = AbortSignal.abort() })
      ac:abort()
      for _, s in ipairs({ a, b, c }) do
        local ok, e = pcall(A.toArray, s)
        out(ok, e.name)
      end
    end)
    assert.same({ "false AbortError", "false AbortError", "false AbortError" }, log)
  end)

  it("check their arguments at once", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_OUT_OF_RANGE", raises(r.take, r, -1))
    assert.equal("ERR_OUT_OF_RANGE", raises(r.drop, r, -math.huge))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.drop, r, 1, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.take, r, 1, { signal = true }))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.take, r, "2"))
    r:destroy()
    run()
  end)
end)

describe("reduce", function()
  -- values.js reduce
  it("reduces as Array.prototype.reduce, with or without an initial value", function()
    local log, out = logger()
    async(function()
      local function sum(p, c) return p + c end
      out(A.reduce(Readable.from({}), sum, 0))
      out(A.reduce(Readable.from({ 1, 2, 3, 4, 5 }), sum, 0))
      out(A.reduce(Readable.from({ "a", "b", "c" }), function(p, c) return p .. c end, ""))
      out(A.reduce(Readable.from({ 1, 2 }), sum))
      out(A.reduce(Readable.from({ 1, 2, 3 }), function(_, y) return y end))
      out(A.reduce(Readable.from({ 1, 2, 3 }), function(p, c) sleep(1); return p + c end))
      local ok, e = pcall(A.reduce, Readable.from({}), sum)
      out(ok, e.code, e.message)
    end)
    assert.same({ "0", "15", "abc", "3", "3", "6",
                  "false ERR_MISSING_ARGS Reduce of an empty stream requires an initial value" }, log)
  end)

  -- values.js reduceLazy
  it("reads lazily: two chunks consumed and one buffered by map", function()
    local log, out = logger()
    async(function()
      local calls = 0
      local ok, e = pcall(A.reduce, Readable.from({ 1, 2, 3, 4, 5, 6 }):map(function(x)
        calls = calls + 1
        return x
      end), function(p, c)
        if p == 1 then error({ message = "boom" }) end
        return c
      end, 0)
      out(ok, fmt(e))
      out("calls", calls)
    end)
    assert.same({ "false boom", "calls 3" }, log)
  end)

  -- values.js reduceAbort
  it("a signal aborts it; one aborted already destroys the stream", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      stream.nextTick(function() ac:abort() end)
      local ok, e = pcall(A.reduce, Readable.from({ 1, 2, 3 }), function(p, c)
        if c == 3 then coroutine.yield() end -- never resumed
        return p
      end, 0, { signal = ac.signal })
      out(ok, e.name)
      local s = Readable.from({ 1, 2, 3 })
      ok, e = pcall(A.reduce, s, function(p) return p end, 0, { signal = AbortSignal.abort("pre") })
      out(ok, e.name, e.cause, s.destroyed)
    end)
    assert.same({ "false AbortError", "false AbortError pre true" }, log)
  end)

  it("callback form: the initial value by position, a nil one is none", function()
    local log, out = logger()
    local function sum(p, c) return p + c end
    Readable.from({ 1, 2 }):reduce(sum, 10, function(err, v) out("a", err, v) end)
    Readable.from({ 1, 2 }):reduce(sum, nil, function(err, v) out("b", err, v) end)
    Readable.from({ 1, 2 }):reduce(sum, 5, {}, function(err, v) out("c", err, v) end)
    Readable.from({ 1, 2 }):reduce(sum, function(err, v) out("d", err, v) end)
    run()
    table.sort(log)
    assert.same({ "a nil 13", "b nil 3", "c nil 8", "d nil 3" }, log)
    local r = Readable.from({})
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.reduce, r, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.reduce, r, sum, 0, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.reduce, r, sum, 0, { signal = true }, function() end))
    r:destroy()
    run()
  end)
end)

describe("some, find and every", function()
  -- values.js someFindEvery
  it("answer as Node's", function()
    local log, out = logger()
    async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(A.some(five(), function(x) return x > 3 end), A.every(five(), function(x) return x > 3 end),
          A.find(five(), function(x) return x > 3 end))
      out(A.some(five(), function(x) return x > 6 end), A.every(five(), function(x) return x < 6 end),
          A.find(five(), function(x) return x > 6 end))
      out(A.some(Readable.from({}), function() return true end),
          A.every(Readable.from({}), function() return true end),
          A.find(Readable.from({}), function() return true end))
      out(A.some(five(), function(x) sleep(1); return x > 3 end))
    end)
    assert.same({ "true false 4", "false true nil", "false true nil", "true" }, log)
  end)

  -- values.js shortCircuit
  it("stop at the answer and destroy the stream", function()
    local log, out = logger()
    async(function()
      for _, c in ipairs({ { "some", function(x) return x > 2 end },
                           { "every", function(x) return x < 3 end },
                           { "find", function(x) return x > 1 end } }) do
        local s = Readable.from({ 1, 2, 3, 4, 5 })
        local calls = 0
        local v = A[c[1]](s, function(x) calls = calls + 1; return c[2](x) end)
        sleep(1)
        out(c[1], v, calls, s.destroyed)
      end
    end)
    assert.same({ "some true 3 true", "every false 3 true", "find 2 2 true" }, log)
  end)

  -- values.js predicateSignal
  it("give the predicate a signal (left unaborted, as Node 20)", function()
    local log, out = logger()
    async(function()
      for _, op in ipairs({ "some", "every", "find" }) do
        local sig
        A[op](Readable.from({ 1 }), function(_, o) sig = o.signal; return true end)
        out(op, sig.aborted)
      end
    end)
    assert.same({ "some false", "every false", "find false" }, log)
  end)

  -- values.js sfeThrow
  it("an error raised by the predicate is the result", function()
    local log, out = logger()
    async(function()
      for _, op in ipairs({ "some", "every", "find" }) do
        local s = Readable.from({ 1, 2, 3, 4, 5 })
        local ok, e = pcall(A[op], s, function() error({ message = op .. " sync" }) end)
        out(ok, fmt(e), s.destroyed)
      end
    end)
    assert.same({ "false some sync false", "false every sync false", "false find sync false" }, log)
  end)

  -- values.js findConcurrent
  it("concurrency does not change which value is found", function()
    local found
    async(function()
      found = A.find(Readable.from({ 1, 2 }), function(val)
        if val == 1 then sleep(20) end
        return true
      end, { concurrency = 2 })
    end)
    assert.equal(1, found)
  end)

  it("callback forms", function()
    local log, out = logger()
    Readable.from({ 1, 2, 3 }):some(function(x) return x == 2 end, function(err, v) out("some", err, v) end)
    Readable.from({ 1, 2, 3 }):every(function(x) return x < 3 end, {}, function(err, v) out("every", err, v) end)
    Readable.from({ 1, 2, 3 }):find(function(x) return x > 1 end, function(err, v) out("find", err, v) end)
    run()
    table.sort(log)
    assert.same({ "every nil false", "find nil 2", "some nil true" }, log)
  end)
end)

-- test/twins/operators/microtasks.js: where each value arrives, counted by
-- a chain of microtasks started with the operator (Node's promise timing).
describe("microtask positions", function()
  local function positions(start)
    local n = 0
    local function step()
      n = n + 1
      if n < 400 then stream.queueMicrotask(step) end
    end
    local log = {}
    local function at(what) log[#log + 1] = what .. "@" .. n end
    start(at, function(s)
      s:on("data", function(v) at("d" .. v) end)
      s:on("end", function() at("end") end)
      s:on("close", function() at("close") end)
    end)
    stream.queueMicrotask(step)
    run()
    return table.concat(log, " ")
  end
  local function mk() return Readable.from({ 1, 2, 3 }) end
  local function streamOf(f) return function(_, watch) watch(f()) end end

  it("of the stream-returning operators are Node's", function()
    local function id(x) return x end
    assert.equal("d1@6 d2@13 d3@20 end@400 close@400", positions(streamOf(function() return mk():map(id) end)))
    assert.equal("d1@6 d2@13 d3@20 end@400 close@400",
      positions(streamOf(function() return mk():filter(function() return true end) end)))
    assert.equal("d1@4 d2@8 end@400 close@400", positions(streamOf(function() return mk():take(2) end)))
    assert.equal("d2@6 d3@10 end@400 close@400", positions(streamOf(function() return mk():drop(1) end)))
    assert.equal("d1@9 d2@21 d3@33 end@400 close@400",
      positions(streamOf(function() return mk():flatMap(function(x) return { x } end) end)))
    assert.equal("d1@9 d1@12 d1@15 d2@27 end@400 close@400",
      positions(streamOf(function()
        return Readable.from({ 1, 2 }):flatMap(function(x)
          if x == 1 then return { x, x, x } end
          return { x }
        end)
      end)))
  end)

  it("of the value-returning operators are Node's", function()
    local function cb(at) return function() at("v") end end
    assert.equal("v@400", positions(function(at) mk():toArray(cb(at)) end))
    assert.equal("f1@1 f2@6 f3@11 v@400", positions(function(at)
      mk():forEach(function(x) at("f" .. x) end, cb(at))
    end))
    assert.equal("v@13", positions(function(at) mk():some(function(x) return x == 2 end, cb(at)) end))
    assert.equal("v@18", positions(function(at) mk():find(function(x) return x == 3 end, cb(at)) end))
    assert.equal("v@400", positions(function(at)
      mk():reduce(function(a, b) return a + b end, 0, cb(at))
    end))
  end)
end)
