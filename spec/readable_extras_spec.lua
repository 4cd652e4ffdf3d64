-- The Lua extras of Readable (API.md section 6): Readable.from, r:iter(),
-- r:collect(), and wrap() of a classic stream. The from/iter specs translate
-- Node 20's test-readable-from*.js and test-stream-readable-async-iterators.js
-- ('for await' becomes 'for chunk in r:iter()' inside a coroutine), the wrap
-- specs test-stream2-readable-wrap*.js. Expected sequences are what node v20
-- printed for JS twins of these specs; collect has no Node twin and follows
-- the contract.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local finish = helper.settle

-- Luv timers that close themselves, made from a tick so that they cannot fire
-- before the ticks the spec body queued (Node runs those first).
local setTimeout, setImmediate = helper.setTimeout, helper.setImmediate
local nextTick = helper.nextTick
local put = helper.put
local code = helper.errcode

local function message(err)
  if type(err) == "table" then return err.message end
  return tostring(err)
end

-- Node's async function: body runs in a coroutine; 'done' is logged when it
-- returns, 'rejected:<code or message>' when it raises (Node's .then/.catch).
local function async(log, body)
  local co = coroutine.create(function()
    local ok, err = pcall(body)
    if ok then
      put(log, "done")
    else
      put(log, "rejected:" .. tostring(code(err) or message(err)))
    end
  end)
  local ok, err = coroutine.resume(co)
  assert(ok, err)
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

describe("test-readable-from", function()
  it("from(array) in object mode", function()
    local log = {}
    local r = Readable.from({ "a", "b", "c" })
    put(log, r.readableObjectMode)
    r:on("data", function(c) put(log, "data:" .. c) end)
    r:on("end", function() put(log, "end") end)
    r:on("close", function() put(log, "close") end)
    finish()
    assert.are.same({ true, "data:a", "data:b", "data:c", "end", "close" }, log)
  end)

  it("from(string) is one chunk", function()
    local log = {}
    local r = Readable.from("abc")
    r:on("data", function(c) put(log, "data:" .. c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "data:abc", "end" }, log)
  end)

  it("from(iterator function) calls it until it returns nil", function()
    local log = {}
    local items = { "a", "b", "c" }
    local i = 0
    local r = Readable.from(function()
      i = i + 1
      return items[i]
    end)
    r:on("data", function(c) put(log, "data:" .. c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "data:a", "data:b", "data:c", "end" }, log)
    assert.are.equal(4, i)
  end)

  it("from(..., { objectMode = false }) gives byte chunks", function()
    local log = {}
    local items = { "a", "b", "c" }
    local r = Readable.from(function() return table.remove(items, 1) end, { objectMode = false })
    put(log, r.readableObjectMode)
    r:on("data", function(c) put(log, type(c), c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ false, "string", "a", "string", "b", "string", "c", "end" }, log)
  end)

  it("from() has a highWaterMark of one object", function()
    local log = {}
    local calls = 0
    local r = Readable.from(function()
      calls = calls + 1
      if calls <= 40 then return calls end
    end)
    assert.are.equal(1, r.readableHighWaterMark)
    r:read(0)
    setImmediate(function() put(log, "calls:" .. calls, r.readableLength) end)
    finish()
    assert.are.same({ "calls:1", 1 }, log)
  end)

  it("falsey values are chunks", function()
    local log = {}
    local r = Readable.from({ false, 0, "" })
    r:on("data", function(c) put(log, c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ false, 0, "", "end" }, log)
  end)

  it("an iterator that raises destroys the stream with the error", function()
    local log = {}
    local kaboom = { message = "kaboom" }
    local r = Readable.from(function() error(kaboom) end)
    r:read()
    r:on("error", function(e) put(log, "error", e == kaboom, r.destroyed) end)
    r:on("close", function() put(log, "close") end)
    finish()
    assert.are.same({ "error", true, true, "close" }, log)
  end)

  it("an iterator that raises after one chunk", function()
    local log = {}
    local kaboom = { message = "kaboom" }
    local n = 0
    local r = Readable.from(function()
      n = n + 1
      if n == 1 then return "a" end
      error(kaboom)
    end)
    r:on("data", function(c) put(log, "data:" .. c) end)
    r:on("error", function(e) put(log, "error", e == kaboom, r.destroyed) end)
    r:on("close", function() put(log, "close") end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "data:a", "error", true, true, "close" }, log)
  end)

  it("an iterator that waits on another stream's iter() (asTransformStream)", function()
    local log = {}
    local source = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("a")
        self:push("b")
        self:push("c")
        self:push(nil)
      end,
    })
    local f, st, ctl = source:iter()
    local r = Readable.from(function()
      local chunk = f(st, ctl)
      ctl = chunk
      if chunk ~= nil then return chunk:upper() end
    end)
    r:on("data", function(c) put(log, c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "A", "B", "C", "end" }, log)
  end)

  it("an iterator that waits on a timer between chunks", function()
    local log = {}
    local n = 0
    local r = Readable.from(function()
      n = n + 1
      if n > 3 then return nil end
      local co = coroutine.running()
      setTimeout(function() assert(coroutine.resume(co)) end, 2)
      coroutine.yield()
      return n
    end)
    r:on("data", function(c) put(log, c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ 1, 2, 3, "end" }, log)
  end)
end)

describe("test-readable-from-iterator-closing", function()
  -- Twin: /tmp/itx_break_count.js. At the break the generator has been
  -- called 3 times: every for-await step waits for microtasks, which lets
  -- the ticks of 'readable' prefetch one more value.
  it("break stops calling the iterator and destroys the stream", function()
    local log = {}
    local calls, atBreak = 0, nil
    local r = Readable.from(function()
      calls = calls + 1
      return calls
    end)
    r:on("close", function() put(log, "close") end)
    async(log, function()
      for c in r:iter() do
        put(log, "chunk:" .. c)
        if c == 2 then break end
      end
      atBreak = calls
      put(log, r.destroyed)
      setImmediate(function() put(log, "imm", r.destroyed, calls == atBreak) end)
    end)
    finish()
    assert.are.same({ "chunk:1", "chunk:2", true, "done", "close", "imm", true, true }, log)
    assert.are.equal(3, atBreak)
  end)
end)

describe("test-stream-readable-async-iterators", function()
  it("reads 42 objects", function()
    local log = {}
    local readed, received = 0, 0
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("hello")
        readed = readed + 1
        if readed == 42 then self:push(nil) end
      end,
    })
    async(log, function()
      for k in r:iter() do
        if k == "hello" then received = received + 1 end
      end
      put(log, readed, received)
    end)
    finish()
    assert.are.same({ 42, 42, "done" }, log)
  end)

  it("destroy(err) inside _read raises err in the loop", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self) self:destroy({ message = "kaboom from read" }) end,
    })
    async(log, function()
      local ok, err = pcall(function()
        for _ in r:iter() do put(log, "chunk") end
      end)
      put(log, ok, message(err))
    end)
    finish()
    assert.are.same({ false, "kaboom from read", "done" }, log)
  end)

  it("destroy(err) from a timer after one chunk", function()
    local log = {}
    local pushed = false
    local r
    r = Readable.new({
      objectMode = true,
      read = function(self)
        if not pushed then
          self:push("hello")
          pushed = true
          setImmediate(function() r:destroy({ message = "kaboom" }) end)
        end
      end,
    })
    async(log, function()
      local received = 0
      local ok, err = pcall(function()
        for _ in r:iter() do received = received + 1 end
      end)
      put(log, ok, message(err), received)
    end)
    finish()
    assert.are.same({ false, "kaboom", 1, "done" }, log)
  end)

  it("an error raised in the loop body destroys the stream", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function(self) self:push("hello") end })
    r:on("close", function() put(log, "close") end)
    r:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
    async(log, function()
      local kaboom = { message = "kaboom" }
      local ok, err = pcall(function()
        for k in r:iter() do
          put(log, k)
          error(kaboom)
        end
      end)
      put(log, ok, err == kaboom, r.destroyed)
    end)
    finish()
    assert.are.same({ "hello", false, true, true, "done", "error:ABORT_ERR", "close" }, log)
  end)

  it("destroy(err) right after a push delivers the chunk, then raises", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("hello")
        self:destroy({ message = "kaboom" })
      end,
    })
    async(log, function()
      local received = 0
      local ok, err = pcall(function()
        for k in r:iter() do put(log, k); received = received + 1 end
      end)
      put(log, ok, message(err), received)
    end)
    finish()
    assert.are.same({ "hello", false, "kaboom", 1, "done" }, log)
  end)

  it("iterating a stream destroyed and closed before raises premature close", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:destroy()
    r:on("close", function() put(log, "close1") end)
    nextTick(function()
      async(log, function()
        r:on("close", function() put(log, "close2") end)
        local received = 0
        for _ in r:iter() do received = received + 1 end
        put(log, received)
      end)
    end)
    finish()
    assert.are.same({ "close1", "rejected:ERR_STREAM_PREMATURE_CLOSE" }, log)
  end)

  it("pushes from timers", function()
    local log = {}
    local readed, received = 0, 0
    local r
    r = Readable.new({
      objectMode = true,
      read = function()
        setImmediate(function()
          r:push("hello")
          readed = readed + 1
          if readed == 42 then r:push(nil) end
        end)
      end,
    })
    async(log, function()
      for _ in r:iter() do received = received + 1 end
      put(log, readed, received)
    end)
    finish()
    assert.are.same({ 42, 42, "done" }, log)
  end)

  it("with setEncoding, pause() and a 'data' listener it sees the same text", function()
    local log = {}
    local readed = 0
    local r
    r = Readable.new({
      read = function()
        setImmediate(function()
          r:push("hello")
          readed = readed + 1
          if readed == 42 then r:push(nil) end
        end)
      end,
    })
    local expected = {}
    r:setEncoding("utf8")
    r:pause()
    r:on("data", function(c) put(expected, c) end)
    async(log, function()
      local data = {}
      for k in r:iter() do put(data, k) end
      local a, b = table.concat(data), table.concat(expected)
      put(log, #a, #b, a == b)
    end)
    finish()
    assert.are.same({ 210, 210, true, "done" }, log)
  end)

  it("a destroyed stream raises premature close at once", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:destroy()
    async(log, function()
      for _ in r:iter() do put(log, "chunk") end
    end)
    finish()
    assert.are.same({ "rejected:ERR_STREAM_PREMATURE_CLOSE" }, log)
  end)

  it("iterating an ended stream again yields nothing", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("asdf")
        self:push("hehe")
        self:push(nil)
      end,
    })
    async(log, function()
      for a in r:iter() do put(log, "1:" .. a) end
      for b in r:iter() do put(log, "2:" .. b) end
    end)
    finish()
    assert.are.same({ "1:asdf", "1:hehe", "done" }, log)
  end)

  it("destroy(nil) inside the loop ends it with premature close", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("asdf")
        self:push("hehe")
      end,
    })
    r:on("close", function() put(log, "close") end)
    async(log, function()
      for a in r:iter() do
        put(log, a)
        r:destroy(nil)
      end
    end)
    finish()
    assert.are.same({ "asdf", "close", "rejected:ERR_STREAM_PREMATURE_CLOSE" }, log)
  end)

  it("the readable side of a Transform ends with push(nil)", function()
    local log = {}
    local t = stream.Transform.new({
      objectMode = true,
      transform = function(_, c, _, cb) cb(nil, c) end,
    })
    t:push(0)
    t:push(1)
    nextTick(function() t:push(nil) end)
    async(log, function()
      for d in t:iter() do put(log, d) end
    end)
    finish()
    assert.are.same({ 0, 1, "done" }, log)
  end)

  it("an error from an asynchronous _destroy is raised", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, _, cb) setTimeout(function() cb({ message = "asd" }) end, 1) end,
    })
    r:destroy()
    async(log, function()
      local ok, err = pcall(function()
        for _ in r:iter() do put(log, "chunk") end
      end)
      put(log, ok, message(err))
    end)
    finish()
    assert.are.same({ false, "asd", "done" }, log)
  end)

  it("autoDestroy = false: the stream is not destroyed after the loop", function()
    local log = {}
    local r = Readable.new({
      autoDestroy = false,
      read = function(self) self:push("asd"); self:push(nil) end,
    })
    async(log, function()
      for c in r:iter() do put(log, c) end
      put(log, r.destroyed)
    end)
    finish()
    assert.are.same({ "asd", false, "done" }, log)
  end)

  it("autoDestroy = false: break still destroys", function()
    local log = {}
    local r = Readable.new({ autoDestroy = false, read = function(self) self:push("asd") end })
    async(log, function()
      for c in r:iter() do
        put(log, c)
        break
      end
      put(log, r.destroyed)
    end)
    finish()
    assert.are.same({ "asd", true, "done" }, log)
  end)

  -- Twin: /tmp/itx_end_first.js. 'end' comes first: the body gets "asd"
  -- only after microtasks, and the ticks that emit 'end' run before those.
  it("the stream is not destroyed before 'end'", function()
    local log = {}
    local r
    r = Readable.new({ read = function(self) self:push("asd"); self:push(nil) end })
    r:on("end", function() put(log, "end", r.destroyed) end)
    async(log, function()
      for c in r:iter() do put(log, c) end
      put(log, r.destroyed)
    end)
    finish()
    assert.are.same({ "end", false, "asd", true, "done" }, log)
  end)

  it("break destroys the stream (abort) and it closes", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push(1)
    r:push(2)
    r:push(3)
    r:on("close", function() put(log, "close") end)
    r:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
    async(log, function()
      for c in r:iter() do
        put(log, c)
        if c == 2 then break end
      end
      put(log, r.destroyed, r.readableLength)
    end)
    finish()
    assert.are.same({ 1, 2, true, 1, "done", "error:ABORT_ERR", "close" }, log)
  end)

  it("an error emitted while waiting is raised in the loop", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a")
    setTimeout(function() r:destroy({ message = "late" }) end, 5)
    async(log, function()
      local ok, err = pcall(function()
        for c in r:iter() do put(log, c) end
      end)
      put(log, ok, message(err))
    end)
    finish()
    assert.are.same({ "a", false, "late", "done" }, log)
  end)

  it("byte chunks buffered together come out as one", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:push("b")
    setTimeout(function() r:push("c"); r:push(nil) end, 5)
    async(log, function()
      for c in r:iter() do put(log, c) end
    end)
    finish()
    assert.are.same({ "ab", "c", "done" }, log)
  end)

  it("iter() outside a coroutine raises", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push(1)
    local ok = pcall(function()
      for _ in r:iter() do end
    end)
    assert.is_false(ok)
    r:destroy()
    finish()
  end)
end)

describe("collect", function()
  it("concatenates a byte stream", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:collect(function(err, result) put(log, "cb", err == nil, result) end)
    r:push("a")
    setTimeout(function() r:push("bc"); r:push(nil) end, 2)
    finish()
    assert.are.same({ "cb", true, "abc" }, log)
  end)

  it("gives an array for an object stream", function()
    local log = {}
    local r = Readable.from({ 1, "x", false, { y = 2 } })
    r:collect(function(err, result) put(log, "cb", err == nil, result) end)
    finish()
    assert.are.same({ "cb", true, { 1, "x", false, { y = 2 } } }, log)
  end)

  it("gives the error of a failed stream, once", function()
    local log = {}
    local kaboom = { message = "kaboom" }
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:collect(function(err) put(log, "cb", err == kaboom) end)
    setTimeout(function() r:destroy(kaboom) end, 2)
    finish()
    assert.are.same({ "cb", true }, log)
  end)

  it("an empty byte stream gives ''", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push(nil) end })
    r:collect(function(err, result) put(log, err == nil, result) end)
    finish()
    assert.are.same({ true, "" }, log)
  end)

  it("an empty object stream gives {}", function()
    local log = {}
    local r = Readable.from({})
    r:collect(function(err, result) put(log, err == nil, result) end)
    finish()
    assert.are.same({ true, {} }, log)
  end)

  it("concatenates the decoded text with an encoding", function()
    local log = {}
    local r = Readable.new({ read = function() end, encoding = "hex" })
    r:collect(function(err, result) put(log, err == nil, result) end)
    r:push("ab")
    r:push("c")
    r:push(nil)
    finish()
    assert.are.same({ true, "616263" }, log)
  end)

  it("collects a large stream of many chunks", function()
    local log = {}
    local n = 0
    local r = Readable.new({
      read = function(self)
        n = n + 1
        if n > 1000 then self:push(nil) else self:push(("%04d"):format(n)) end
      end,
    })
    r:collect(function(err, result) put(log, err == nil, #result, result:sub(1, 8), result:sub(-4)) end)
    finish()
    assert.are.same({ true, 4000, "00010002", "1000" }, log)
  end)
end)

describe("test-stream2-readable-wrap", function()
  -- Node's runTest: a classic source paused/resumed by the wrapper, piped into
  -- a slow Writable; everything written, in order.
  local function runTest(highWaterMark, objectMode, produce)
    local log, expected, written = {}, {}, {}
    local pauses, resumes, flowing, chunks, oldEnded = 0, 0, false, 10, false
    local old
    local function flow()
      flowing = true
      while flowing and chunks > 0 do
        chunks = chunks - 1
        local item = produce()
        put(expected, item)
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
    put(log, r == r:wrap(old))
    r:on("end", function() put(log, "end") end)
    local w = Writable.new({
      highWaterMark = highWaterMark * 2,
      objectMode = objectMode,
      write = function(_, chunk, _, cb)
        put(written, chunk)
        setTimeout(cb, 1)
      end,
    })
    w:on("finish", function()
      put(log, "finish", oldEnded, #written, pauses, resumes)
    end)
    r:pipe(w)
    flow()
    finish()
    assert.are.same({ true, "end", "finish", true, 10, 10, 9 }, log)
    assert.are.same(expected, written)
  end

  it("100-byte chunks, highWaterMark 100", function()
    runTest(100, false, function() return string.rep("\0", 100) end)
  end)

  it("10-byte chunks, highWaterMark 10", function()
    runTest(10, false, function() return "xxxxxxxxxx" end)
  end)

  it("objects, highWaterMark 1", function()
    runTest(1, true, function() return { foo = "bar" } end)
  end)

  it("mixed values including false, 0 and ''", function()
    local objectChunks = { 5, "a", false, 0, "", "xyz", { x = 4 }, 7, {}, 555 }
    runTest(1, true, function() return table.remove(objectChunks, 1) end)
  end)

  it("pauses the old stream when full and resumes it on _read", function()
    local log = {}
    local old = oldStream(function() put(log, "old pause") end, function() put(log, "old resume") end)
    local r = Readable.new({ highWaterMark = 3 }):wrap(old)
    old:emit("data", "ab")
    old:emit("data", "cd")
    put(log, "len", r.readableLength)
    r:on("data", function(c) put(log, "data:" .. c) end)
    r:on("end", function() put(log, "end") end)
    setImmediate(function()
      old:emit("data", "ef")
      old:emit("end")
    end)
    finish()
    assert.are.same({ "old pause", "len", 4, "old resume", "data:ab", "data:cd", "data:ef", "end" }, log)
  end)
end)

describe("test-stream2-readable-wrap-empty", function()
  it("'end' of an empty classic stream", function()
    local log = {}
    local old = oldStream()
    local r = Readable.new():wrap(old)
    r:on("readable", function() put(log, "readable") end):on("end", function() put(log, "end") end)
    old:emit("end")
    finish()
    assert.are.same({ "readable", "end" }, log)
  end)
end)

describe("test-stream2-readable-wrap-error", function()
  it("autoDestroy = true: 'error' destroys", function()
    local log = {}
    local old = oldStream()
    local err = { message = "x" }
    local r
    r = Readable.new({ autoDestroy = true }):wrap(old)
      :on("error", function(e) put(log, "error", e == err, r.destroyed, r.errored == err) end)
    r:on("close", function() put(log, "close") end)
    old:emit("error", err)
    put(log, "sync", r.destroyed)
    finish()
    assert.are.same({ "sync", true, "error", true, true, true, "close" }, log)
  end)

  it("autoDestroy = false: 'error' at once, not destroyed", function()
    local log = {}
    local old = oldStream()
    local err = { message = "x" }
    local r
    r = Readable.new({ autoDestroy = false }):wrap(old)
      :on("error", function(e) put(log, "error", e == err, r.destroyed, r.errored == err) end)
    r:on("close", function() put(log, "close") end)
    old:emit("error", err)
    put(log, "sync", r.destroyed)
    finish()
    assert.are.same({ "error", true, false, true, "sync", false }, log)
  end)
end)

describe("test-stream2-readable-wrap-destroy", function()
  for _, name in ipairs({ "destroy", "close" }) do
    it("'" .. name .. "' of the classic stream destroys the wrapper", function()
      local log = {}
      local old = oldStream()
      local r = Readable.new({
        autoDestroy = false,
        destroy = function(_, err, cb) put(log, "_destroy"); cb(err) end,
      }):wrap(old)
      r:on("close", function() put(log, "close") end)
      old:emit(name)
      put(log, r.destroyed)
      finish()
      assert.are.same({ "_destroy", true, "close" }, log)
    end)
  end
end)
