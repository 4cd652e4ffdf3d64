-- The tick queue on luv's loop (API.md §1) and the class model (API.md §3).
-- Orders are the ones node v20 prints for the same programs (noted per case;
-- the JS twin is test/twins/loop/loop.js).
local uv = require("luv")
local stream = require("cstream")
local core = require("cstream.core")
local helper = require("spec.helper")
local twin = require("spec.twin")

local node = twin.run("test/twins/loop/loop.js")

describe("the tick queue (process.nextTick)", function()
  -- twin: fifo
  it("runs ticks in FIFO order; ticks queued by a tick run in the same drain, after those already queued", function()
    -- node: a b a1 b1 a2
    local log = {}
    stream.nextTick(function()
      helper.put(log, "a")
      stream.nextTick(function()
        helper.put(log, "a1")
        stream.nextTick(function() helper.put(log, "a2") end)
      end)
    end)
    stream.nextTick(function()
      helper.put(log, "b")
      stream.nextTick(function() helper.put(log, "b1") end)
    end)
    helper.settle()
    assert.are.same(node.fifo, log)
  end)

  it("passes extra arguments, nils included", function()
    local got
    stream.nextTick(function(...) got = table.pack(...) end, 1, nil, "x")
    helper.settle()
    assert.are.equal(3, got.n)
    assert.are.same({ 1, nil, "x" }, { got[1], got[2], got[3] })
  end)

  -- twin: ticks_before_microtasks
  it("drains every tick before the microtasks, then repeats (processTicksAndRejections)", function()
    -- node: t1 t2 m1 m2 m3 t3
    local log = {}
    stream.nextTick(function()
      helper.put(log, "t1")
      stream.queueMicrotask(function()
        helper.put(log, "m2")
        stream.nextTick(function() helper.put(log, "t3") end)
        stream.queueMicrotask(function() helper.put(log, "m3") end)
      end)
    end)
    stream.queueMicrotask(function() helper.put(log, "m1") end)
    stream.nextTick(function() helper.put(log, "t2") end)
    helper.settle()
    assert.are.same(node.ticks_before_microtasks, log)
  end)

  -- twin: ticks_before_due_timer
  it("runs ticks queued before uv.run() ahead of timers that are already due", function()
    -- node: tick timer
    local log = {}
    local t = uv.new_timer()
    t:start(0, 0, function() helper.put(log, "timer"); t:close() end)
    stream.nextTick(function() helper.put(log, "tick") end)
    helper.settle()
    assert.are.same(node.ticks_before_due_timer, log)
  end)

  -- twin: timer_callback_ticks
  it("drains the ticks a timer callback queues before the loop waits again", function()
    -- node: timer1 tick timer2.  The timers are far apart so that they never
    -- expire in the same loop pass on a loaded machine: callbacks of the
    -- user's own handles in one pass may run before the drain (API.md §1).
    local log = {}
    local t1, t2 = uv.new_timer(), uv.new_timer()
    t1:start(1, 0, function()
      helper.put(log, "timer1")
      t1:close()
      stream.nextTick(function() helper.put(log, "tick") end)
    end)
    t2:start(60, 0, function() helper.put(log, "timer2"); t2:close() end)
    helper.settle()
    assert.are.same(node.timer_callback_ticks, log)
  end)

  it("leaves no active handle when idle, so uv.run() returns at once", function()
    stream.nextTick(function() end)
    helper.settle()
    assert.are.equal(0, core.pendingTicks())
    local active = 0
    uv.walk(function(h) if h:is_active() then active = active + 1 end end)
    assert.are.equal(0, active)
    local t0 = uv.hrtime()
    uv.run()
    assert.is_true(uv.hrtime() - t0 < 50e6)
  end)

  it("an error raised by a tick leaves the later ticks queued for the next drain", function()
    local log = {}
    stream.nextTick(function() error("tick failed", 0) end)
    stream.nextTick(function() helper.put(log, "later") end)
    local ok, err = pcall(core.drain)
    assert.is_false(ok)
    assert.are.equal("tick failed", err)
    assert.are.same({}, log)
    helper.settle()
    assert.are.same({ "later" }, log)
  end)
end)

describe("the class model", function()
  it("extend, method override, initialize with extra arguments, per-instance fields", function()
    local Upper = stream.Transform:extend()
    function Upper:initialize(opts, prefix)
      self.prefix = prefix
      self.seen = 0
    end
    function Upper:_transform(chunk, enc, cb)
      self.seen = self.seen + 1
      cb(nil, self.prefix .. chunk:upper())
    end
    local Shout = Upper:extend()
    function Shout:_transform(chunk, enc, cb)
      Upper._transform(self, chunk .. "!", enc, cb)
    end
    local a, b = Upper.new(nil, ">"), Shout.new({ highWaterMark = 4 }, "#")
    local out = {}
    a:on("data", function(c) helper.put(out, c) end)
    b:on("data", function(c) helper.put(out, c) end)
    a:write("x"); b:write("y")
    a:finish(); b:finish()
    helper.settle()
    assert.are.same({ ">X", "#Y!" }, out)
    assert.are.equal(1, a.seen)
    assert.are.equal(1, b.seen)
    assert.are.equal(4, b.writableHighWaterMark)
  end)

  it("isInstance follows the class chain; Writable also accepts a Duplex, as Node's instanceof", function()
    local T = stream.Transform:extend()
    local t = T.new()
    assert.is_true(T:isInstance(t))
    assert.is_true(stream.Transform:isInstance(t))
    assert.is_true(stream.Duplex:isInstance(t))
    assert.is_true(stream.Readable:isInstance(t))
    assert.is_true(stream.Writable:isInstance(t))
    assert.is_false(stream.PassThrough:isInstance(t))
    assert.is_false(T:isInstance(stream.Transform.new()))
    assert.is_false(T:isInstance({}))
    assert.is_false(stream.Readable:isInstance(stream.Writable.new()))
    t:destroy(); helper.settle()
  end)

  it("option functions win over class methods; both see self", function()
    local C = stream.Readable:extend()
    local who = {}
    function C:_read() helper.put(who, "method"); self:push(nil) end
    local r1 = C.new()
    local r2 = C.new({ read = function(self) helper.put(who, "option"); self:push(nil) end })
    r1:resume(); r2:resume()
    helper.settle()
    table.sort(who)
    assert.are.same({ "method", "option" }, who)
  end)

  it("properties are read-only; other fields are the instance's own", function()
    local r = stream.Readable.new()
    local ok, e = pcall(function() r.readableLength = 3 end)
    assert.is_false(ok)
    assert.are.equal("ERR_READ_ONLY_PROPERTY", e.code)
    assert.are.equal("Cannot set property readableLength of cstream.Readable which has only a getter",
      e.message)
    r.custom = { 1 }
    assert.are.same({ 1 }, r.custom)
    assert.is_nil(stream.Readable.new().custom)
    assert.are.equal("cstream.Readable", tostring(r))
  end)

  it("a bad options argument is ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE", function()
    local ok, e = pcall(stream.Readable.new, 5)
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_ARG_TYPE", e.code)
    ok, e = pcall(stream.Writable.new, { highWaterMark = -1 })
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_ARG_VALUE", e.code)
    ok, e = pcall(stream.Writable.new, { highWaterMark = 0 / 0 })
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_ARG_VALUE", e.code)
    ok, e = pcall(stream.Readable.new, { encoding = "klingon" })
    assert.is_false(ok)
    assert.are.equal("ERR_UNKNOWN_ENCODING", e.code)
  end)

  it("errors made by cstream print their code and message", function()
    local e = stream.errors.new("ERR_X", "went wrong")
    assert.are.equal("Error [ERR_X]: went wrong", tostring(e))
    local w = stream.Writable.new({ write = function(_, _, _, cb) cb() end })
    w:finish()
    local got
    w:write("late", function(err) got = err end)
    w:on("error", function() end)
    helper.settle()
    assert.are.equal("ERR_STREAM_WRITE_AFTER_END", got.code)
    assert.are.equal("Error [ERR_STREAM_WRITE_AFTER_END]: write after end", tostring(got))
  end)
end)
