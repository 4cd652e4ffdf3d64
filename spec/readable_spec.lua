-- Readable, translated from Node 20's own tests (test/parallel/test-stream*-*.js).
-- Each describe is named after the Node test file it translates. Every expected
-- sequence below is what node v20 printed for a JS twin of the spec (the twins
-- live outside the repository). Internal state that Node's tests peek at
-- (_readableState.reading, needReadable, ...) is not part of the Lua API, so
-- those tests are translated to the events and read() results they imply.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local guard = helper.guard

-- Runs the loop until it ends by itself, then checks that nothing is left open.
local finish = helper.settle

-- Node's setTimeout/setImmediate: a luv timer that closes itself, made from a
-- tick (see helper.setTimeout).
local setTimeout, setImmediate = helper.setTimeout, helper.setImmediate
local nextTick = helper.nextTick
local put = helper.put
-- read() results as the twins print them.
local s = helper.nullstr
local code = helper.errcode

describe("test-stream-readable-event", function()
  it("on('readable') added later fires for data pushed before, without _read", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 3, read = function() put(log, "_read") end })
    put(log, r:push("blerg"))
    setTimeout(function()
      put(log, "len:" .. r.readableLength)
      r:on("readable", function() put(log, "readable") end)
    end, 1)
    finish()
    assert.are.same({ false, "len:5", "readable" }, log)
  end)

  it("re-emits 'readable' when there is data while it is reading", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 3, read = function() put(log, "_read") end })
    put(log, r:push("bl"))
    setTimeout(function()
      put(log, "len:" .. r.readableLength)
      r:on("readable", function() put(log, "readable") end)
    end, 1)
    finish()
    assert.are.same({ true, "_read", "len:2", "readable" }, log)
  end)

  it("emits 'readable' for a stream at EOF below the highWaterMark", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 30, read = function() put(log, "_read") end })
    r:push("blerg")
    r:push(nil)
    setTimeout(function()
      r:on("readable", function() put(log, "readable") end)
      r:on("end", function() put(log, "end") end)
    end, 1)
    finish()
    assert.are.same({ "readable" }, log)
  end)

  it("push('') in byte mode triggers the next _read", function()
    local log = {}
    local data = { "", "x", "y", "", "z" }
    local r
    r = Readable.new({
      encoding = "utf8",
      read = function(self)
        nextTick(function() self:push(table.remove(data, 1)) end)
      end,
    })
    r:on("readable", guard(function() put(log, "readable:" .. s(r:read())) end))
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "readable:x", "readable:y", "readable:z", "readable:null", "end" }, log)
  end)

  it("removeAllListeners() leaves no listener behind (#20923)", function()
    local r = Readable.new({ read = function() end })
    r:on("data", function() end)
    r:removeAllListeners()
    local counts = {}
    for _, e in ipairs({ "data", "readable", "end", "error", "close", "pause", "resume" }) do
      put(counts, r:listenerCount(e))
    end
    assert.are.same({ 0, 0, 0, 0, 0, 0, 0 }, counts)
    assert.is_true(r.readableFlowing)
    finish()
  end)
end)

describe("test-stream-readable-flow-recursion", function()
  it("read(5000) raises the highWaterMark and reads without recursion", function()
    local log = {}
    local total, reads, depth = 5000, 0, 0
    local r = Readable.new({
      highWaterMark = 2,
      read = function(self, size)
        reads = reads + 1
        put(log, "_read:" .. size)
        size = math.min(size, total)
        total = total - size
        if size == 0 then self:push(nil) else self:push(string.rep("\0", size)) end
      end,
    })
    local flow
    flow = function(size)
      depth = depth + 1
      local chunk = r:read(size)
      if not chunk then
        r:once("readable", guard(function() flow(size) end))
      else
        put(log, "chunk:" .. #chunk)
      end
      depth = depth - 1
    end
    flow(5000)
    finish()
    assert.are.same({ "_read:8192", "chunk:5000", "_read:8192" }, log)
    assert.are.same({ 2, 8192, 0, 0 }, { reads, r.readableHighWaterMark, r.readableLength, depth })
  end)
end)

describe("test-stream-readable-hwm-0", function()
  it("calls _read once on the 'readable' listener and 'readable' only after push(nil)", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 0, read = function() put(log, "_read") end })
    r:on("readable", guard(function()
      put(log, "readable"); put(log, s(r:read()))
    end))
    r:on("end", function() put(log, "end") end)
    nextTick(function()
      put(log, s(r:read()), "push-null")
      r:push(nil)
    end)
    finish()
    assert.are.same({ "_read", "null", "push-null", "readable", "null", "end" }, log)
  end)
end)

describe("test-stream-readable-hwm-0-async", function()
  it("keeps calling _read while an hwm 0 stream pushes asynchronously", function()
    local log = {}
    local count = 5
    local r
    r = Readable.new({
      highWaterMark = 0,
      read = function()
        put(log, "_read")
        nextTick(function()
          count = count - 1
          if count >= 0 then r:push("a") else r:push(nil) end
        end)
      end,
    })
    r:on("end", function() put(log, "end") end)
    r:on("data", function(c) put(log, "data:" .. c) end)
    finish()
    assert.are.same({ "_read", "data:a", "_read", "data:a", "_read", "data:a", "_read", "data:a",
      "_read", "data:a", "_read", "end" }, log)
  end)
end)

describe("test-stream-readable-hwm-0-no-flow-data", function()
  it("a 'data' listener does not make a stream with a 'readable' listener flow", function()
    local log, calls = {}, {}
    local data = { "a" }
    local function head() return data[1] == nil and "null" or data[1] end
    local r
    r = Readable.new({
      highWaterMark = 0,
      objectMode = true,
      read = function()
        put(calls, "_read:" .. head())
        nextTick(function()
          put(calls, "push:" .. head())
          r:push(table.remove(data, 1))
        end)
      end,
    })
    local function snap() return table.concat(calls, ",") end
    put(log, tostring(r.readableFlowing))
    r:on("readable", function() put(calls, "readable") end)
    put(log, tostring(r.readableFlowing))
    r:on("data", function(d) put(calls, "data:" .. d) end)
    r:on("end", function() put(calls, "end") end)
    put(log, tostring(r.readableFlowing))
    setTimeout(function()
      put(log, snap())
      put(log, s(r:read()))
      put(log, snap())
      put(log, s(r:read()))
      setTimeout(function()
        put(log, snap())
        put(log, s(r:read()))
        put(log, snap())
        nextTick(function() put(log, snap()) end)
      end, 1)
    end, 1)
    finish()
    assert.are.same({
      "nil", "false", "false",
      "_read:a,push:a,readable",
      "a",
      "_read:a,push:a,readable,data:a",
      "null",
      "_read:a,push:a,readable,data:a,_read:null,push:null,readable",
      "null",
      "_read:a,push:a,readable,data:a,_read:null,push:null,readable",
      "_read:a,push:a,readable,data:a,_read:null,push:null,readable,end",
    }, log)
  end)
end)

describe("test-stream-readable-needReadable", function()
  it("emits 'readable' once for data pushed synchronously, then 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", guard(function() put(log, "readable"); put(log, s(r:read())) end))
    r:push("foo")
    r:push(nil)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "readable", "foo", "end" }, log)
  end)

  it("batches pushes from the same tick into one 'readable'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", guard(function() put(log, "readable"); put(log, s(r:read())) end))
    r:on("end", function() put(log, "end") end)
    nextTick(function() put(log, "push foooo"); r:push("foooo") end)
    nextTick(function() put(log, "push bar"); r:push("bar") end)
    setImmediate(function() put(log, "push null"); r:push(nil) end)
    finish()
    assert.are.same({ "push foooo", "push bar", "readable", "foooobar", "push null",
      "readable", "null", "end" }, log)
  end)

  it("flowing mode with a full buffer needs no 'readable'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("foooo")
    r:push("bar")
    r:push("quo")
    nextTick(function() put(log, "push null"); r:push(nil) end)
    r:on("data", function(d) put(log, "data:" .. d) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "push null", "data:foooo", "data:bar", "data:quo", "end" }, log)
  end)

  it("a slow producer gets 'readable' for every push until read(8) succeeds", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", guard(function() put(log, "readable"); put(log, s(r:read(8))) end))
    r:on("end", function() put(log, "end") end)
    nextTick(function()
      r:push("foo")
      nextTick(function()
        r:push("foo")
        nextTick(function()
          r:push("foo")
          nextTick(function() r:push(nil) end)
        end)
      end)
    end)
    finish()
    assert.are.same({ "readable", "null", "readable", "null", "readable", "foofoofo",
      "readable", "o", "end" }, log)
  end)
end)

describe("test-stream-readable-emittedReadable", function()
  it("emits 'readable' per batch and once more at the end", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", guard(function() put(log, "readable"); put(log, s(r:read())) end))
    r:on("end", function() put(log, "end") end)
    nextTick(function() r:push("foo") end)
    nextTick(function() r:push("bar") end)
    setImmediate(function()
      put(log, "imm")
      r:push("quo")
      nextTick(function() put(log, "push null"); r:push(nil) end)
    end)
    finish()
    assert.are.same({ "readable", "foobar", "imm", "readable", "quo", "push null",
      "readable", "null", "end" }, log)
  end)

  it("read(0) inside 'readable' does not re-emit it", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:once("readable", guard(function()
      put(log, "readable1"); put(log, s(r:read(0)))
      r:on("readable", guard(function() put(log, "readable2"); put(log, s(r:read(0))) end))
    end))
    r:on("end", function() put(log, "end") end)
    r:push("foo")
    r:push(nil)
    finish()
    assert.are.same({ "readable1", "null" }, log)
    assert.are.same({ 3, false }, { r.readableLength, r.readableEnded })
  end)

  it("read() inside 'data' in flowing mode emits the next chunks re-entrantly", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", guard(function(d)
      put(log, "data:" .. d)
      put(log, s(r:read()))
    end))
    r:on("end", function() put(log, "end") end)
    r:push("foooo")
    r:push("bar")
    r:push("quo")
    nextTick(function() r:push(nil) end)
    finish()
    assert.are.same({ "data:foooo", "data:bar", "data:quo", "null", "quo", "bar", "end" }, log)
  end)
end)

describe("test-stream-readable-reading-readingMore", function()
  it("pause/read(6)/resume/unshift/push(nil) with 'data' and 'readable' listeners", function()
    local log = {}
    local r
    r = Readable.new({ read = function() put(log, "_read") end })
    r:on("data", function(d) put(log, "data:" .. d .. ":" .. tostring(r.readableFlowing)) end)
    r:on("readable", guard(function() put(log, "readable"); put(log, s(r:read())) end))
    r:on("end", function() put(log, "end") end)
    put(log, r:push("pushed"))
    r:pause()
    put(log, s(r:read(6)))
    r:resume()
    r:unshift("unshifted")
    r:push(nil)
    put(log, "sync-done")
    finish()
    assert.are.same({ true, "_read", "data:pushed:false", "pushed", "readable",
      "data:unshifted:false", "unshifted", "sync-done", "readable", "null", "readable",
      "null", "end" }, log)
  end)

  it("flowing: reads more after a synchronous push", function()
    local log = {}
    local r = Readable.new({ read = function() put(log, "_read") end })
    r:on("data", function(d) put(log, "data:" .. d) end)
    r:on("end", function() put(log, "end") end)
    r:push("pushed")
    put(log, "sync-done")
    nextTick(function() put(log, "tick"); r:push(nil) end)
    finish()
    assert.are.same({ "sync-done", "_read", "data:pushed", "tick", "end" }, log)
  end)

  it("paused: reads more after a synchronous push", function()
    local log = {}
    local r
    r = Readable.new({ read = function() put(log, "_read") end })
    r:on("readable", guard(function() put(log, "readable"); put(log, s(r:read())) end))
    r:on("end", function() put(log, "end") end)
    r:push("pushed")
    put(log, "sync-done")
    nextTick(function() put(log, "tick"); r:push(nil) end)
    finish()
    assert.are.same({ "sync-done", "_read", "readable", "pushed", "tick", "readable", "null",
      "end" }, log)
  end)
end)

describe("test-stream-readable-resumeScheduled", function()
  it("pipe() schedules the resume for the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    local w = Writable.new({
      write = function(_, c, _, cb) put(log, "write:" .. c); cb() end,
    })
    r:on("resume", function() put(log, "resume") end)
    r:pipe(w)
    put(log, tostring(r.readableFlowing))
    r:push("x")
    put(log, "sync-done")
    nextTick(function() put(log, "tick"); r:push(nil) end)
    w:on("finish", function() put(log, "finish") end)
    finish()
    assert.are.same({ "true", "sync-done", "resume", "write:x", "tick", "finish" }, log)
  end)

  it("a 'data' listener schedules the resume", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("abc")
    r:on("resume", function() put(log, "resume") end)
    r:on("data", function(d) put(log, "data:" .. d) end)
    put(log, tostring(r.readableFlowing))
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same({ "true", "resume", "data:abc", "tick" }, log)
  end)

  it("resume() emits 'resume' on the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() put(log, "_read") end })
    r:resume()
    put(log, tostring(r.readableFlowing), r:isPaused())
    r:on("resume", function() put(log, "resume") end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same({ "true", false, "_read", "resume", "tick" }, log)
  end)
end)

describe("test-stream-readable-data", function()
  it("a 'data' listener added after a removed 'readable' one makes the stream flow", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    local function read() end
    r:setEncoding("utf8")
    r:on("readable", read)
    r:removeListener("readable", read)
    nextTick(function()
      r:on("data", function(d) put(log, "data:" .. d) end)
      r:push("hello")
    end)
    finish()
    assert.are.same({ "data:hello" }, log)
  end)
end)

describe("test-stream-readable-destroy", function()
  -- Listeners that log event names ('error' with its message or code).
  local function ev(r, log, ...)
    for _, n in ipairs({ ... }) do
      r:on(n, function(a)
        if n == "error" then
          put(log, "error:" .. tostring(type(a) == "table" and (a.code or a.message) or a))
        else
          put(log, n)
        end
      end)
    end
  end

  it("destroy() emits 'close' on the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:resume()
    ev(r, log, "end", "close", "error")
    r:destroy()
    put(log, r.destroyed, "sync")
    finish()
    assert.are.same({ true, "sync", "close" }, log)
  end)

  it("destroy(err) emits 'error' with err, then 'close', and no 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:resume()
    local expected = { message = "kaboom" }
    r:on("end", function() put(log, "end") end)
    r:on("close", function() put(log, "close") end)
    r:on("error", function(e) put(log, "error", e == expected, r.errored == expected) end)
    r:destroy(expected)
    put(log, r.destroyed, "sync")
    finish()
    assert.are.same({ true, "sync", "error", true, true, "close" }, log)
  end)

  it("_destroy receives the error and passes it on", function()
    local log = {}
    local expected = { message = "kaboom" }
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) put(log, "_destroy", err == expected); cb(err) end,
    })
    r:on("end", function() put(log, "end") end)
    r:on("close", function() put(log, "close") end)
    r:on("error", function(e) put(log, "error", e == expected) end)
    r:destroy(expected)
    put(log, r.destroyed, "sync")
    finish()
    assert.are.same({ "_destroy", true, true, "sync", "error", true, "close" }, log)
  end)

  it("a custom _destroy can swallow the error", function()
    local log = {}
    local expected = { message = "kaboom" }
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) put(log, "_destroy", err == expected); cb() end,
    })
    ev(r, log, "end", "close", "error")
    r:destroy(expected)
    put(log, r.destroyed, "sync")
    finish()
    assert.are.same({ "_destroy", true, true, "sync", "close" }, log)
  end)

  it("_destroy gets nil when destroy() has no error", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) put(log, "_destroy", s(err)); cb() end,
    })
    ev(r, log, "end", "close", "error")
    r:destroy()
    put(log, r.destroyed, "sync")
    finish()
    assert.are.same({ "_destroy", "null", true, "sync", "close" }, log)
  end)

  it("push(nil) inside an asynchronous _destroy emits no 'end'", function()
    local log = {}
    local r
    r = Readable.new({
      read = function() end,
      destroy = function(self, _, cb)
        put(log, "_destroy")
        nextTick(function() self:push(nil); cb() end)
      end,
    })
    r:resume()
    ev(r, log, "close", "error")
    local fail = function() put(log, "end-fail") end
    r:on("end", fail)
    r:destroy()
    r:removeListener("end", fail)
    r:on("end", function() put(log, "end") end)
    put(log, r.destroyed, "sync")
    finish()
    assert.are.same({ "_destroy", true, "sync", "close" }, log)
  end)

  it("an error given to the _destroy callback is emitted on the next tick", function()
    local log = {}
    local expected = { message = "kaboom" }
    local r
    r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) put(log, "_destroy", s(err)); cb(expected) end,
    })
    r:on("end", function() put(log, "end") end)
    r:on("error", function(e) put(log, "error", e == expected, r.errored == expected) end)
    r:on("close", function() put(log, "close") end)
    r:destroy()
    put(log, r.destroyed, r.errored == expected, "sync")
    finish()
    assert.are.same({ "_destroy", "null", true, true, "sync", "error", true, true, "close" }, log)
  end)

  it("destroy(err) while an asynchronous _destroy is pending keeps the first error", function()
    local log = {}
    local r
    r = Readable.new({
      read = function() end,
      destroy = function(_, _, cb)
        put(log, "_destroy")
        stream.nextTick(cb, "kaboom 1")
      end,
    })
    r:on("close", function() put(log, "close") end)
    r:on("error", function(e) put(log, "error:" .. tostring(e)) end)
    r:destroy()
    put(log, r.destroyed, s(r.errored))
    r:destroy("kaboom 2")
    put(log, s(r.errored), "sync")
    finish()
    assert.are.same({ "_destroy", true, "null", "null", "sync", "error:kaboom 1", "close" }, log)
  end)

  it("push() after destroy() returns false and emits no 'data'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:destroy()
    put(log, r:push("hi"))
    r:on("data", function() put(log, "data") end)
    ev(r, log, "close", "error")
    finish()
    assert.are.same({ false, "close" }, log)
  end)

  it("read() after destroy() returns nil without calling _read", function()
    local log = {}
    local r = Readable.new({ read = function() put(log, "_read") end })
    r:destroy()
    put(log, r.destroyed, s(r:read()))
    ev(r, log, "close", "error")
    finish()
    assert.are.same({ true, "null", "close" }, log)
  end)

  it("a second destroy() does nothing", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) put(log, "_destroy"); cb(err) end,
    })
    ev(r, log, "close", "error")
    r:destroy("a")
    r:destroy("b")
    put(log, "sync")
    finish()
    assert.are.same({ "_destroy", "sync", "error:a", "close" }, log)
  end)

  it("emitClose = false: no 'close', but closed is true", function()
    local log = {}
    local r = Readable.new({ read = function() end, emitClose = false })
    ev(r, log, "close", "error")
    r:destroy()
    put(log, r.destroyed, r.closed)
    setImmediate(function() put(log, "imm", r.closed) end)
    finish()
    assert.are.same({ true, true, "imm", true }, log)
  end)

  it("closed is false before destroy() and true from then on", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("close", function() put(log, "close", r.closed) end)
    put(log, r.closed)
    r:destroy()
    put(log, r.closed)
    finish()
    assert.are.same({ false, true, "close", true }, log)
  end)
end)

describe("test-stream-readable-ended", function()
  it("readableEnded turns true only when 'end' is emitted", function()
    local log = {}
    local r
    r = Readable.new({
      read = function(self)
        put(log, "_read", r.readableEnded)
        self:push("asd")
        put(log, r.readableEnded)
        self:push(nil)
        put(log, r.readableEnded)
      end,
    })
    r:on("end", function() put(log, "end", r.readableEnded) end)
    r:on("data", function() put(log, "data", r.readableEnded) end)
    finish()
    assert.are.same({ "_read", false, false, false, "data", false, "end", true }, log)
  end)

  it("several push(nil) give no 'error'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", guard(function() put(log, "readable"); r:read() end))
    r:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
    r:on("end", function() put(log, "end") end)
    r:push("a")
    r:push(nil)
    r:push(nil)
    finish()
    assert.are.same({ "readable", "end" }, log)
  end)
end)

describe("test-stream-readable-readable", function()
  it("readable is false after destroy()", function()
    local r = Readable.new({ read = function() end })
    local log = { r.readable }
    r:destroy()
    put(log, r.readable)
    finish()
    assert.are.same({ true, false }, log)
  end)

  it("readable stays true after push(nil) until 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    put(log, r.readable)
    r:resume()
    r:push(nil)
    put(log, r.readable)
    r:on("end", function() put(log, "end", r.readable) end)
    finish()
    assert.are.same({ true, true, "end", false }, log)
  end)

  it("readable is false once destroyed with an error from a tick", function()
    local log = {}
    local r
    r = Readable.new({
      read = function()
        put(log, "_read")
        nextTick(function()
          r:destroy("x")
          put(log, r.readable)
        end)
      end,
    })
    r:resume()
    r:on("error", function() put(log, "error", r.readable) end)
    finish()
    assert.are.same({ "_read", false, "error", false }, log)
  end)
end)

describe("test-stream-readable-end-destroyed", function()
  it("push(nil) after 'close' emits no 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("end", function() put(log, "end") end)
    r:resume()
    r:destroy()
    r:on("close", guard(function() put(log, "close"); r:push(nil) end))
    r:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
    finish()
    assert.are.same({ "close" }, log)
  end)
end)

describe("test-stream-readable-pause-and-resume", function()
  it("'data' never fires while paused", function()
    local log = {}
    local ticks, expectedData, dataCalls = 18, 19, 0
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        ticks = ticks - 1
        if ticks + 1 > 0 then
          stream.nextTick(function() rs:push({}) end)
          return
        end
        rs:push({})
        rs:push(nil)
      end,
    })
    rs:on("end", function() put(log, "end", dataCalls) end)
    local readAndPause
    readAndPause = function()
      local calls = 0
      local ondata
      ondata = guard(function()
        calls = calls + 1
        dataCalls = dataCalls + 1
        if calls > 1 then put(log, "extra") end
        rs:pause()
        expectedData = expectedData - 1
        if expectedData <= 0 then return end
        setImmediate(function()
          rs:removeListener("data", ondata)
          readAndPause()
          rs:resume()
        end)
      end)
      rs:on("data", ondata)
    end
    readAndPause()
    finish()
    assert.are.same({ "end", 19 }, log)
  end)

  it("pause() inside 'data' and resume() later", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:push("b")
    r:on("data", guard(function(d)
      put(log, "data:" .. d, r:isPaused())
      r:pause()
      setImmediate(function() put(log, "imm"); r:resume() end)
    end))
    r:on("pause", function() put(log, "pause") end)
    r:on("resume", function() put(log, "resume") end)
    setTimeout(function() r:push(nil) end, 20)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "resume", "data:a", false, "pause", "imm", "resume", "data:b", false,
      "pause", "imm", "resume", "end" }, log)
  end)
end)

describe("test-stream-readable-resume-hwm", function()
  it("resume() over the highWaterMark schedules no _read", function()
    local log = {}
    local r = Readable.new({ read = function() put(log, "_read") end, highWaterMark = 100 })
    for _ = 1, 10 do r:push(string.rep("a", 200)) end
    r:resume()
    r:once("data", guard(function(d) put(log, "data:" .. #d); r:pause() end))
    setImmediate(function() put(log, "len:" .. r.readableLength) end)
    finish()
    assert.are.same({ "data:200", "len:1800" }, log)
  end)
end)

describe("test-stream-readable-no-unneeded-readable", function()
  it("a wrapper reading a PassThrough through 'readable' ends", function()
    local log = {}
    local source = Readable.new({ read = function() end })
    source:push("foo")
    source:push("bar")
    source:push(nil)
    local pt = source:pipe(stream.PassThrough.new())
    local wrapper
    wrapper = Readable.new({
      read = function()
        local data = pt:read()
        if data then
          wrapper:push(data)
          return
        end
        pt:once("readable", guard(function()
          data = pt:read()
          if data then wrapper:push(data) end
        end))
      end,
    })
    pt:once("end", guard(function() put(log, "pt end"); wrapper:push(nil) end))
    wrapper:on("data", function(d) put(log, "data:" .. d) end)
    wrapper:once("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "data:foobar", "pt end", "end" }, log)
  end)
end)

describe("test-stream-readable-object-multi-push-async", function()
  it("several pushes from one asynchronous fetch per _read", function()
    local log, got = {}, {}
    local MAX, BATCH = 42, 10
    local i, reads = 0, 0
    local function fetchData(cb)
      if i > MAX then
        setTimeout(function() cb(nil, {}) end, 10)
      else
        local a = {}
        local max = i + BATCH
        while i < max do put(a, i); i = i + 1 end
        setTimeout(function() cb(nil, a) end, 10)
      end
    end
    local r
    r = Readable.new({
      objectMode = true,
      read = function(self)
        reads = reads + 1
        fetchData(function(_, data)
          if #data == 0 then
            put(log, "push null")
            self:push(nil)
            return
          end
          for _, d in ipairs(data) do self:push(d) end
        end)
      end,
    })
    r:on("readable", guard(function()
      put(log, "readable")
      local d = r:read()
      while d ~= nil do put(got, d); d = r:read() end
    end))
    r:on("end", function() put(log, "end", i, reads, #got, got[1], got[#got]) end)
    finish()
    assert.are.same({ "readable", "readable", "readable", "readable", "readable", "push null",
      "readable", "end", 50, 6, 50, 0, 49 }, log)
  end)
end)

describe("test-stream-readable-infinite-read", function()
  it("a _read that always pushes synchronously is bounded by the 'readable' listener", function()
    local log = {}
    local buf = string.rep("\0", 8192)
    local reads = 0
    local r = Readable.new({
      highWaterMark = 16 * 1024,
      read = function(self) reads = reads + 1; self:push(buf) end,
    })
    local i = 0
    r:on("readable", guard(function()
      i = i + 1
      if i - 1 == 10 then
        r:removeAllListeners("readable")
        return
      end
      put(log, #r:read())
    end))
    finish()
    assert.are.same({ 16384, 24576, 24576, 24576, 24576, 24576, 24576, 24576, 24576, 24576 }, log)
    assert.are.same({ 31, 11 }, { reads, i })
  end)
end)

describe("test-stream-readable-unshift", function()
  it("unshift(string) is delivered as bytes", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function(c) put(log, type(c), c) end)
    r:unshift("abc")
    finish()
    assert.are.same({ "string", "abc" }, log)
  end)

  it("unshift() puts data in front of pushed data", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function(c) put(log, c) end)
    r:push("back")
    r:unshift("front")
    finish()
    assert.are.same({ "front", "back" }, log)
  end)

  it("unshift(str, 'base64') decodes the string", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function(c) put(log, c) end)
    r:unshift("YWJj", "base64")
    finish()
    assert.are.same({ "abc" }, log)
  end)

  for _, how in ipairs({ "setEncoding", "option" }) do
    local function make()
      if how == "option" then
        return Readable.new({ read = function() end, encoding = "base64" })
      end
      local r = Readable.new({ read = function() end })
      r:setEncoding("base64")
      return r
    end

    it("unshift(str, enc) into a base64 stream (" .. how .. ")", function()
      local log = {}
      local r = make()
      r:on("data", function(c) put(log, c) end)
      for _, enc in ipairs({ "utf8", "binary", "hex", "base64" }) do r:unshift("abc", enc) end
      finish()
      -- a string in the stream's own encoding is kept as it is
      assert.are.same({ "abc", "qw==", "YWJj", "YWJj" }, log)
    end)

    it("push and unshift deliver alike with an encoding (" .. how .. ")", function()
      local log = {}
      local r = make()
      r:on("data", function(c) put(log, c) end)
      r:push("abc")
      r:unshift("abc")
      finish()
      assert.are.same({ "YWJj", "YWJj" }, log)
    end)
  end

  it("unshift() in object mode", function()
    local log = {}
    local obj, arr = {}, {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:on("data", function(c) put(log, c) end)
    for _, c in ipairs({ "a", 1, obj, arr }) do r:unshift(c) end
    finish()
    assert.are.equal(4, #log)
    assert.are.equal(arr, log[1])
    assert.are.equal(obj, log[2])
    assert.are.same({ 1, "a" }, { log[3], log[4] })
  end)

  it("unshift() from a 'readable' listener above the highWaterMark (#27192)", function()
    local log = {}
    local hwm = 50
    local items = {}
    for i = 0, hwm * 2 - 1 do items[#items + 1] = tostring(i) end
    local st
    st = Readable.new({
      highWaterMark = hwm,
      read = function(self)
        while #items > 0 do
          local chunk = table.remove(items, 1)
          if #items == 0 then
            self:push(chunk)
            self:push(nil)
            return
          end
          if not self:push(chunk) then return end
        end
      end,
    })
    local onRead
    onRead = guard(function()
      local c = st:read()
      if c ~= nil then
        put(log, "read:" .. #c)
        st:removeListener("readable", onRead)
        st:unshift("a")
        st:on("data", function(chunk) put(log, "data:" .. #chunk) end)
      end
    end)
    st:once("readable", onRead)
    st:on("end", function() put(log, "end") end)
    finish()
    local expected = { "read:52", "data:1" }
    for _ = 1, 69 do put(expected, "data:2") end
    put(expected, "end")
    assert.are.same(expected, log)
  end)

  it("unshift() after 'end' is ERR_STREAM_UNSHIFT_AFTER_END_EVENT", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("end", guard(function() put(log, "end"); r:unshift("x") end))
    r:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
    r:on("close", function() put(log, "close") end)
    r:resume()
    r:push(nil)
    finish()
    assert.are.same({ "end", "error:ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "close" }, log)
  end)

  it("unshift() after push(nil) but before 'end' is fine", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("b")
    r:push(nil)
    r:unshift("a")
    r:on("data", function(c) put(log, c) end)
    r:on("end", function() put(log, "end") end)
    r:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
    finish()
    assert.are.same({ "a", "b", "end" }, log)
  end)
end)

describe("test-stream-readable-invalid-chunk", function()
  local function check(method, chunk)
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("error", function(e) put(log, "error:" .. tostring(code(e)), r.destroyed) end)
    r:on("close", function() put(log, "close") end)
    local ok, ret = pcall(r[method], r, chunk)
    if ok then put(log, ret) else put(log, "raised:" .. tostring(code(ret))) end
    finish()
    assert.are.same({ false, "error:ERR_INVALID_ARG_TYPE", true, "close" }, log)
  end

  it("push(table) emits ERR_INVALID_ARG_TYPE", function() check("push", {}) end)
  it("push(number) emits ERR_INVALID_ARG_TYPE", function() check("push", 0) end)
  it("push(boolean) emits ERR_INVALID_ARG_TYPE", function() check("push", true) end)
  it("unshift(table) emits ERR_INVALID_ARG_TYPE", function() check("unshift", {}) end)
end)

describe("test-stream-readable-constructor-set-methods", function()
  it("read given as an option is used as _read", function()
    local log = {}
    local r = Readable.new({
      read = function(self, n) put(log, "_read:" .. n); self:push(nil) end,
    })
    r:resume()
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "_read:16384", "end" }, log)
  end)

  it("destroy given as an option is used as _destroy", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) put(log, "_destroy"); cb(err) end,
    })
    r:on("close", function() put(log, "close") end)
    r:destroy()
    finish()
    assert.are.same({ "_destroy", "close" }, log)
  end)

  it("_read defined on a subclass", function()
    local log = {}
    local C = Readable:extend()
    function C:_read(n)
      put(log, "_read:" .. n)
      self:push(nil)
    end
    local r = C.new({ highWaterMark = 7 })
    r:resume()
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "_read:7", "end" }, log)
  end)
end)

describe("test-stream-readable-add-chunk-during-data", function()
  for _, method in ipairs({ "push", "unshift" }) do
    it(method .. "() from a 'data' listener", function()
      local log = {}
      local r = Readable.new({ read = function() end })
      r:once("data", guard(function(chunk)
        put(log, "len:" .. r.readableLength)
        r[method](r, chunk)
        put(log, "len:" .. r.readableLength)
        r:on("data", function(c) put(log, "data:" .. c) end)
      end))
      r:push("Hello, world")
      finish()
      assert.are.same({ "len:0", "len:12", "data:Hello, world" }, log)
    end)
  end
end)

describe("test-stream-readable-emit-readable-short-stream", function()
  local function transform(log)
    return stream.Transform.new({
      transform = function(self, c, _, cb) put(log, "transform"); self:push(c); cb() end,
      flush = function(_, cb) put(log, "flush"); cb() end,
    })
  end
  local function drain(r, log)
    return guard(function()
      put(log, "readable")
      local c = r:read()
      while c do put(log, c); c = r:read() end
    end)
  end

  it("a short Readable piped into a Transform", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push("content"); self:push(nil) end })
    local t = transform(log)
    r:pipe(t)
    t:on("readable", drain(t, log))
    t:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "transform", "flush", "readable", "content", "readable", "end" }, log)
  end)

  it("a Transform ended with finish('content')", function()
    local log = {}
    local t = transform(log)
    t:finish("content")
    t:on("readable", drain(t, log))
    t:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "transform", "flush", "readable", "content", "end" }, log)
  end)

  it("a Transform given write('content') then finish()", function()
    local log = {}
    local t = transform(log)
    t:write("content")
    t:finish()
    t:on("readable", drain(t, log))
    t:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "transform", "flush", "readable", "content", "end" }, log)
  end)

  it("a Readable pushing synchronously", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", drain(r, log))
    r:on("end", function() put(log, "end") end)
    r:push("content")
    r:push(nil)
    finish()
    assert.are.same({ "readable", "content", "end" }, log)
  end)

  it("a Readable pushing on the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", drain(r, log))
    r:on("end", function() put(log, "end") end)
    nextTick(function() r:push("content"); r:push(nil) end)
    finish()
    assert.are.same({ "readable", "content", "readable", "end" }, log)
  end)

  it("a Transform with its 'readable' listener added before writing", function()
    local log = {}
    local t = transform(log)
    t:on("readable", drain(t, log))
    t:on("end", function() put(log, "end") end)
    t:write("content")
    t:finish()
    finish()
    assert.are.same({ "transform", "flush", "readable", "content", "readable", "end" }, log)
  end)
end)

describe("test-stream-readable-with-unimplemented-_read", function()
  it("read() without _read destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local r = Readable.new()
    r:on("error", function(e) put(log, "error:" .. tostring(code(e)), r.destroyed) end)
    r:on("close", function() put(log, "close") end)
    local ok, v = pcall(r.read, r)
    if ok then put(log, s(v)) else put(log, "raised:" .. tostring(code(v))) end
    put(log, "sync")
    finish()
    assert.are.same({ "null", "sync", "error:ERR_METHOD_NOT_IMPLEMENTED", true, "close" }, log)
  end)

  it("flowing without _read destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local r = Readable.new()
    r:on("error", function(e) put(log, "error:" .. tostring(code(e)), r.destroyed) end)
    r:on("close", function() put(log, "close") end)
    r:on("data", function() put(log, "data") end)
    put(log, "sync")
    finish()
    assert.are.same({ "sync", "error:ERR_METHOD_NOT_IMPLEMENTED", true, "close" }, log)
  end)
end)

describe("test-stream-readable-didRead", function()
  local function ev(r, log)
    r:on("error", function(e) put(log, "error:" .. tostring(e)) end)
    r:on("end", function() put(log, "end") end)
    r:on("close", function() put(log, "close") end)
    r:on("data", function() put(log, "data") end)
  end
  local function endOnly() return Readable.new({ read = function(self) self:push(nil) end }) end

  local cases = {
    { "read()", function(r) r:read() end, { false, "end", "close", "imm", false, false } },
    { "resume()", function(r) r:resume() end, { false, "end", "close", "imm", false, false } },
    { "destroy()", function(r) r:destroy() end, { false, "close", "imm", false, false } },
    { "destroy(err)", function(r) r:destroy("x") end,
      { false, "error:x", "close", "imm", false, true } },
  }
  for _, c in ipairs(cases) do
    it("readableDidRead stays false after " .. c[1] .. " of an empty stream", function()
      local log = {}
      local r = endOnly()
      put(log, r.readableDidRead)
      ev(r, log)
      c[2](r)
      setImmediate(function() put(log, "imm", r.readableDidRead, r.errored ~= nil) end)
      finish()
      assert.are.same(c[3], log)
    end)
  end

  it("readableDidRead is true once 'data' was emitted", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push("data"); self:push(nil) end })
    put(log, r.readableDidRead)
    ev(r, log)
    setImmediate(function() put(log, "imm", r.readableDidRead) end)
    finish()
    assert.are.same({ false, "data", "end", "close", "imm", true }, log)
  end)

  it("a 'data' listener added and removed still reads the stream", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push("data"); self:push(nil) end })
    r:on("error", function(e) put(log, "error:" .. tostring(e)) end)
    r:on("end", function() put(log, "end") end)
    r:on("close", function() put(log, "close") end)
    local noop = function() end
    r:on("data", noop)
    r:off("data", noop)
    setImmediate(function() put(log, "imm", r.readableDidRead, r.readableFlowing) end)
    finish()
    assert.are.same({ "end", "close", "imm", true, true }, log)
  end)
end)

describe("test-stream-readable-aborted", function()
  it("destroy() before the end aborts", function()
    local r = Readable.new({ read = function() end })
    local log = { r.readableAborted }
    r:destroy()
    put(log, r.readableAborted)
    finish()
    assert.are.same({ false, true }, log)
  end)

  it("destroy() after push(nil) but before 'end' aborts", function()
    local r = Readable.new({ read = function() end })
    r:push(nil)
    r:destroy()
    assert.is_true(r.readableAborted)
    finish()
  end)

  it("destroy() with buffered data aborts", function()
    local r = Readable.new({ read = function() end })
    r:push("asd")
    r:destroy()
    assert.is_true(r.readableAborted)
    finish()
  end)

  it("destroy() after 'end' does not abort", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("asd")
    r:push(nil)
    put(log, r.readableAborted)
    r:on("end", guard(function()
      put(log, "end", r.readableAborted)
      r:destroy()
      put(log, r.readableAborted)
    end))
    r:on("close", function() put(log, "close", r.readableAborted) end)
    r:resume()
    finish()
    assert.are.same({ false, "end", false, false, "close", false }, log)
  end)
end)

describe("test-stream-readable-error-end", function()
  it("destroy(err) after push(nil) emits 'error' and no 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function() put(log, "data") end)
    r:on("end", function() put(log, "end") end)
    r:on("error", function(e) put(log, "error:" .. tostring(e)) end)
    r:on("close", function() put(log, "close") end)
    r:push("asd")
    r:push(nil)
    r:destroy("kaboom")
    finish()
    assert.are.same({ "data", "error:kaboom", "close" }, log)
  end)
end)

-- Node's TestReader from test-stream2-basic: hands out n 'x' bytes per round,
-- ten rounds, each new round 10 ms after the last one ran dry.
local TestReader = Readable:extend()

function TestReader:initialize(_, n)
  self.buf = string.rep("x", n or 100)
  self.pos = 0
  self.bufs = 10
end

function TestReader:_read(n)
  local max = #self.buf - self.pos
  n = math.max(n, 0)
  local toRead = math.min(n, max)
  if toRead == 0 then
    setTimeout(function()
      self.pos = 0
      self.bufs = self.bufs - 1
      if self.bufs <= 0 then self:push(nil) else self:_read(n) end
    end, 10)
    return
  end
  local ret = self.buf:sub(self.pos + 1, self.pos + toRead)
  self.pos = self.pos + toRead
  self:push(ret)
end

-- A Writable that keeps what it gets and logs it on 'finish'.
local function collector(log, name, opts)
  local got = {}
  opts = opts or {}
  opts.write = function(_, c, _, cb) put(got, c); cb() end
  local w = Writable.new(opts)
  w:on("finish", function() put(log, name .. ":finish", #got, table.concat(got, "|")) end)
  return w, got
end

local X5x10 = "xxxxx|xxxxx|xxxxx|xxxxx|xxxxx|xxxxx|xxxxx|xxxxx|xxxxx|xxxxx"

describe("test-stream2-basic", function()
  it("read(n) with a growing n", function()
    local log, reads = {}, {}
    local r = TestReader.new(nil, 20)
    r:on("end", function()
      for _, v in ipairs(reads) do put(log, v) end
      put(log, "end")
    end)
    local readSize = 1
    local flow
    flow = guard(function()
      local res = r:read(readSize)
      readSize = readSize + 1
      while res ~= nil do
        put(reads, res)
        res = r:read(readSize)
        readSize = readSize + 1
      end
      r:once("readable", flow)
    end)
    flow()
    finish()
    assert.are.same({ "x", "xx", "xxx", "xxxx", "xxxxx", "xxxxxxxxx", "xxxxxxxxxx",
      "xxxxxxxxxxxx", "xxxxxxxxxxxxx", "xxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxx",
      "xxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxxxx",
      "xxxxxxxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxx", "end" }, log)
  end)

  it("pipe()", function()
    local log = {}
    local r = TestReader.new(nil, 5)
    r:pipe((collector(log, "w")))
    finish()
    assert.are.same({ "w:finish", 10, X5x10 }, log)
  end)

  for split = 1, 9 do
    it("unpipe() after " .. split .. " writes, then pipe() to another", function()
      local log = {}
      local r = TestReader.new(nil, 5)
      local writes = split
      local got0, got1 = {}, {}
      local w1 = Writable.new({ write = function(_, c, _, cb) put(got1, c); cb() end })
      local w0
      w0 = Writable.new({
        write = function(_, c, _, cb)
          put(got0, c)
          cb()
          writes = writes - 1
          if writes == 0 then
            r:unpipe()
            w0:finish()
            r:pipe(w1)
          end
        end,
      })
      w0:on("finish", function() put(log, "w0", #got0) end)
      w1:on("finish", function() put(log, "w1", #got1) end)
      r:pipe(w0)
      finish()
      assert.are.same({ "w0", split, "w1", 10 - split }, log)
    end)
  end

  it("both destinations get the same data", function()
    local log = {}
    local r = TestReader.new(nil, 5)
    r:pipe((collector(log, "a")))
    r:pipe((collector(log, "b")))
    finish()
    assert.are.same({ "a:finish", 10, X5x10, "b:finish", 10, X5x10 }, log)
  end)

  it("unpipe() of every destination, then pipe() to a new one", function()
    local log = {}
    local r = TestReader.new(nil, 5)
    local writes = 3
    local got0, got1, got2 = {}, {}, {}
    local w1 = Writable.new({ write = function(_, c, _, cb) put(got1, c); cb() end })
    local w2 = Writable.new({ write = function(_, c, _, cb) put(got2, c); cb() end })
    local w0
    w0 = Writable.new({
      write = function(_, c, _, cb)
        put(got0, c)
        cb()
        writes = writes - 1
        if writes == 0 then
          r:unpipe()
          w0:finish()
          r:pipe(w1)
        end
      end,
    })
    w0:on("finish", function() put(log, "w0", #got0) end)
    w1:on("finish", function() put(log, "w1", #got1) end)
    w2:on("finish", function() put(log, "w2", #got2) end)
    r:pipe(w0)
    r:pipe(w2)
    finish()
    put(log, "w2 got", #got2)
    assert.are.same({ "w0", 3, "w1", 7, "w2 got", 3 }, log)
  end)

  it("back pressure is respected with two destinations", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() put(log, "_read") end })
    r:push({ "one" })
    r:push({ "two" })
    r:push({ "three" })
    r:push({ "four" })
    r:push(nil)
    local function mk(name, ms)
      local w = Writable.new({
        objectMode = true,
        highWaterMark = 1,
        write = function(_, c, _, cb)
          put(log, name .. ":" .. c[1])
          if c[1] == "four" then return cb() end
          setTimeout(cb, ms)
        end,
      })
      w:on("finish", function() put(log, name .. ":finish") end)
      return w
    end
    local w2, w3 = mk("w2", 10), mk("w3", 50)
    local w1
    w1 = Writable.new({
      objectMode = true,
      write = function(_, c)
        put(log, "w1:" .. c[1])
        w1:destroy()
        nextTick(function() r:pipe(w2); r:pipe(w3) end)
      end,
    })
    w1:on("close", function() put(log, "w1:close") end)
    r:pipe(w1)
    finish()
    assert.are.same({ "w1:one", "w1:close", "w2:two", "w3:two", "w2:three", "w3:three",
      "w2:four", "w3:four", "w2:finish", "w3:finish" }, log)
  end)

  it("read(0) of an ended stream returns nil and keeps the data", function()
    local log = {}
    local r = Readable.new({ read = function() put(log, "_read") end })
    r:push("foo")
    r:push(nil)
    put(log, s(r:read(0)))
    r:pipe((collector(log, "w")))
    finish()
    assert.are.same({ "null", "w:finish", 1, "foo" }, log)
  end)

  it("a synchronous _read that ends emits 'end' before a later tick", function()
    local log = {}
    local r
    r = Readable.new({ read = function() r:push(nil) end })
    r:once("end", function() put(log, "end") end)
    put(log, s(r:read()))
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same({ "null", "end", "tick" }, log)
  end)

  it("a 'readable' listener makes data flow", function()
    local log = {}
    local readCalled = 0
    local r
    r = Readable.new({
      highWaterMark = 5,
      read = function()
        readCalled = readCalled + 1
        if readCalled - 1 == 2 then r:push(nil) else r:push("asdf") end
      end,
    })
    r:on("readable", guard(function() put(log, "readable"); put(log, s(r:read())) end))
    r:on("end", function() put(log, "end", readCalled) end)
    finish()
    assert.are.same({ "readable", "asdfasdf", "readable", "null", "readable", "null", "end", 3 }, log)
  end)

  it("setEncoding/pause/resume are chainable", function()
    local r = Readable.new({ read = function() end })
    local r2 = r:setEncoding("utf8"):pause():resume():pause()
    assert.are.equal(r, r2)
    finish()
  end)

  it("readableEncoding and readableObjectMode", function()
    local r = Readable.new({ encoding = "utf8" })
    local o = Readable.new({ objectMode = true })
    local p = Readable.new()
    assert.are.same({ "utf8", false, true, false },
      { r.readableEncoding, r.readableObjectMode, o.readableObjectMode, p.readableObjectMode })
    assert.is_nil(p.readableEncoding)
    finish()
  end)
end)

describe("test-stream2-readable-empty-buffer-no-eof", function()
  it("push('') is not EOF: the stream waits for more", function()
    local log, results = {}, {}
    local buf = string.rep("x", 5)
    local reads = 5
    local r
    r = Readable.new({
      read = function()
        local n = reads
        reads = reads - 1
        if n == 5 then
          setImmediate(function() r:push(buf) end)
        elseif n == 4 then
          setImmediate(function() r:push("") end)
          setImmediate(function() r:read(0) end)
        elseif n == 3 then
          setImmediate(function() r:read(0) end)
          nextTick(function() r:push("") end)
        elseif n == 2 then
          setImmediate(function() r:read(0) end)
          r:push("")
        elseif n == 1 then
          r:push(buf)
        elseif n == 0 then
          r:push(nil)
        else
          put(log, "unreachable")
        end
      end,
    })
    local flow = guard(function()
      local c = r:read()
      while c ~= nil do put(results, c); c = r:read() end
    end)
    r:on("readable", flow)
    r:on("end", function() put(results, "EOF") end)
    flow()
    finish()
    assert.are.same({ "xxxxx", "xxxxx", "EOF" }, results)
    assert.are.same({}, log)
    assert.are.equal(-1, reads)
  end)

  it("base64: 1-byte pushes come out in whole quanta", function()
    local results = {}
    local reads = 5
    local r
    r = Readable.new({
      encoding = "base64",
      read = function()
        reads = reads - 1
        if reads + 1 == 0 then return r:push(nil) end
        return r:push("x")
      end,
    })
    local flow = guard(function()
      local c = r:read()
      while c ~= nil do put(results, c); c = r:read() end
    end)
    r:on("readable", flow)
    r:on("end", function() put(results, "EOF") end)
    flow()
    finish()
    assert.are.same({ "eHh4", "eHg=", "EOF" }, results)
  end)
end)

describe("test-stream2-readable-from-list", function()
  local function make(opts, ended)
    opts.read = function() end
    local r = Readable.new(opts)
    for _, c in ipairs({ "foog", "bark", "bazy", "kuel" }) do r:push(c) end
    if ended then r:push(nil) end
    return r
  end

  it("read(n) across byte chunks", function()
    local r = make({}, true)
    local got = { s(r:read(6)), s(r:read(2)), s(r:read(2)), s(r:read(100)), r.readableLength,
      s(r:read()) }
    assert.are.same({ "foogba", "rk", "ba", "zykuel", 0, "null" }, got)
    finish()
  end)

  it("read(n) over the buffered length waits unless ended", function()
    local r = make({}, false)
    local got = { s(r:read(6)), s(r:read(2)), s(r:read(2)), s(r:read(100)), r.readableLength,
      s(r:read()) }
    assert.are.same({ "foogba", "rk", "ba", "null", 6, "zykuel" }, got)
    finish()
  end)

  it("read(n) across string chunks", function()
    local r = make({ encoding = "utf8" }, true)
    local got = { s(r:read(6)), s(r:read(2)), s(r:read(2)), s(r:read(100)), r.readableLength }
    assert.are.same({ "foogba", "rk", "ba", "zykuel", 0 }, got)
    finish()
  end)
end)

describe("test-stream2-readable-legacy-drain", function()
  it("pipe() into a Writable that always asks to wait", function()
    local log = {}
    local N, reads, writes, buffered, maxBuffered = 256, 0, 0, 0, 0
    local r
    r = Readable.new({
      read = function()
        reads = reads + 1
        if reads == N then r:push(nil) else r:push("\0") end
      end,
    })
    r:on("end", function() put(log, "end") end)
    local w = Writable.new({
      highWaterMark = 1,
      write = function(_, c, _, cb)
        writes = writes + #c
        buffered = buffered + #c
        maxBuffered = math.max(maxBuffered, buffered)
        nextTick(function() buffered = 0; cb() end)
      end,
    })
    w:on("finish", function() put(log, "finish", writes) end)
    r:pipe(w)
    finish()
    assert.are.same({ "end", "finish", 255 }, log)
    assert.are.equal(1, maxBuffered)
  end)
end)

describe("test-stream2-readable-non-empty-end", function()
  it("'end' waits until the last byte is read", function()
    local log = {}
    local len, chunks = 0, {}
    for i = 1, 10 do
      chunks[i] = string.rep("\0", i)
      len = len + i
    end
    local n = 0
    local r
    r = Readable.new({
      read = function()
        n = n + 1
        local chunk = chunks[n]
        setTimeout(function() r:push(chunk) end, 1)
      end,
    })
    local thrower = function() put(log, "early end") end
    r:on("end", thrower)
    local bytesread = 0
    local function nxt()
      r:removeListener("end", thrower)
      r:on("end", function() put(log, "end") end)
      local x = r:read()
      put(log, "last:" .. tostring(x and #x))
      put(log, s(r:read()))
    end
    r:on("readable", guard(function()
      local b = len - bytesread - 1
      local res = r:read(b)
      if res then
        bytesread = bytesread + #res
        put(log, "got:" .. #res)
        setTimeout(nxt, 1)
      end
      r:read(0)
    end))
    r:read(0)
    finish()
    assert.are.same({ "got:54", "last:1", "null", "end" }, log)
  end)
end)

describe("test-stream2-objects", function()
  local function fromArray(list)
    local r = Readable.new({ objectMode = true, read = function() end })
    for _, c in ipairs(list) do r:push(c) end
    r:push(nil)
    return r
  end
  local function toArray(log)
    local list = {}
    local w = Writable.new({
      objectMode = true,
      write = function(_, c, _, cb) put(list, c); cb() end,
    })
    w:on("finish", function() put(log, "finish", list) end)
    return w
  end

  it("can read objects from a stream", function()
    local r = fromArray({ { one = "1" }, { two = "2" } })
    local got = { r:read(), r:read() }
    assert.are.same({ { one = "1" }, { two = "2" } }, got)
    assert.is_nil(r:read())
    finish()
  end)

  it("can pipe objects into a stream", function()
    local log = {}
    fromArray({ { one = "1" }, { two = "2" } }):pipe(toArray(log))
    finish()
    assert.are.same({ "finish", { { one = "1" }, { two = "2" } } }, log)
  end)

  it("read(n) reads one object whatever n is", function()
    local r = fromArray({ { one = "1" }, { two = "2" } })
    assert.are.same({ one = "1" }, r:read(2))
    finish()
  end)

  it("can read objects from a synchronous _read", function()
    local log = {}
    local list = { { one = "1" }, { two = "2" } }
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(table.remove(list, 1)) end })
    r:pipe(toArray(log))
    finish()
    assert.are.same({ "finish", { { one = "1" }, { two = "2" } } }, log)
  end)

  it("can read objects from an asynchronous _read", function()
    local log = {}
    local list = { { one = "1" }, { two = "2" } }
    local r
    r = Readable.new({
      objectMode = true,
      read = function()
        local item = table.remove(list, 1)
        nextTick(function() r:push(item) end)
      end,
    })
    r:pipe(toArray(log))
    finish()
    assert.are.same({ "finish", { { one = "1" }, { two = "2" } } }, log)
  end)

  it("can read strings as objects", function()
    local log = {}
    fromArray({ "one", "two", "three" }):pipe(toArray(log))
    finish()
    assert.are.same({ "finish", { "one", "two", "three" } }, log)
  end)

  it("read(0) of an object stream", function()
    local log = {}
    local r = fromArray({ "foobar" })
    put(log, s(r:read(0)))
    r:pipe(toArray(log))
    finish()
    assert.are.same({ "null", "finish", { "foobar" } }, log)
  end)

  it("falsey values are ordinary chunks", function()
    local log = {}
    fromArray({ false, 0, "" }):pipe(toArray(log))
    finish()
    assert.are.same({ "finish", { false, 0, "" } }, log)
  end)

  it("highWaterMark counts objects for _read", function()
    local calls = 0
    local r = Readable.new({ highWaterMark = 6, objectMode = true, read = function() calls = calls + 1 end })
    for _, c in ipairs({ "1", "2", "3", "4", "5", "6", "7", "8" }) do r:push(c) end
    local got = { r:read(), calls, r:read(), calls, r:read(), calls, r.readableLength }
    assert.are.same({ "1", 0, "2", 0, "3", 1, 5 }, got)
    finish()
  end)

  it("push() returns false at highWaterMark objects", function()
    local r = Readable.new({ highWaterMark = 6, objectMode = true, read = function() end })
    local got = {}
    for i = 0, 6 do put(got, r:push(i)) end
    put(got, r.readableLength)
    assert.are.same({ true, true, true, true, true, false, false, 7 }, got)
    finish()
  end)

  it("the default object highWaterMark is 16", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    local got = { r.readableHighWaterMark, r.readableObjectMode }
    for i = 0, 16 do put(got, r:push(i)) end
    local expected = { 16, true }
    for i = 0, 16 do put(expected, i < 15) end
    assert.are.same(expected, got)
    finish()
  end)
end)

describe("test-stream2-push", function()
  it("a socket-like source stops and restarts with push()'s return value", function()
    local log, written = {}, {}
    local reading = false
    local st = Readable.new({
      highWaterMark = 16,
      encoding = "utf8",
      read = function() put(log, "_read"); reading = true end,
    })
    local writer
    local function readStop()
      reading = false
      nextTick(function()
        local r = st:read()
        if r ~= nil then writer:write(r) end
      end)
    end
    local function sourceData(chunk)
      if not st:push(chunk) then readStop() end
    end
    st:on("end", function() put(log, "end") end)
    writer = Writable.new({
      decodeStrings = false,
      write = function(_, c, e, cb) put(written, c .. ":" .. e); nextTick(cb) end,
    })
    writer:on("finish", function()
      put(log, "finish")
      for _, w in ipairs(written) do put(log, w) end
    end)
    reading = true
    local set = 0
    local data
    data = function()
      local states = {}
      for _ = 1, 4 do
        put(states, tostring(reading))
        sourceData("asdfg")
      end
      put(states, tostring(reading))
      put(log, table.concat(states, ","))
      set = set + 1
      if set - 1 < 5 then
        setTimeout(data, 10)
      else
        st:push(nil)
        put(log, "reading:" .. tostring(reading))
        writer:finish(st:read())
      end
    end
    data()
    finish()
    local expected = {}
    for i = 1, 6 do
      put(expected, "true,true,true,true,false")
      if i < 6 then put(expected, "_read") end
    end
    put(expected, "reading:false", "end", "finish")
    for _ = 1, 6 do put(expected, "asdfgasdfgasdfgasdfg:utf8") end
    assert.are.same(expected, log)
  end)
end)

describe("test-stream2-read-sync-stack", function()
  it("256k synchronous 1-byte pushes do not overflow the stack", function()
    local log = {}
    local N = 256 * 1024
    local reads, readables = 0, 0
    local r
    r = Readable.new({
      read = function()
        reads = reads + 1
        if reads - 1 == N then r:push(nil) else r:push("\0") end
      end,
    })
    r:on("readable", guard(function() readables = readables + 1; r:read(N * 2) end))
    r:on("end", function() put(log, "end", reads, r.readableLength) end)
    r:read(0)
    finish(20000)
    assert.are.same({ "end", N + 1, 0 }, log)
    assert.are.equal(3, readables)
  end)
end)

describe("test-stream-push-order", function()
  it("chunks pushed in pairs by a synchronous _read stay in order", function()
    local log = {}
    local list = { "1", "2", "3", "4", "5", "6" }
    local st
    st = Readable.new({
      highWaterMark = 20,
      encoding = "ascii",
      read = function()
        local one = table.remove(list, 1)
        if not one then
          st:push(nil)
        else
          local two = table.remove(list, 1)
          st:push(one)
          st:push(two)
        end
      end,
    })
    st:read(0)
    setImmediate(function()
      put(log, st.readableLength)
      local c = st:read(1)
      while c ~= nil do put(log, c); c = st:read(1) end
    end)
    finish()
    assert.are.same({ 6, "1", "2", "3", "4", "5", "6" }, log)
  end)
end)

describe("test-stream-push-strings", function()
  it("pushes from a tick, synchronously and from a timer", function()
    local log, results = {}, {}
    local MyStream = Readable:extend()
    function MyStream:initialize() self.chunks = 3 end
    function MyStream:_read()
      local n = self.chunks
      self.chunks = n - 1
      if n == 0 then
        return self:push(nil)
      elseif n == 1 then
        return setTimeout(function() self:push("last chunk") end, 100)
      elseif n == 2 then
        return self:push("second to last chunk")
      elseif n == 3 then
        return nextTick(function() self:push("first chunk") end)
      end
    end
    local ms = MyStream.new()
    ms:on("readable", guard(function()
      local c = ms:read()
      while c ~= nil do put(results, c); c = ms:read() end
    end))
    ms:on("end", function() put(log, "end", ms.chunks) end)
    finish()
    assert.are.same({ "end", -1 }, log)
    assert.are.same({ "first chunksecond to last chunk", "last chunk" }, results)
  end)
end)

describe("test-stream-unshift-empty-chunk", function()
  it("unshift('') does not stop the reading", function()
    local n, seen = 10, {}
    local chunk = string.rep("x", 10)
    local r
    r = Readable.new({
      read = function()
        setTimeout(function()
          n = n - 1
          if n == 0 then r:push(nil) else r:push(chunk) end
        end, 1)
      end,
    })
    local readAll = false
    r:on("readable", guard(function()
      local c = r:read()
      while c ~= nil do
        put(seen, c)
        r:unshift(string.rep("y", readAll and 0 or 5))
        readAll = not readAll
        c = r:read()
      end
    end))
    local ended = false
    r:on("end", function() ended = true end)
    finish()
    local expected = {}
    for _ = 1, 9 do put(expected, "xxxxxxxxxx", "yyyyy") end
    assert.are.same(expected, seen)
    assert.is_true(ended)
  end)
end)

describe("test-stream-unshift-read-race", function()
  it("unshift() while reading and push() after EOF", function()
    local log, written = {}, {}
    local hwm = 10
    local r
    local chunks = 10
    local pattern = {}
    for i = 0, chunks * hwm + math.ceil(hwm / 2) - 1 do
      local k = i % 4 + 1
      pattern[#pattern + 1] = ("asdf"):sub(k, k)
    end
    local data = table.concat(pattern)
    local pos, pushedNull = 0, false
    local w = Writable.new({ write = function(_, c, _, cb) put(written, c); cb() end })
    local function pushError()
      r:unshift("U")
      w:finish()
      put(log, "push-after-eof", r:push("P"))
    end
    r = Readable.new({
      highWaterMark = hwm,
      read = function(_, n)
        if pushedNull then put(log, "_read after null") end
        local c
        if pos < #data then c = data:sub(pos + 1, pos + n) end
        pushedNull = c == nil
        local fast = chunks % 3 == 0
        local function go()
          pos = pos + n
          r:push(c)
          if c == nil then pushError() end
        end
        if fast then go() else setTimeout(go, 1) end
      end,
    })
    r:on("end", function() put(log, "end") end)
    r:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
    r:on("close", function() put(log, "close") end)
    r:on("readable", guard(function()
      local chunk = r:read(10)
      while chunk ~= nil do
        w:write(chunk)
        if #chunk > 4 then r:unshift("1234") end
        chunk = r:read(10)
      end
    end))
    w:on("finish", function()
      put(log, "finish", #written)
      for _, x in ipairs(written) do put(log, x) end
    end)
    finish()
    assert.are.same({ "push-after-eof", false, "finish", 18, "asdfasdfas", "1234dfasdf",
      "1234asdfas", "1234dfasdf", "1234asdfas", "1234dfasdf", "1234asdfas", "1234dfasdf",
      "1234asdfas", "1234dfasdf", "1234asdfas", "1234dfasdf", "1234asdfas", "1234dfasdf",
      "1234asdfas", "1234dfasdf", "1234asdfa", "1234", "error:ERR_STREAM_PUSH_AFTER_EOF",
      "close" }, log)
  end)
end)

describe("test-stream-objectmode-undefined", function()
  it("push(false) in object mode is a chunk", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(false); r:push(nil) end })
    r:on("data", function(c) put(log, "data", c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "data", false, "end" }, log)
  end)

  it("push(nil) in object mode ends the stream (Node's undefined chunk has no Lua twin)", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(nil) end })
    r:on("data", function(c) put(log, "data", c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "end" }, log)
  end)

  it("0 and '' in object mode are chunks", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(0); r:push(""); r:push(nil) end })
    r:on("data", function(c) put(log, c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ 0, "", "end" }, log)
  end)
end)

describe("test-stream3-pause-then-read", function()
  it("read(n), 'data', pipe/unpipe, read(n), pause/resume, pipe: nothing lost", function()
    local log = {}
    local totalChunks, chunkSize = 100, 99
    local expectTotalData = totalChunks * chunkSize
    local expectEndingData = expectTotalData
    local chunks, totalPushed = totalChunks, 0
    local r
    local function push()
      local chunk
      if chunks > 0 then chunk = string.rep("x", chunkSize) end
      chunks = chunks - 1
      if chunk then totalPushed = totalPushed + #chunk end
      r:push(chunk)
    end
    r = Readable.new({
      highWaterMark = 1000,
      read = function()
        if chunks % 2 == 0 then
          setImmediate(push)
        elseif chunks % 3 == 0 then
          nextTick(push)
        else
          push()
        end
      end,
    })
    local function readn(n, after)
      expectEndingData = expectEndingData - n
      local read
      read = guard(function()
        local c = r:read(n)
        if not c then
          r:once("readable", read)
        else
          put(log, "read:" .. #c .. ":" .. tostring(r.readableFlowing))
          after()
        end
      end)
      read()
    end
    local function pipeRest()
      local written = 0
      local w = Writable.new({ write = function(_, c, _, cb) written = written + #c; cb() end })
      w:on("finish", function()
        put(log, "rest:" .. written, expectEndingData, totalPushed, expectTotalData)
      end)
      r:pipe(w)
    end
    local function resumePause()
      for _ = 1, 5 do r:resume(); r:pause() end
      setImmediate(pipeRest)
    end
    local function read1234() readn(1234, resumePause) end
    local function pipeLittle()
      expectEndingData = expectEndingData - 200
      local written = 0
      local w
      w = Writable.new({
        write = function(_, c, _, cb)
          written = written + #c
          if written >= 200 then
            r:unpipe(w)
            w:finish()
            cb()
            if written > 200 then
              local diff = written - 200
              written = written - diff
              r:unshift(c:sub(#c - diff + 1))
              put(log, "unshift:" .. diff)
            end
          else
            setImmediate(cb)
          end
        end,
      })
      w:on("finish", function() put(log, "little:" .. written); setImmediate(read1234) end)
      r:pipe(w)
    end
    local function onData()
      expectEndingData = expectEndingData - 100
      local seen = 0
      local od
      od = guard(function(c)
        seen = seen + #c
        if seen >= 100 then
          r:removeListener("data", od)
          r:pause()
          if seen > 100 then
            local diff = seen - 100
            r:unshift(c:sub(#c - diff + 1))
            put(log, "unshift:" .. diff)
          end
          setImmediate(pipeLittle)
        end
      end)
      r:on("data", od)
    end
    readn(100, onData)
    finish()
    assert.are.same({ "read:100:false", "unshift:97", "unshift:95", "unshift:99", "unshift:99",
      "unshift:99", "little:200", "read:1234:false", "rest:8266", 8266, 9900, 9900 }, log)
  end)
end)
