-- r:iter(), Readable.from, r:collect and w:writeAsync, translated from Node's
-- test/parallel/test-stream-readable-async-iterators.js and
-- test/parallel/test-readable-from.js, then the Lua-only behaviour.
--
-- `for await (x of r)` is `for x in r:iter() do` inside a coroutine (async()
-- below); `await tick()` is sleep(1). Node's tests that keep several next()
-- promises pending at once have no coroutine counterpart (one coroutine
-- waits on an iterator at a time) and are left out, as are those that patch
-- methods of an instance (`r.destroy = null`).
local helper = require("spec.helper")
local stream = require("cstream")
local EventEmitter = require("cstream.events").EventEmitter

local Readable, Writable = stream.Readable, stream.Writable
local Transform, PassThrough = stream.Transform, stream.PassThrough

local code = helper.errtext
local E = helper.E

-- Luv handles started at once, not from a tick, and fn unguarded.
local setTimeout = helper.timeout_now
-- Node's setImmediate (see helper.check_immediate).
local setImmediate = helper.check_immediate
local sleep = helper.sleep

-- Runs the loop to completion; fails when it is still busy after 5 s.
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

-- Node's legacy `new Stream()`.
local function legacyStream()
  local s = EventEmitter.new()
  function s.pipe(_, dest) return dest end
  return s
end

-- Catches what `for x in r:iter()` raises, with what it received.
local function drain(r, body)
  local got = {}
  local ok, err = pcall(function()
    for x in r:iter() do
      got[#got + 1] = x
      if body then body(x) end
    end
  end)
  return got, (not ok) and err or nil
end

describe("test-stream-readable-async-iterators.js", function()
  it("a v1 stream", function()
    local destroys = 0
    local s = legacyStream()
    function s.destroy() destroys = destroys + 1 end
    stream.nextTick(function()
      s:emit("data", "hello")
      s:emit("data", "world")
      s:emit("end")
    end)
    local res = ""
    async(function()
      for d in Readable.iter(s) do res = res .. d end
    end)
    assert.equal("helloworld", res)
    assert.equal(1, destroys)
  end)

  it("a v1 stream that errors", function()
    local closes = 0
    local s = legacyStream()
    function s.close() closes = closes + 1 end
    local e = E("asd")
    stream.nextTick(function()
      s:emit("data", 0)
      s:emit("data", 1)
      s:emit("error", e)
    end)
    local got
    async(function()
      local it = Readable.iter(s)
      local ok, err = pcall(it)
      got = { ok, err == e }
    end)
    assert.same({ false, true }, got)
    assert.equal(1, closes)
  end)

  it("next() then a loop on the same iterator", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push(0)
    r:push(1)
    r:push(nil)
    local got = {}
    async(function()
      local it = r:iter()
      got[#got + 1] = it()
      for d in it do got[#got + 1] = d end
    end)
    assert.same({ 0, 1 }, got)
  end)

  it("next() after an error raises it", function()
    local r = Readable.new({ read = function() end })
    local e = E("kaboom")
    local it = r:iter()
    r:destroy(e)
    local got
    async(function()
      local ok, err = pcall(it)
      got = { ok, err == e }
    end)
    assert.same({ false, true }, got)
  end)

  it("reads in object mode", function()
    local max, readed, received = 42, 0, 0
    local r = Readable.new({ objectMode = true, read = function(self)
      self:push("hello")
      readed = readed + 1
      if readed == max then self:push(nil) end
    end })
    async(function()
      for k in r:iter() do
        received = received + 1
        assert.equal("hello", k)
      end
    end)
    assert.equal(readed, received)
    assert.equal(max, received)
  end)

  it("destroy(err) inside _read", function()
    local r = Readable.new({ objectMode = true, read = function(self)
      self:destroy(E("kaboom from read"))
    end })
    local got, err
    async(function() got, err = drain(r) end)
    assert.same({}, got)
    assert.equal("kaboom from read", err.message)
  end)

  it("destroy(err) later", function()
    local r
    r = Readable.new({ objectMode = true, read = function(self)
      if not self.pushed then
        self:push("hello")
        self.pushed = true
        setImmediate(function() r:destroy(E("kaboom")) end)
      end
    end })
    local got, err
    async(function() got, err = drain(r) end)
    assert.same({ "hello" }, got)
    assert.equal("kaboom", err.message)
  end)

  it("an error raised by the loop body destroys the stream", function()
    local r = Readable.new({ objectMode = true, read = function(self) self:push("hello") end })
    local e = E("kaboom")
    local got, err
    async(function()
      got, err = drain(r, function(k)
        assert.equal("hello", k)
        error(e)
      end)
    end)
    assert.equal(e, err)
    assert.same({ "hello" }, got)
    assert.is_true(r.destroyed)
  end)

  it("destroy(err) right after push in _read", function()
    local r = Readable.new({ objectMode = true, read = function(self)
      self:push("hello")
      self:destroy(E("kaboom"))
    end })
    local got, err
    async(function() got, err = drain(r) end)
    assert.same({ "hello" }, got)
    assert.equal("kaboom", err.message)
  end)

  it("an already destroyed stream does not deadlock", function()
    local r = Readable.new({ read = function() end })
    r:destroy()
    local closes, got, err = 0, nil, nil
    stream.nextTick(function()
      r:on("close", function() closes = closes + 1 end)
      assert(coroutine.resume(coroutine.create(function() got, err = drain(r) end)))
    end)
    run()
    assert.same({}, got)
    assert.equal("ERR_STREAM_PREMATURE_CLOSE", code(err))
    assert.equal(0, closes)
  end)

  it("pushes that come later", function()
    local max, readed, received = 42, 0, 0
    local r
    r = Readable.new({ objectMode = true, read = function()
      setImmediate(function()
        r:push("hello")
        readed = readed + 1
        if readed == max then r:push(nil) end
      end)
    end })
    async(function()
      for k in r:iter() do
        received = received + 1
        assert.equal("hello", k)
      end
    end)
    assert.equal(max, readed)
    assert.equal(readed, received)
  end)

  it("bytes that come later, with an encoding, beside a paused 'data' listener", function()
    local max, readed = 42, 0
    local r
    r = Readable.new({ read = function()
      setImmediate(function()
        r:push("hello")
        readed = readed + 1
        if readed == max then r:push(nil) end
      end)
    end })
    local expected = ""
    r:setEncoding("utf8")
    r:pause()
    r:on("data", function(chunk) expected = expected .. chunk end)
    local data = ""
    async(function()
      for k in r:iter() do data = data .. k end
    end)
    assert.equal(expected, data)
    assert.equal(("hello"):rep(max), data)
  end)

  it("next() on a destroyed stream", function()
    local r = Readable.new({ read = function() end })
    r:destroy()
    local err
    async(function()
      local _
      _, err = drain(r)
    end)
    assert.equal("ERR_STREAM_PREMATURE_CLOSE", code(err))
  end)

  it("next() on a pipelined stream", function()
    local r = Readable.new({ read = function() end })
    local pt = PassThrough.new()
    local e = E("kaboom")
    local cbErr
    stream.pipeline(r, pt, function(err2) cbErr = err2 end)
    r:destroy(e)
    local err
    async(function()
      local _
      _, err = drain(r)
    end)
    assert.equal(e, err)
    assert.equal(e, cbErr)
  end)

  it("iterating an ended stream again completes", function()
    local r = Readable.new({ objectMode = true, read = function(self)
      self:push("asdf")
      self:push("hehe")
      self:push(nil)
    end })
    local a, b
    async(function()
      a = drain(r)
      b = drain(r)
    end)
    assert.same({ "asdf", "hehe" }, a)
    assert.same({}, b)
  end)

  it("destroy() from the loop body is a premature close", function()
    local r = Readable.new({ objectMode = true, read = function(self)
      self:push("asdf")
      self:push("hehe")
    end })
    local err
    async(function()
      local _
      _, err = drain(r, function() r:destroy() end)
    end)
    assert.equal("ERR_STREAM_PREMATURE_CLOSE", code(err))
  end)

  it("the readable side of a Transform ends with push(nil)", function()
    local t = Transform.new({ objectMode = true, transform = function(_, chunk, _, cb) cb(nil, chunk) end })
    t:push(0)
    t:push(1)
    stream.nextTick(function() t:push(nil) end)
    local got, reached = {}, 0
    async(function()
      local it = t:iter()
      got[#got + 1] = it()
      for d in it do
        got[#got + 1] = d
        reached = reached + 1
      end
      reached = reached + 1
    end)
    assert.same({ 0, 1 }, got)
    assert.equal(2, reached)
    t:destroy()
    run()
  end)

  it("the error given by an async _destroy", function()
    local e = E("asd")
    local r = Readable.new({
      read = function() end,
      destroy = function(_, _, cb) setTimeout(function() cb(e) end, 1) end,
    })
    r:destroy()
    local err
    async(function()
      local _
      _, err = drain(r)
    end)
    assert.equal(e, err)
  end)

  it("does not destroy at the end without autoDestroy", function()
    local r = Readable.new({ autoDestroy = false, read = function(self)
      self:push("asd")
      self:push(nil)
    end })
    async(function() drain(r) end)
    assert.is_false(r.destroyed)
  end)

  it("destroys on break even without autoDestroy", function()
    local r = Readable.new({ autoDestroy = false, read = function(self) self:push("asd") end })
    async(function()
      for _ in r:iter() do break end
    end)
    assert.is_true(r.destroyed)
  end)

  it("does not destroy before 'end'", function()
    local r
    local atEnd
    r = Readable.new({ read = function(self)
      self:push("asd")
      self:push(nil)
    end })
    r:on("end", function() atEnd = r.destroyed end)
    async(function() drain(r) end)
    assert.is_false(atEnd)
    assert.is_true(r.destroyed)
  end)

  it("a destroyed stream fails the iterator made after 'close'", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    r:destroy()
    local err
    r:on("close", function()
      local co = coroutine.create(function()
        local _
        _, err = drain(r)
      end)
      assert(coroutine.resume(co))
    end)
    run()
    assert.equal("ERR_STREAM_PREMATURE_CLOSE", code(err))
  end)

  describe("destroyOnReturn", function()
    local function createReadable()
      local step = 0
      return Readable.from(function()
        step = step + 1
        sleep(1)
        if step == 1 then return 5 end
        if step == 2 then return 7 end
        return nil
      end)
    end

    it("true: break destroys", function()
      local r = createReadable()
      local got = {}
      async(function()
        for chunk in r:iter({ destroyOnReturn = true }) do
          got[#got + 1] = chunk
          break
        end
      end)
      assert.same({ 5 }, got)
      assert.is_true(r.destroyed)
    end)

    it("false: break keeps the stream, a second loop reads the rest", function()
      local r = createReadable()
      local got, between = {}, nil
      async(function()
        local opts = { destroyOnReturn = false }
        for chunk in r:iter(opts) do
          got[#got + 1] = chunk
          break
        end
        between = r.destroyed
        for chunk in r:iter(opts) do got[#got + 1] = chunk end
      end)
      assert.same({ 5, 7 }, got)
      assert.is_false(between)
      assert.is_true(r.destroyed)
    end)

    it("rejects options that are not a table", function()
      local r = createReadable()
      local ok, err = pcall(r.iter, r, 42)
      assert.is_false(ok)
      assert.equal("ERR_INVALID_ARG_TYPE", err.code)
      assert.equal("bad argument #1 to 'iter' (table expected, got number)", err.message)
      r:destroy()
      run()
    end)

    it("leaves no listener behind", function()
      local r = createReadable()
      async(function()
        local opts = { destroyOnReturn = false }
        while r.readable do
          for _ in r:iter(opts) do break end
        end
      end)
      assert.same({}, r:eventNames())
    end)
  end)
end)

describe("test-readable-from.js", function()
  it("rejects nil", function()
    local ok, err = pcall(Readable.from, nil)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
  end)

  it("an iterator function", function()
    local items, i = { "a", "b", "c" }, 0
    local r = Readable.from(function()
      i = i + 1
      return items[i]
    end)
    local got
    async(function() got = drain(r) end)
    assert.same({ "a", "b", "c" }, got)
  end)

  it("an iterator function that waits", function()
    local items, i = { "a", "b", "c" }, 0
    local r = Readable.from(function()
      sleep(1)
      i = i + 1
      return items[i]
    end)
    local got
    async(function() got = drain(r) end)
    assert.same({ "a", "b", "c" }, got)
  end)

  it("a string is one chunk", function()
    local got
    async(function() got = drain(Readable.from("abc")) end)
    assert.same({ "abc" }, got)
  end)

  it("an array table", function()
    local r = Readable.from({ "a", "b", "c" })
    assert.is_true(r.readableObjectMode)
    local got
    async(function() got = drain(r) end)
    assert.same({ "a", "b", "c" }, got)
  end)

  it("'data' events", function()
    local r = Readable.from(coroutine.wrap(function()
      coroutine.yield("a")
      coroutine.yield("b")
      coroutine.yield("c")
    end))
    local log = {}
    r:on("data", function(chunk) log[#log + 1] = chunk end)
    r:on("end", function() log[#log + 1] = "end" end)
    run()
    assert.same({ "a", "b", "c", "end" }, log)
  end)

  it("'data' events, objectMode = false", function()
    local r = Readable.from({ "a", "b", "c" }, { objectMode = false })
    assert.is_false(r.readableObjectMode)
    local log = {}
    r:on("data", function(chunk) log[#log + 1] = chunk end)
    r:on("end", function() log[#log + 1] = "end" end)
    run()
    assert.same({ "a", "b", "c", "end" }, log)
  end)

  it("an iterator that raises destroys the stream", function()
    local e = E("kaboom")
    local r = Readable.from(function() error(e) end)
    r:read()
    local log = {}
    r:on("error", function(err) log[#log + 1] = { err == e, r.destroyed } end)
    run()
    assert.same({ { true, true } }, log)
  end)

  it("as a transform of another stream (a generator over source:iter())", function()
    local source = Readable.new({ objectMode = true, read = function(self)
      self:push("a")
      self:push("b")
      self:push("c")
      self:push(nil)
    end })
    local r = Readable.from(coroutine.wrap(function()
      for chunk in source:iter() do coroutine.yield(chunk:upper()) end
    end))
    local got
    async(function() got = drain(r) end)
    assert.same({ "A", "B", "C" }, got)
  end)

  it("ends with the iterator's error", function()
    local step = 0
    local r = Readable.from(function()
      step = step + 1
      if step <= 2 then return step end
      error("Boum", 0)
    end)
    local got, err
    async(function() got, err = drain(r) end)
    assert.same({ 1, 2 }, got)
    assert.equal("Boum", err)
  end)
end)

describe("Lua extras", function()
  it("iter() must wait inside a coroutine", function()
    local r = Readable.new({ read = function() end })
    local ok, err = pcall(function()
      for _ in r:iter() do end -- luacheck: ignore
    end)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_STATE", err.code)
    r:destroy()
    run()
  end)

  it("a stream as the source of Readable.from", function()
    local src = Readable.from({ 1, 2, 3 })
    local r = Readable.from(src)
    local got
    async(function() got = drain(r) end)
    assert.same({ 1, 2, 3 }, got)
  end)

  it("destroying Readable.from stops a generator waiting on another stream", function()
    local source = PassThrough.new()
    local r = Readable.from(coroutine.wrap(function()
      for chunk in source:iter() do coroutine.yield(chunk) end
    end))
    local log = {}
    source:on("close", function() log[#log + 1] = "source close " .. tostring(source.destroyed) end)
    r:on("close", function() log[#log + 1] = "r close" end)
    r:resume()
    setImmediate(function() r:destroy() end)
    run()
    table.sort(log)
    assert.same({ "r close", "source close true" }, log)
  end)

  it("collect: bytes", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("ab")
    r:push("cd")
    r:push(nil)
    r:collect(function(err, res) log[#log + 1] = { code(err), res } end)
    run()
    assert.same({ { "nil", "abcd" } }, log)
  end)

  it("collect: objects", function()
    local log = {}
    Readable.from({ 1, false, "x" }):collect(function(err, res) log[#log + 1] = { code(err), res } end)
    run()
    assert.same({ { "nil", { 1, false, "x" } } }, log)
  end)

  it("collect: the stream's error", function()
    local log = {}
    local e = E("kaboom")
    local r = Readable.new({ read = function() end })
    r:push("ab")
    r:collect(function(err, res) log[#log + 1] = { err == e, res } end)
    stream.nextTick(function() r:destroy(e) end)
    run()
    assert.same({ { true } }, log)
  end)

  it("writeAsync waits for 'drain'", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 2, write = function(_, chunk, _, cb)
      log[#log + 1] = "write " .. chunk
      setImmediate(cb)
    end })
    w:on("drain", function() log[#log + 1] = "drain" end)
    async(function()
      for _, c in ipairs({ "a", "b", "c" }) do
        w:writeAsync(c)
        log[#log + 1] = "wrote " .. c
      end
      w:finish()
    end)
    assert.same({ "write a", "wrote a", "write b", "drain", "wrote b", "write c", "wrote c" }, log)
  end)

  it("writeAsync raises the stream's error", function()
    local e = E("kaboom")
    local w = Writable.new({ highWaterMark = 1, write = function(_, _, _, cb)
      setImmediate(function() cb(e) end)
    end })
    w:on("error", function() end)
    local ok, err
    async(function() ok, err = pcall(w.writeAsync, w, "abc") end)
    assert.is_false(ok)
    assert.equal(e, err)
  end)

  it("writeAsync on a destroyed stream raises ERR_STREAM_DESTROYED", function()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    w:destroy()
    w:on("error", function() end)
    local ok, err
    async(function() ok, err = pcall(w.writeAsync, w, "abc") end)
    assert.is_false(ok)
    assert.equal("ERR_STREAM_DESTROYED", code(err))
  end)

  it("writeAsync outside a coroutine is ERR_INVALID_STATE", function()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    local ok, err = pcall(w.writeAsync, w, "abc")
    assert.is_false(ok)
    assert.equal("ERR_INVALID_STATE", err.code)
    assert.equal(0, w.writableLength)
  end)

  it("a Duplex has writeAsync and iter", function()
    local d = PassThrough.new()
    local got
    async(function()
      d:writeAsync("x")
      d:finish()
      got = drain(d)
    end)
    assert.same({ "x" }, got)
  end)
end)

-- Where Node's code awaits, the coroutine waits for as many microtasks
-- (stream.queueMicrotask) as that await takes in Node 20, even when the
-- value is already there; so loop bodies interleave with ticks and other
-- microtasks as in Node. Each expected log is what node printed for the JS
-- twin named above the spec (/tmp/itx_*.js).
describe("promise timing of iter(), Readable.from and writeAsync", function()
  local mt = stream.queueMicrotask

  local function put(log, ...)
    for i = 1, select("#", ...) do log[#log + 1] = (select(i, ...)) end
  end

  -- k chained microtasks logging tag1..tagk, with "D" once s is destroyed
  -- and "E" once its readable side has ended (push(nil) done).
  local function chain(log, tag, k, s)
    local i = 0
    local function step()
      i = i + 1
      local mark = ""
      if s then
        mark = (s:_state().r.ended and "E" or "") .. (s.destroyed and "D" or "")
      end
      put(log, tag .. i .. mark)
      if i < k then mt(step) end
    end
    mt(step)
  end

  -- Node's `(async () => { body })().then(() => log.push('done'))`.
  local function asyncLog(log, body)
    local co = coroutine.create(function()
      local ok, err = pcall(body)
      mt(function() put(log, ok and "done" or ("rejected:" .. code(err))) end)
    end)
    local ok, err = coroutine.resume(co)
    if not ok then error(err, 0) end
  end

  local function tick(log, name) stream.nextTick(function() put(log, name) end) end

  -- itx_hops.js 'buffered'
  it("a step over a buffered chunk takes two microtasks", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a"); r:push("b"); r:push("c")
    setImmediate(function()
      asyncLog(log, function()
        chain(log, "p", 8)
        put(log, "start")
        for c in r:iter() do
          put(log, "chunk:" .. c)
          if c == "a" then chain(log, "q", 8) end
          if c == "c" then break end
        end
      end)
      put(log, "sync")
    end)
    run()
    assert.same({ "start", "sync", "p1", "p2", "chunk:a", "p3", "q1", "p4", "q2", "chunk:b",
      "p5", "q3", "p6", "q4", "chunk:c", "p7", "q5", "p8", "q6", "q7", "done", "q8" }, log)
  end)

  -- itx_hops.js 'waiting'
  it("a chunk pushed while waiting reaches the body three microtasks after 'readable'", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    setImmediate(function()
      asyncLog(log, function()
        for c in r:iter() do put(log, "chunk:" .. c) end
      end)
      setTimeout(function()
        put(log, "push")
        r:push("x")
        chain(log, "p", 8)
        tick(log, "tick")
        setImmediate(function() r:push(nil) end)
      end, 5)
    end)
    run()
    assert.same({ "push", "tick", "p1", "p2", "p3", "chunk:x", "p4", "p5", "p6", "p7", "p8",
      "done" }, log)
  end)

  -- itx_hops.js 'end'
  it("the end seen while waiting leaves the loop two microtasks after 'close'", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    setImmediate(function()
      asyncLog(log, function()
        for c in r:iter() do put(log, "chunk:" .. c) end
        put(log, "after")
      end)
      setTimeout(function()
        r:on("end", function()
          put(log, "end")
          chain(log, "p", 8)
          tick(log, "tick")
        end)
        r:push(nil)
        r:on("close", function() put(log, "close") end)
      end, 5)
    end)
    run()
    assert.same({ "end", "tick", "close", "p1", "p2", "after", "p3", "done", "p4", "p5", "p6",
      "p7", "p8" }, log)
  end)

  -- itx_hops2.js 'break' and 'throw-in-body': for-await calls return(),
  -- whose finally block destroys the stream a microtask later.
  it("break destroys one microtask later and goes on after two", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a"); r:push("b")
    setImmediate(function()
      asyncLog(log, function()
        for c in r:iter() do
          put(log, "chunk:" .. c)
          chain(log, "p", 8, r)
          break
        end
        put(log, "after" .. (r.destroyed and "D" or ""))
      end)
    end)
    run()
    assert.same({ "chunk:a", "p1", "p2D", "afterD", "p3D", "done", "p4D", "p5D", "p6D", "p7D",
      "p8D" }, log)
  end)

  it("an error raised by the body is caught two microtasks later", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a")
    setImmediate(function()
      asyncLog(log, function()
        local ok, err = pcall(function()
          for c in r:iter() do
            put(log, "chunk:" .. c)
            chain(log, "p", 8, r)
            error(E("x"))
          end
        end)
        put(log, ok, err.message .. (r.destroyed and "D" or ""))
      end)
    end)
    run()
    assert.same({ "chunk:a", "p1", "p2D", false, "xD", "p3D", "done", "p4D", "p5D", "p6D",
      "p7D", "p8D" }, log)
  end)

  -- itx_hops2.js 'error-wait'
  it("an error while waiting is raised two microtasks after 'error'", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    setImmediate(function()
      asyncLog(log, function()
        local ok, err = pcall(function()
          for c in r:iter() do put(log, "chunk:" .. c) end
        end)
        put(log, ok, err.message)
      end)
      setTimeout(function()
        r:on("error", function()
          put(log, "error")
          chain(log, "p", 8)
        end)
        r:destroy(E("bad"))
      end, 5)
    end)
    run()
    assert.same({ "error", "p1", false, "bad", "p2", "done", "p3", "p4", "p5", "p6", "p7",
      "p8" }, log)
  end)

  -- itx_hops2.js 'error-in-body'
  it("destroy(err) in the body: the next step waits for the error's ticks", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a")
    setImmediate(function()
      asyncLog(log, function()
        local ok, err = pcall(function()
          for c in r:iter() do
            put(log, "chunk:" .. c)
            r:destroy(E("bad"))
            chain(log, "p", 8)
          end
        end)
        put(log, ok, err.message)
      end)
      r:on("error", function() put(log, "error") end)
      r:on("close", function() put(log, "close") end)
    end)
    run()
    assert.same({ "chunk:a", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "error", "close",
      false, "bad", "done" }, log)
  end)

  -- itx_trace1.js 'async' and 'array': Readable.from calls a function as
  -- Node awaits an async generator, and reads an array as a sync iterable.
  local function trace(src, log)
    local r = Readable.from(src)
    r:on("end", function() put(log, "end") end)
    r:on("close", function() put(log, "close") end)
    asyncLog(log, function()
      for c in r:iter() do
        put(log, "chunk:" .. c)
        tick(log, "tick" .. c)
        mt(function() put(log, "mt" .. c) end)
      end
    end)
    run()
  end

  it("Readable.from(function) and iter(): ticks wait until the loop is done", function()
    local log, calls = {}, 0
    trace(function()
      calls = calls + 1
      put(log, "gen" .. calls)
      if calls <= 5 then return calls end
    end, log)
    assert.same({ "gen1", "gen2", "chunk:1", "gen3", "mt1", "chunk:2", "gen4", "mt2", "chunk:3",
      "gen5", "mt3", "chunk:4", "gen6", "mt4", "chunk:5", "mt5", "tick1", "tick2", "tick3",
      "tick4", "tick5", "end", "close", "done" }, log)
  end)

  it("Readable.from(array) and iter(): the array is not awaited", function()
    local log = {}
    trace({ 1, 2, 3, 4, 5 }, log)
    assert.same({ "chunk:1", "mt1", "chunk:2", "mt2", "chunk:3", "mt3", "chunk:4", "mt4",
      "chunk:5", "mt5", "tick1", "tick2", "tick3", "tick4", "end", "tick5", "close", "done" }, log)
  end)

  -- itx_from_hops.js: `await iterator.next()` takes two microtasks for a
  -- value, one for the end or a throw.
  for _, mode in ipairs({ "values", "throw" }) do
    it("Readable.from(function): " .. mode, function()
      local log, n, r = {}, 0, nil
      r = Readable.from(function()
        n = n + 1
        put(log, "gen" .. n)
        chain(log, "g" .. n .. ".", 4, r)
        if n == 3 then
          if mode == "throw" then error(E("bad")) end
          return nil
        end
        return n
      end)
      r:on("data", function(c) put(log, "data:" .. c) end)
      r:on("end", function() put(log, "end") end)
      r:on("error", function(e) put(log, "error:" .. e.message) end)
      r:on("close", function() put(log, "close") end)
      run()
      local m = mode == "throw" and "D" or "E"
      assert.same({ "gen1", "g1.1", "g1.2", "data:1", "gen2", "g1.3", "g2.1", "g1.4", "g2.2",
        "data:2", "gen3", "g2.3", "g3.1", "g2.4" .. m, "g3.2" .. m, "g3.3" .. m, "g3.4" .. m,
        mode == "throw" and "error:bad" or "end", "close" }, log)
    end)
  end

  -- itx_from_destroy2.js / itx_from_destroy3.js: _destroy calls back after
  -- Node's async close() around the iterator's return() (or throw(err)).
  -- Each microtask k of a chain queues tick tk; "cb" lands between them.
  local sources = {
    ["function"] = function()
      local i = 0
      return function() i = i + 1; return i end
    end,
    array = function() return { 1, 2, 3 } end,
    stream = function()
      return Readable.new({ objectMode = true, read = function(self) self:push(1) end })
    end,
  }
  local expected = {
    ["function"] = { none = 3, err = 1 },
    array = { none = 0, err = 0 },
    stream = { none = 3, err = 1 },
  }
  for _, kind in ipairs({ "function", "array", "stream" }) do
    for _, how in ipairs({ "none", "err" }) do
      it("Readable.from(" .. kind .. "):destroy(" .. (how == "err" and "err" or "")
         .. ") calls back after Node's close()", function()
        local log = {}
        local r = Readable.from(sources[kind]())
        r:read(0)
        local orig = r._destroy
        r._destroy = function(self, err, cb)
          orig(self, err, function(e)
            put(log, "cb")
            cb(e)
          end)
        end
        r:on("close", function() put(log, "close") end)
        r:on("error", function() put(log, "error") end)
        setTimeout(function()
          r:destroy(how == "err" and E("x") or nil)
          local i = 0
          local function step()
            i = i + 1
            tick(log, "t" .. i)
            if i < 8 then mt(step) end
          end
          mt(step)
        end, 5)
        run()
        local want = {}
        for i = 1, 8 do
          if i - 1 == expected[kind][how] then put(want, "cb") end
          put(want, "t" .. i)
        end
        if how == "err" then put(want, "error") end
        put(want, "close")
        assert.same(want, log)
      end)
    end
  end

  -- itx_once_hops.js: `if (!w.write(c)) await once(w, 'drain')` goes on two
  -- microtasks after 'drain' or 'error'.
  it("writeAsync goes on two microtasks after 'drain'", function()
    local log, cb0 = {}, nil
    local w = Writable.new({ highWaterMark = 1, write = function(_, c, _, cb)
      put(log, "write:" .. c)
      cb0 = cb
    end })
    w:on("drain", function()
      put(log, "drain")
      chain(log, "p", 6)
      tick(log, "tick")
    end)
    asyncLog(log, function()
      w:writeAsync("a")
      put(log, "wrote")
    end)
    setTimeout(function() cb0() end, 5)
    run()
    assert.same({ "write:a", "drain", "tick", "p1", "p2", "wrote", "p3", "done", "p4", "p5",
      "p6" }, log)
  end)

  it("writeAsync raises two microtasks after 'error'", function()
    local log, cb0 = {}, nil
    local w = Writable.new({ highWaterMark = 1, write = function(_, c, _, cb)
      put(log, "write:" .. c)
      cb0 = cb
    end })
    w:on("error", function()
      put(log, "error")
      chain(log, "p", 6)
      tick(log, "tick")
    end)
    w:on("close", function() put(log, "close") end)
    asyncLog(log, function()
      local ok, err = pcall(w.writeAsync, w, "a")
      put(log, ok, err.message)
    end)
    setTimeout(function() cb0(E("bad")) end, 5)
    run()
    assert.same({ "write:a", "error", "close", "tick", "p1", "p2", false, "bad", "p3", "done",
      "p4", "p5", "p6" }, log)
  end)
end)
