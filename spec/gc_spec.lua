-- GC safety: every reference to a stream is dropped while it has work in
-- flight (buffered data, a pipe, a write callback held by user code, queued
-- ticks) and full collections run again and again.  Nothing may crash or
-- touch freed memory (`make check-asan` runs these under ASan), a stream
-- whose work is in flight must live until it settles (its callbacks and
-- events still come), and one with nothing in flight must be collectable.
-- Node has no twin for most of these (its streams are never freed while
-- reachable from a pending callback either); the sequences asserted are what
-- Node gives for the same steps without the collections.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")

local Readable, Writable, PassThrough, Transform =
  stream.Readable, stream.Writable, stream.PassThrough, stream.Transform

local function fullgc()
  for _ = 1, 4 do collectgarbage("collect") end
end

-- A luv timer calling fn after ms (closing itself first).
local function after(ms, fn)
  local t = uv.new_timer()
  t:start(ms, 0, function()
    t:close()
    fn()
  end)
end

-- Collect on every turn of the loop until stop() returns true.
local function gc_while_running(stop)
  local t = uv.new_timer()
  t:start(1, 1, function()
    fullgc()
    if stop() then t:close() end
  end)
end

-- A string no other code holds: built at run time, longer than Lua's
-- short-string limit so it is not interned.
local function fresh(tag, n)
  return (tag .. ":"):rep(n or 20) .. tostring({}):sub(-6)
end

describe("GC safety", function()
  it("a Writable whose _write keeps its callback in a timer finishes after full collections", function()
    -- node: _write a, _write b, end callback, finish (end's callbacks run
    -- just before 'finish' is emitted)
    local log = {}
    do
      local w = Writable.new({ write = function(_, chunk, _, cb)
        log[#log + 1] = "_write " .. chunk
        after(5, cb)
      end })
      w:on("finish", function() log[#log + 1] = "finish" end)
      w:write("a")
      w:write("b")
      w:finish(function(err) log[#log + 1] = "end callback " .. tostring(err) end)
    end
    fullgc()
    gc_while_running(function() return #log >= 4 end)
    helper.run()
    assert.are.same({ "_write a", "_write b", "end callback nil", "finish" }, log)
  end)

  it("a paused Readable with data buffered is collectable, and so is what it buffered", function()
    local probe = setmetatable({}, { __mode = "k" })
    do
      local r = Readable.new({ read = function() end })
      r:pause()
      for i = 1, 10 do r:push(fresh("p" .. i)) end
      probe[r] = true
    end
    fullgc()
    helper.run()
    fullgc()
    assert.is_nil(next(probe))
  end)

  it("data buffered from strings nobody else holds survives collections until read", function()
    local r = Readable.new({ read = function() end })
    local want = {}
    for i = 1, 50 do
      local s = fresh("c" .. i, 8)
      want[i] = s:sub(1, 4)  -- keep a prefix only: the chunk itself is dropped
      r:push(s)
    end
    fullgc()
    local got = {}
    for i = 1, 50 do
      fullgc()
      local c = r:read(#fresh("c" .. i, 8))
      got[i] = c and c:sub(1, 4)
    end
    assert.are.same(want, got)
    r:destroy()
    helper.run()
  end)

  it("a pipe whose streams are all dropped still delivers everything", function()
    local seen, finished = {}, false
    do
      local chunks = {}
      for i = 1, 40 do chunks[i] = fresh("d" .. i, 4) end
      local i = 0
      local src = Readable.new({ highWaterMark = 8, read = function(self)
        i = i + 1
        local c = chunks[i]
        if c then after(0, function() self:push(c) end) else self:push(nil) end
      end })
      local sink = Writable.new({ highWaterMark = 4, write = function(_, c, _, cb)
        seen[#seen + 1] = c:sub(1, 3)
        after(1, cb)
      end })
      sink:on("finish", function() finished = true end)
      src:pipe(PassThrough.new({ highWaterMark = 4 })):pipe(sink)
    end
    fullgc()
    gc_while_running(function() return finished end)
    helper.run(5000)
    assert.is_true(finished)
    assert.are.equal(40, #seen)
    assert.are.equal("d1:", seen[1])
    assert.are.equal("d40", seen[40])
  end)

  it("queued ticks keep a dropped stream alive: 'resume', 'data', 'end', 'close' still come", function()
    -- node: resume data end close
    local log = {}
    do
      local r = Readable.new({ read = function() end })
      r:on("resume", function() log[#log + 1] = "resume" end)
      r:on("data", function(c) log[#log + 1] = "data " .. c end)
      r:on("end", function() log[#log + 1] = "end" end)
      r:on("close", function() log[#log + 1] = "close" end)
      r:push(fresh("t"):sub(1, 3))
      r:push(nil)
    end
    fullgc()
    fullgc()
    helper.run()
    assert.are.same({ "resume", "data t:t", "end", "close" }, log)
  end)

  it("synchronous write callbacks batched on a tick still run for a dropped stream", function()
    local called = 0
    do
      local w = Writable.new({ write = function(_, _, _, cb) cb() end })
      local function cb() called = called + 1 end
      for _ = 1, 5 do w:write(fresh("w"), cb) end
    end
    fullgc()
    helper.run()
    assert.are.equal(5, called)
  end)

  it("a destroyed stream with its 'error' and 'close' ticks pending is collected only after them", function()
    local log = {}
    local probe = setmetatable({}, { __mode = "k" })
    do
      local w = Writable.new({ write = function() end })
      w:on("error", function(e) log[#log + 1] = "error " .. tostring(e) end)
      w:on("close", function() log[#log + 1] = "close" end)
      w:destroy(fresh("boom"):sub(1, 6))
      probe[w] = true
    end
    fullgc()
    assert.is_not_nil(next(probe))  -- the tick queue holds it
    helper.run()
    fullgc()
    assert.are.same({ "error boom:b", "close" }, log)
    assert.is_nil(next(probe))
  end)

  it("collections inside _read, _write, _transform, listeners and callbacks", function()
    local out = {}
    local n = 0
    local src = Readable.new({ read = function(self)
      fullgc()
      n = n + 1
      self:push(n <= 20 and fresh("r" .. n, 3) or nil)
    end })
    local up = Transform.new({ transform = function(_, c, _, cb)
      fullgc()
      cb(nil, c:upper())
    end })
    local sink = Writable.new({ write = function(_, c, _, cb)
      fullgc()
      out[#out + 1] = c:sub(1, 3)
      stream.nextTick(function() fullgc(); cb() end)
    end })
    src:on("data", function() fullgc() end)
    local done
    stream.pipeline(src, up, sink, function(err) fullgc(); done = err or "ok" end)
    helper.run()
    assert.are.equal("ok", done)
    assert.are.equal(20, #out)
    assert.are.equal("R1:", out[1])
  end)

  it("streams that reference each other and themselves are collected together", function()
    local probe = setmetatable({}, { __mode = "k" })
    do
      local a = PassThrough.new()
      local b = PassThrough.new()
      a.peer, b.peer, a.self = b, a, a
      a:on("data", function() return b end)
      b:on("end", function() return a end)
      a:pipe(b)
      a:write(fresh("x"))
      probe[a], probe[b] = true, true
    end
    helper.run()
    fullgc()
    fullgc()
    assert.is_nil(next(probe))
  end)

  it("many short-lived streams created and dropped while the loop runs", function()
    local ended = 0
    local t = uv.new_timer()
    local rounds = 0
    t:start(0, 1, function()
      rounds = rounds + 1
      for _ = 1, 20 do
        local r = Readable.new({ read = function() end })
        r:on("end", function() ended = ended + 1 end)
        r:push(fresh("m"))
        if rounds % 2 == 0 then r:push(nil); r:resume() else r:destroy() end
      end
      collectgarbage("step", 64)
      if rounds == 30 then t:close() end
    end)
    helper.run(5000)
    fullgc()
    assert.are.equal(15 * 20, ended)
  end)

  it("a full PassThrough with chunks parked is collected once idle, chunks and all", function()
    local probe = setmetatable({}, { __mode = "k" })
    do
      local p = PassThrough.new({ highWaterMark = 1 })
      for i = 1, 8 do p:write(fresh("q" .. i)) end
      probe[p] = true
    end
    fullgc()
    helper.run()
    fullgc()
    assert.is_nil(next(probe))
  end)
end)
