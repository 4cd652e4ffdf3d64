-- Duplex, translated from Node 20's own tests (test/parallel/test-stream-duplex*.js).
-- Each describe is named after the Node test file it translates. Every expected
-- sequence below is what node v20 printed for a JS twin of the spec (the twins
-- live outside the repository). Errors made by user code are Lua strings here
-- ("kaboom"); cstream's own errors are compared by code.

local uv = require("luv")
local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Duplex = stream.Duplex
local Transform = stream.Transform

local guard = helper.guard

-- Runs the loop until it ends by itself, then checks that nothing is left open.
local finish = helper.settle
local nextTick = helper.nextTick
-- An error as the twins print it: cstream's code, a user error as itself.
local code = helper.errfmt_null
local put = helper.put
-- Records the named events of d into log ("error" with its code).
local record = helper.record
local write_ok, noop = helper.write_ok, helper.noop

describe("test-stream-duplex", function()
  it("an object-mode Duplex reads and writes objects on both sides", function()
    local log = {}
    local s = Duplex.new({ objectMode = true })
    put(log, s.readableObjectMode, s.writableObjectMode, s.allowHalfOpen, s:listenerCount("end"))
    function s:_write(obj, _, cb)
      put(log, "write:" .. obj.val)
      cb()
    end
    function s:_read() end
    s:on("data", function(o) put(log, "data:" .. o.val) end)
    record(s, log, { "finish", "end", "close" })
    s:push({ val = 1 })
    s["end"](s, { val = 2 })
    put(log, "sync")
    finish()
    assert.are.same({ true, true, true, 0, "write:2", "sync", "data:1", "finish" }, log)
  end)

  it("Duplex:isInstance and the class chain", function()
    local d = Duplex.new()
    assert.is_true(Duplex:isInstance(d))
    assert.is_true(Readable:isInstance(d))
    assert.is_true(stream.Writable:isInstance(d))
    assert.is_false(Transform:isInstance(d))
    assert.is_true(stream.isReadable(d))
    assert.is_true(stream.isWritable(d))
    finish()
  end)
end)

describe("test-stream-duplex-destroy", function()
  it("destroy() emits only 'close'", function()
    local log = {}
    local d = Duplex.new({ write = write_ok, read = noop })
    d:resume()
    record(d, log)
    d:destroy()
    put(log, d.destroyed)
    finish()
    assert.are.same({ true, "close" }, log)
  end)

  it("destroy(err) emits 'error' then 'close'", function()
    local log = {}
    local d = Duplex.new({ write = write_ok, read = noop })
    d:resume()
    local expected = { message = "kaboom" }
    local got
    record(d, log)
    d:on("error", function(e) got = e end)
    d:destroy(expected)
    put(log, d.destroyed)
    finish()
    assert.are.same({ true, "error:kaboom", "close" }, log)
    assert.are.equal(expected, got)
  end)

  it("_destroy as a method receives the error and passes it on", function()
    local log = {}
    local d = Duplex.new({ write = write_ok, read = noop })
    function d:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      cb(err)
    end
    record(d, log)
    d:destroy("kaboom")
    put(log, d.destroyed)
    finish()
    assert.are.same({ "_destroy:kaboom", true, "error:kaboom", "close" }, log)
  end)

  it("a destroy option that calls back without the error swallows it", function()
    local log = {}
    local d = Duplex.new({
      write = write_ok, read = noop,
      destroy = function(_, err, cb)
        put(log, "_destroy:" .. code(err))
        cb()
      end,
    })
    d:resume()
    record(d, log)
    d:destroy("kaboom")
    put(log, d.destroyed)
    finish()
    assert.are.same({ "_destroy:kaboom", true, "close" }, log)
  end)

  it("_destroy gets nil when destroy() had no error", function()
    local log = {}
    local d = Duplex.new({ write = write_ok, read = noop })
    function d:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      cb()
    end
    record(d, log)
    d:destroy()
    put(log, d.destroyed)
    finish()
    assert.are.same({ "_destroy:null", true, "close" }, log)
  end)

  it("push(nil) and end() inside an async _destroy emit neither 'end' nor 'finish'", function()
    local log = {}
    local d = Duplex.new({ write = write_ok, read = noop })
    d:resume()
    function d:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      nextTick(function()
        self:push(nil)
        self["end"](self)
        put(log, "cb")
        cb()
      end)
    end
    local function fail() put(log, "fail") end
    d:on("finish", fail)
    d:on("end", fail)
    d:destroy()
    d:removeListener("end", fail)
    d:removeListener("finish", fail)
    record(d, log)
    put(log, d.destroyed)
    finish()
    assert.are.same({ "_destroy:null", true, "cb", "close" }, log)
  end)

  it("_destroy may turn destroy() into an error", function()
    local log = {}
    local d = Duplex.new({ write = write_ok, read = noop })
    function d:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      cb("kaboom")
    end
    record(d, log)
    d:destroy()
    put(log, d.destroyed)
    finish()
    assert.are.same({ "_destroy:null", true, "error:kaboom", "close" }, log)
  end)

  it("allowHalfOpen = true: destroy() emits neither 'end' nor 'finish'", function()
    local log = {}
    local d = Duplex.new({ write = write_ok, read = noop, allowHalfOpen = true })
    d:resume()
    record(d, log)
    d:destroy()
    put(log, d.destroyed)
    finish()
    assert.are.same({ true, "close" }, log)
  end)

  -- Node's `duplex.destroyed = true` case is left out: the property is
  -- read-only in Lua (API.md section 6).

  it("a subclass sees destroyed == false in initialize", function()
    local log = {}
    local MyDuplex = Duplex:extend()
    function MyDuplex:initialize() put(log, self.destroyed) end
    MyDuplex.new()
    finish()
    assert.are.same({ false }, log)
  end)

  it("writable = false: the end of the readable side auto-destroys", function()
    local log = {}
    local d = Duplex.new({ writable = false, autoDestroy = true, write = write_ok, read = noop })
    record(d, log)
    d:push(nil)
    d:resume()
    finish()
    assert.are.same({ "end", "close" }, log)
  end)

  it("readable = false: 'finish' auto-destroys", function()
    local log = {}
    local d = Duplex.new({ readable = false, autoDestroy = true, write = write_ok, read = noop })
    record(d, log)
    d["end"](d)
    finish()
    assert.are.same({ "finish", "close" }, log)
  end)

  it("allowHalfOpen = false ends the writable side on the tick after 'end'", function()
    local log = {}
    local d = Duplex.new({ allowHalfOpen = false, autoDestroy = true, write = write_ok, read = noop })
    record(d, log)
    d:push(nil)
    d:resume()
    d:on("end", function()
      nextTick(function() put(log, "tick after end:" .. tostring(d.writableEnded)) end)
    end)
    finish()
    assert.are.same({ "end", "tick after end:false", "finish", "close" }, log)
  end)

  it("a corked write is called back with ERR_STREAM_DESTROYED", function()
    local log = {}
    local d = Duplex.new({ read = noop, write = write_ok })
    record(d, log)
    d:cork()
    d:write("foo", function(err) put(log, "cb:" .. code(err)) end)
    d:destroy()
    finish()
    assert.are.same({ "cb:ERR_STREAM_DESTROYED", "close" }, log)
  end)
end)

describe("test-stream-duplex-end", function()
  it("allowHalfOpen defaults to true: the end of reading does not finish", function()
    local log = {}
    local s = Duplex.new({ read = noop })
    put(log, s.allowHalfOpen, s:listenerCount("end"))
    record(s, log)
    s:resume()
    s:push(nil)
    finish()
    assert.are.same({ true, 0, "end" }, log)
    assert.is_false(s.writableEnded)
  end)

  it("allowHalfOpen = false: the end of reading ends writing", function()
    local log = {}
    local s = Duplex.new({ read = noop, allowHalfOpen = false })
    put(log, s.allowHalfOpen, s:listenerCount("end"))
    record(s, log)
    s:resume()
    s:push(nil)
    finish()
    assert.are.same({ false, 0, "end", "finish", "close" }, log)
  end)

  -- Node pokes _writableState.ended = true; the public way to get a writable
  -- side that has already ended is end(), and 'finish' still fires only once.
  it("allowHalfOpen = false with the writable side already ended", function()
    local log = {}
    local s = Duplex.new({ read = noop, write = write_ok, allowHalfOpen = false })
    record(s, log)
    s["end"](s)
    s:resume()
    s:push(nil)
    finish()
    assert.are.same({ "finish", "end", "close" }, log)
  end)
end)

-- allowHalfOpen has no Node test file of its own; these check the behaviour
-- of Node's duplex.js/readable.js (endReadableNT -> endWritableNT) directly.
describe("allowHalfOpen (Node's lib/internal/streams/duplex.js)", function()
  local EV = { "end", "prefinish", "finish", "close", "error" }

  it("allowHalfOpen = false waits for pending writes before finishing", function()
    local log = {}
    local d = Duplex.new({
      allowHalfOpen = false, read = noop,
      write = function(_, c, _, cb)
        put(log, "write:" .. c)
        local t = uv.new_timer()
        t:start(5, 0, function()
          t:close()
          cb()
        end)
      end,
    })
    record(d, log, EV)
    d:write("a")
    d:write("b")
    d:push(nil)
    d:resume()
    finish()
    assert.are.same({ "write:a", "end", "write:b", "prefinish", "finish", "close" }, log)
  end)

  it("a Transform with allowHalfOpen = false that pushes nil ends its writable side", function()
    local log = {}
    local t = Transform.new({
      allowHalfOpen = false,
      transform = function(self, c, _, cb)
        put(log, "t:" .. c)
        if c == "stop" then self:push(nil) else self:push(c) end
        cb()
      end,
    })
    record(t, log, EV)
    t:on("data", function(c) put(log, "data:" .. c) end)
    t:write("a")
    t:write("stop")
    put(log, t:write("after"))
    finish()
    assert.are.same({ "t:a", "data:a", "t:stop", true, "end", "t:after",
      "error:ERR_STREAM_PUSH_AFTER_EOF", "close" }, log)
  end)

  it("the default (true) keeps the writable side open after 'end'", function()
    local log = {}
    local d = Duplex.new({
      read = noop,
      write = function(_, c, _, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    record(d, log, EV)
    d:push(nil)
    d:resume()
    d:on("end", function()
      nextTick(function()
        put(log, "writable:" .. tostring(d.writable))
        d:write("late")
        d["end"](d)
      end)
    end)
    finish()
    assert.are.same({ "end", "writable:true", "write:late", "prefinish", "finish", "close" }, log)
  end)

  it("allowHalfOpen = false after the user already called end()", function()
    local log = {}
    local d = Duplex.new({ allowHalfOpen = false, read = noop, write = write_ok })
    record(d, log, EV)
    d["end"](d, "x")
    d:push(nil)
    d:resume()
    finish()
    assert.are.same({ "prefinish", "finish", "end", "close" }, log)
  end)

  it("allowHalfOpen = false with autoDestroy = false finishes but stays alive", function()
    local log = {}
    local d = Duplex.new({ allowHalfOpen = false, autoDestroy = false, read = noop,
      write = write_ok })
    record(d, log, EV)
    d:push(nil)
    d:resume()
    local t = uv.new_timer()
    t:start(10, 0, function()
      t:close()
      put(log, "destroyed:" .. tostring(d.destroyed) .. ":" .. tostring(d.writableFinished))
    end)
    finish()
    assert.are.same({ "end", "prefinish", "finish", "destroyed:false:true" }, log)
  end)
end)

describe("test-stream-duplex-props", function()
  it("objectMode and highWaterMark apply to both sides", function()
    local d = Duplex.new({ objectMode = true, highWaterMark = 100 })
    assert.are.same({ true, 100, true, 100 }, { d.writableObjectMode,
      d.writableHighWaterMark, d.readableObjectMode, d.readableHighWaterMark })
    finish()
  end)

  it("readable*/writable* options set each side", function()
    local d = Duplex.new({
      readableObjectMode = false, readableHighWaterMark = 10,
      writableObjectMode = true, writableHighWaterMark = 100,
    })
    assert.are.same({ true, 100, false, 10 }, { d.writableObjectMode,
      d.writableHighWaterMark, d.readableObjectMode, d.readableHighWaterMark })
    finish()
  end)
end)

describe("test-stream-duplex-readable-end", function()
  -- nodejs/node#35926: push(nil) from _transform ends the readable side and the
  -- source stays paused on the back-pressure of the writable side.
  it("push(nil) inside _transform ends the Transform while piping", function()
    local log = {}
    local loops = 5
    local src = Readable.new({
      highWaterMark = 16 * 1024,
      read = function(self)
        if loops > 0 then
          loops = loops - 1
          self:push(string.rep("\0", 20000))
        else
          loops = loops - 1
        end
      end,
    })
    local dst = Transform.new({
      highWaterMark = 16 * 1024,
      transform = function(self, _, _, fn)
        put(log, "transform")
        self:push(nil)
        fn()
      end,
    })
    src:pipe(dst)
    dst:on("data", function() put(log, "data") end)
    dst:on("end", function()
      put(log, "end:" .. loops .. ":" .. tostring(src:isPaused()))
    end)
    finish()
    assert.are.same({ "transform", "end:3:true", "transform", "transform",
      "transform", "transform" }, log)
  end)
end)

describe("test-stream-duplex-readable-writable", function()
  it("readable = false: push() is ERR_STREAM_PUSH_AFTER_EOF", function()
    local log = {}
    local d = Duplex.new({ readable = false })
    put(log, tostring(d.readable))
    d:push("asd")
    record(d, log, { "error", "data", "end", "close" })
    finish()
    assert.are.same({ "false", "error:ERR_STREAM_PUSH_AFTER_EOF", "close" }, log)
  end)

  it("writable = false: write() is ERR_STREAM_WRITE_AFTER_END", function()
    local log = {}
    local d = Duplex.new({ writable = false, write = function() put(log, "write") end })
    put(log, tostring(d.writable))
    d:write("asd")
    record(d, log, { "error", "finish", "close" })
    finish()
    assert.are.same({ "false", "error:ERR_STREAM_WRITE_AFTER_END", "close" }, log)
  end)

  it("readable = false: iterating yields nothing and ends", function()
    local log = {}
    local d = Duplex.new({ readable = false })
    record(d, log, { "data", "end", "close" })
    coroutine.wrap(guard(function()
      for _ in d:iter() do put(log, "chunk") end
      put(log, "done")
    end))()
    finish()
    assert.are.same({ "done", "close" }, log)
  end)
end)

describe("Duplex state properties (twin of Node's getters)", function()
  it("readable/writable/ended/finished/closed through end, finish and close", function()
    local log = {}
    local d = Duplex.new({ read = noop, write = write_ok })
    put(log, d.readable, d.writable, d.readableEnded, d.writableEnded, d.writableFinished)
    d["end"](d)
    put(log, d.writable, d.writableEnded, d.writableFinished)
    d:push(nil)
    d:resume()
    d:on("end", function() put(log, "end", d.readable, d.readableEnded) end)
    d:on("finish", function() put(log, "finish", d.writable, d.writableFinished) end)
    d:on("close", function() put(log, "close", d.readable, d.writable, d.destroyed, d.closed) end)
    finish()
    assert.are.same({ true, true, false, false, false, false, true, false, "finish", false, true,
      "end", false, true, "close", false, false, true, true }, log)
  end)
end)

describe("test-stream-duplex-writable-finished", function()
  it("writableFinished is false in _write, true in 'finish' and the end callback", function()
    local log = {}
    local d = Duplex.new()
    function d:_write(_, _, cb)
      put(log, "write:" .. tostring(d.writableFinished))
      cb()
    end
    d:on("finish", function() put(log, "finish:" .. tostring(d.writableFinished)) end)
    d["end"](d, "testing finished state", function()
      put(log, "endcb:" .. tostring(d.writableFinished))
    end)
    finish()
    assert.are.same({ "write:false", "endcb:true", "finish:true" }, log)
  end)
end)

-- Lua-side checks of API.md section 8: a Lua error raised by an implementation
-- function destroys the Duplex with that error.
describe("Duplex implementation errors (API.md section 3)", function()
  it("an error raised in _write destroys the stream: 'error' then 'close'", function()
    local log = {}
    local d = Duplex.new({ read = noop, write = function() error("boom", 0) end })
    record(d, log)
    d:write("x")
    finish()
    assert.are.same({ "error:boom", "close" }, log)
    assert.is_true(d.destroyed)
  end)

  it("an error raised in _read destroys the stream: 'error' then 'close'", function()
    local log = {}
    local d = Duplex.new({ read = function() error({ code = "EMINE" }) end, write = write_ok })
    record(d, log)
    d:resume()
    finish()
    assert.are.same({ "error:EMINE", "close" }, log)
  end)
end)


