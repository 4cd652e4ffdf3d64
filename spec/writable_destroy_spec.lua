-- Writable destruction, translated from Node 20's own tests
-- (test/parallel/test-stream-writable-destroy.js, test-stream-write-destroy.js,
-- test-stream-writable-finish-destroyed.js, test-stream-writable-final-destroy.js,
-- test-stream-destroy-event-order.js, test-stream-construct.js). Each describe is
-- named after the Node test file it translates. Every expected sequence below is
-- what node v20 printed for a JS twin of the spec (the twins live outside the
-- repository). Listeners only record; the assertions run once the loop is idle.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

-- Runs the loop until it ends by itself, then checks that nothing is left open.
local settle = helper.settle
-- setImmediate runs after the ticks queued before it (from a tick, guarded).
local nextTick, setImmediate = helper.nextTick, helper.setImmediate
local put, on = helper.put, helper.on
-- How the twins print an error: its code, else its message; "nil" for none.
local fmt = helper.errfmt
-- A user error value: passes through cstream unchanged.
local E = helper.E
local okWrite = helper.write_ok

describe("test-stream-writable-destroy", function()
  it("destroy() emits 'close', not 'finish'", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "finish", "close")
    w:destroy()
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "destroyed=true", "close" }, log)
  end)

  it("destroy(err) inside _write, then cb(): 'error', no 'finish'", function()
    local log = {}
    local w = Writable.new({
      write = function(self, chunk, enc, cb)
        put(log, "write")
        self:destroy(E("asd"))
        cb()
      end,
    })
    on(w, log, "error", "finish", "close")
    w:finish("asd")
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "write", "destroyed=true", "error:asd", "close" }, log)
  end)

  it("destroy(err) emits that error, then 'close'", function()
    local log, seen = {}, nil
    local expected = E("kaboom")
    local w = Writable.new({ write = okWrite })
    on(w, log, "finish", "close", "error")
    w:on("error", function(err) seen = err end)
    w:destroy(expected)
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "destroyed=true", "error:kaboom", "close" }, log)
    assert.are.equal(expected, seen)
  end)

  it("_destroy assigned on the instance receives the error and passes it on", function()
    local log, seen, given = {}, nil, nil
    local expected = E("kaboom")
    local w = Writable.new({ write = okWrite })
    w._destroy = function(self, err, cb)
      given = err
      put(log, "_destroy:" .. fmt(err))
      cb(err)
    end
    on(w, log, "finish", "close", "error")
    w:on("error", function(err) seen = err end)
    w:destroy(expected)
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "_destroy:kaboom", "destroyed=true", "error:kaboom", "close" }, log)
    assert.are.equal(expected, given)
    assert.are.equal(expected, seen)
  end)

  it("a destroy option that calls cb() swallows the error", function()
    local log = {}
    local w = Writable.new({
      write = okWrite,
      destroy = function(self, err, cb)
        put(log, "_destroy:" .. fmt(err))
        cb()
      end,
    })
    on(w, log, "finish", "close", "error")
    w:destroy(E("kaboom"))
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "_destroy:kaboom", "destroyed=true", "close" }, log)
  end)

  it("destroy() calls _destroy with a nil error", function()
    local log, calls = {}, 0
    local w = Writable.new({ write = okWrite })
    w._destroy = function(self, err, cb)
      calls = calls + 1
      put(log, "_destroy:" .. fmt(err))
      cb()
    end
    on(w, log, "close")
    w:destroy()
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "close" }, log)
    assert.are.equal(1, calls)
  end)

  it("finish() inside a deferred _destroy emits no 'finish'", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    w._destroy = function(self, err, cb)
      put(log, "_destroy:" .. fmt(err))
      nextTick(function()
        self:finish()
        cb()
      end)
    end
    local fail = function() put(log, "finish-removed") end
    w:on("finish", fail)
    on(w, log, "close")
    w:destroy()
    w:removeListener("finish", fail)
    on(w, log, "finish", "error")
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "close" }, log)
  end)

  it("_destroy may turn destroy() into an error", function()
    local log, seen = {}, nil
    local expected = E("kaboom")
    local w = Writable.new({ write = okWrite })
    w._destroy = function(self, err, cb)
      put(log, "_destroy:" .. fmt(err))
      cb(expected)
    end
    on(w, log, "close", "finish", "error")
    w:on("error", function(err) seen = err end)
    w:destroy()
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "error:kaboom", "close" }, log)
    assert.are.equal(expected, seen)
  end)

  it("destroying twice with errors emits only the first", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "close", "error")
    w:destroy(E("kaboom 1"))
    w:destroy(E("kaboom 2"))
    put(log, "destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "destroyed=true", "error:kaboom 1", "close" }, log)
  end)

  it("destroy(err) again before the _destroy callback keeps _destroy's error", function()
    local log = {}
    local w = Writable.new({
      destroy = function(self, err, cb)
        put(log, "_destroy:" .. fmt(err))
        nextTick(cb, E("kaboom 1"))
      end,
      write = okWrite,
    })
    on(w, log, "close", "error")
    w:destroy()
    put(log, "destroyed=" .. tostring(w.destroyed))
    w:destroy(E("kaboom 2"))
    settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "error:kaboom 1", "close" }, log)
  end)

  it("destroyed is false while a subclass initializes", function()
    local log = {}
    local My = Writable:extend()
    function My:initialize()
      put(log, "destroyed=" .. tostring(self.destroyed))
    end
    local w = My.new()
    settle()
    assert.are.same({ "destroyed=false" }, log)
    assert.is_true(My:isInstance(w))
  end)

  it("destroy(err, cb) on a destroyed stream calls cb and returns the stream", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "close", "error")
    w:destroy()
    local r = w:destroy(E("kaboom"), function(err) put(log, "cb:" .. fmt(err)) end)
    put(log, "returns-self=" .. tostring(r == w))
    settle()
    assert.are.same({ "cb:nil", "returns-self=true", "close" }, log)
  end)

  it("write() after destroy() calls back ERR_STREAM_DESTROYED, emits no 'error'", function()
    local log = {}
    local w = Writable.new()
    w:destroy()
    on(w, log, "error", "close")
    local r = w:write("asd", function(err) put(log, "cb:" .. fmt(err)) end)
    put(log, "ret=" .. tostring(r))
    settle()
    assert.are.same({ "ret=false", "close", "cb:ERR_STREAM_DESTROYED" }, log)
  end)

  it("corked writes and writes after destroy() fail with ERR_STREAM_DESTROYED", function()
    local log = {}
    local w = Writable.new({
      write = function(self, chunk, enc, cb)
        put(log, "write:" .. chunk)
        cb()
      end,
    })
    on(w, log, "error", "close")
    w:cork()
    w:write("asd", function(err) put(log, "cb1:" .. fmt(err)) end)
    w:uncork()
    w:cork()
    w:write("asd", function(err) put(log, "cb2:" .. fmt(err)) end)
    w:destroy()
    w:write("asd", function(err) put(log, "cb3:" .. fmt(err)) end)
    w:uncork()
    put(log, "sync-end")
    settle()
    assert.are.same({ "write:asd", "sync-end", "cb1:nil", "cb2:ERR_STREAM_DESTROYED",
                      "close", "cb3:ERR_STREAM_DESTROYED" }, log)
  end)

  it("finish(cb) after error and destroy calls back later with ERR_STREAM_DESTROYED", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(E("asd")) end })
    w:on("error", function(err)
      put(log, "error:" .. fmt(err))
      w:destroy()
      w:finish(function(e) put(log, "endcb:" .. fmt(e)) end)
      put(log, "after-end")
    end)
    on(w, log, "close")
    w:write("asd")
    settle()
    assert.are.same({ "error:asd", "after-end", "close", "endcb:ERR_STREAM_DESTROYED" }, log)
  end)

  it("finish(cb) after 'finish' and destroy calls back ERR_STREAM_ALREADY_FINISHED", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    w:on("finish", function()
      put(log, "finish")
      w:destroy()
      w:finish(function(e) put(log, "endcb:" .. fmt(e)) end)
      put(log, "after-end")
    end)
    on(w, log, "close")
    w:finish()
    settle()
    assert.are.same({ "finish", "after-end", "close", "endcb:ERR_STREAM_ALREADY_FINISHED" }, log)
  end)

  it("finish(chunk, cb) then destroy(err): the callback gets err", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) nextTick(cb) end })
    w:once("error", function(err) put(log, "error:" .. fmt(err)) end)
    on(w, log, "close")
    w:finish("asd", function(e) put(log, "endcb:" .. fmt(e)) end)
    w:destroy(E("asd"))
    settle()
    assert.are.same({ "endcb:asd", "error:asd", "close" }, log)
  end)

  it("buffered write callbacks get the error (autoDestroy = false)", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write")
        nextTick(cb, E("asd"))
      end,
      autoDestroy = false,
    })
    w:cork()
    w:write("asd", function(err) put(log, "cb1:" .. fmt(err)) end)
    w:write("asd", function(err) put(log, "cb2:" .. fmt(err)) end)
    on(w, log, "error", "close")
    w:uncork()
    nextTick(function() put(log, "destroyed=" .. tostring(w.destroyed)) end)
    settle()
    assert.are.same({ "write", "cb1:asd", "cb2:asd", "error:asd", "destroyed=false" }, log)
  end)

  it("keeps callback order when destroyed with a write in flight", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write")
        setImmediate(cb)
      end,
    })
    w:write("asd", function(err) put(log, "cb1:" .. fmt(err)) end)
    w:write("asd", function(err) put(log, "cb2:" .. fmt(err)) end)
    on(w, log, "error", "close")
    w:destroy()
    settle()
    assert.are.same({ "write", "close", "cb1:nil", "cb2:ERR_STREAM_DESTROYED" }, log)
  end)

  it("destroyed, closed, errored and writable follow destroy(err)", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "error", "close")
    local function p()
      put(log, ("d=%s c=%s e=%s w=%s"):format(tostring(w.destroyed), tostring(w.closed),
        fmt(w.errored), tostring(w.writable)))
    end
    p()
    w:destroy(E("x"))
    p()
    w:on("close", p)
    settle()
    assert.are.same({ "d=false c=false e=nil w=true", "d=true c=true e=x w=false",
                      "error:x", "close", "d=true c=true e=x w=false" }, log)
  end)

  it("destroy() returns the stream and closes once", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "error", "close")
    put(log, "self=" .. tostring(w:destroy() == w))
    put(log, "self=" .. tostring(w:destroy() == w))
    settle()
    assert.are.same({ "self=true", "self=true", "close" }, log)
  end)

  it("destroy(err) after 'finish' (autoDestroy = false) still errors", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = okWrite })
    on(w, log, "finish", "error", "close")
    w:finish("x")
    w:on("finish", function() w:destroy(E("late")) end)
    settle()
    assert.are.same({ "finish", "error:late", "close" }, log)
  end)

  it("destroy(err) after 'close' emits nothing", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "error", "close")
    w:destroy()
    w:on("close", function()
      w:destroy(E("late"))
      put(log, "after")
    end)
    settle()
    assert.are.same({ "close", "after" }, log)
  end)

  it("a write still pending at destroy(err) completes when called back late", function()
    local log, pend = {}, nil
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        pend = cb
      end,
    })
    on(w, log, "error", "close")
    w:write("a", function(err) put(log, "cb1:" .. fmt(err)) end)
    w:write("b", function(err) put(log, "cb2:" .. fmt(err)) end)
    w:destroy(E("boom"))
    setImmediate(function()
      put(log, "late cb")
      pend()
    end)
    settle()
    assert.are.same({ "write:a", "error:boom", "close", "late cb", "cb1:nil", "cb2:boom" }, log)
  end)
end)

describe("test-stream-write-destroy", function()
  -- Interaction between destroy() and pending writes; highWaterMark 1 makes
  -- every write report backpressure so 'drain' is easy to observe.
  local expected = {
    ["pending=false end=false"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:ghi", "ret=false",
      "destroy", "destroyed", "cb:nil", "step2 remaining=0", "close" },
    ["pending=false end=true"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:ghi", "destroy",
      "destroyed", "cb:ERR_STREAM_DESTROYED destroyed=true", "step2 remaining=0", "close" },
    ["pending=true end=false"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:def", "ret=false",
      "ret=false", "destroy", "destroyed", "cb:nil",
      "cb:ERR_STREAM_DESTROYED destroyed=true", "step2 remaining=0", "close" },
    ["pending=true end=true"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:def", "ret=false",
      "destroy", "destroyed", "cb:nil", "cb:ERR_STREAM_DESTROYED destroyed=true",
      "step2 remaining=0", "close" },
  }
  for _, withPending in ipairs({ false, true }) do
    for _, useEnd in ipairs({ false, true }) do
      local name = ("pending=%s end=%s"):format(tostring(withPending), tostring(useEnd))
      it(name, function()
        local log, cbs = {}, {}
        local w = Writable.new({
          write = function(self, data, enc, cb)
            put(log, "write:" .. data)
            cbs[#cbs + 1] = cb
          end,
          highWaterMark = 1,
        })
        on(w, log, "drain", "finish", "close")
        local function onWrite(err)
          put(log, "cb:" .. fmt(err) .. (err and (" destroyed=" .. tostring(w.destroyed)) or ""))
        end
        put(log, "ret=" .. tostring(w:write("abc", onWrite)))
        table.remove(cbs, 1)()
        put(log, "step1")
        if withPending then put(log, "ret=" .. tostring(w:write("def", onWrite))) end
        if useEnd then
          w:finish("ghi", onWrite)
        else
          put(log, "ret=" .. tostring(w:write("ghi", onWrite)))
        end
        put(log, "destroy")
        w:destroy()
        put(log, "destroyed")
        table.remove(cbs, 1)()
        put(log, "step2 remaining=" .. #cbs)
        settle()
        assert.are.same(expected[name], log)
      end)
    end
  end
end)

describe("test-stream-writable-finish-destroyed", function()
  it("finish(chunk) then destroy(): the write completing on 'close' emits no 'finish'", function()
    local log = {}
    local w
    w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write")
        w:on("close", function()
          put(log, "close->cb")
          cb()
        end)
      end,
    })
    w:finish("asd")
    w:destroy()
    on(w, log, "finish", "close", "error")
    settle()
    assert.are.same({ "write", "close->cb", "close" }, log)
  end)

  it("finish() from 'close' after the write completes emits no 'finish'", function()
    local log = {}
    local w
    w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write")
        w:on("close", function()
          put(log, "close->cb")
          cb()
          w:finish()
        end)
      end,
    })
    w:write("asd")
    w:destroy()
    on(w, log, "finish", "close", "error")
    settle()
    assert.are.same({ "write", "close->cb", "close" }, log)
  end)

  it("destroy() inside 'finish' still closes after the finish callback", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    w:on("finish", function()
      put(log, "finish")
      w:destroy()
    end)
    on(w, log, "prefinish", "close", "error")
    w:finish("asd", function(err) put(log, "endcb:" .. fmt(err)) end)
    settle()
    assert.are.same({ "prefinish", "endcb:nil", "finish", "close" }, log)
  end)
end)

describe("test-stream-writable-final-destroy", function()
  it("destroy() while _final is pending: no 'prefinish', no 'finish', 'close'", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb) cb(nil) end,
      final = function(self, cb)
        put(log, "final")
        nextTick(cb) -- Node's queueMicrotask
      end,
    })
    w:finish()
    w:destroy()
    on(w, log, "prefinish", "finish", "close", "error")
    settle()
    assert.are.same({ "final", "close" }, log)
  end)
end)

describe("test-stream-destroy-event-order (Writable)", function()
  it("destroy(err): 'error' before 'close', both after the call returns", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "close", "error")
    w:destroy(E("kaboom"))
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "error:kaboom", "close" }, log)
  end)

  it("an errored write: callback, then 'error', then 'close'", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(E("kaboom")) end })
    on(w, log, "close", "error", "finish")
    w:write("x", function(err) put(log, "cb:" .. fmt(err)) end)
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "cb:kaboom", "error:kaboom", "close" }, log)
  end)

  it("emitClose = false: 'error' only, closed still becomes true", function()
    local log = {}
    local w = Writable.new({ emitClose = false, write = okWrite })
    on(w, log, "close", "error")
    w:destroy(E("kaboom"))
    nextTick(function() put(log, "closed=" .. tostring(w.closed)) end)
    settle()
    assert.are.same({ "error:kaboom", "closed=true" }, log)
  end)

  it("autoDestroy = false: a write error does not destroy", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = function(self, c, e, cb) cb(E("kaboom")) end })
    on(w, log, "close", "error")
    w:write("x")
    setImmediate(function() put(log, "destroyed=" .. tostring(w.destroyed)) end)
    settle()
    assert.are.same({ "error:kaboom", "destroyed=false" }, log)
  end)

  it("autoDestroy: 'finish' is followed by 'close'", function()
    local log = {}
    local w = Writable.new({ write = okWrite })
    on(w, log, "prefinish", "finish", "close")
    w:finish("x")
    put(log, "destroyed=" .. tostring(w.destroyed))
    w:on("close", function() put(log, "destroyed=" .. tostring(w.destroyed)) end)
    settle()
    assert.are.same({ "prefinish", "destroyed=false", "finish", "close", "destroyed=true" }, log)
  end)

  it("autoDestroy = false: no 'close' after 'finish'", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = okWrite })
    on(w, log, "prefinish", "finish", "close")
    w:finish("x")
    setImmediate(function() put(log, "destroyed=" .. tostring(w.destroyed)) end)
    settle()
    assert.are.same({ "prefinish", "finish", "destroyed=false" }, log)
  end)
end)

describe("test-stream-construct (Writable)", function()
  it("calling the construct callback twice is ERR_MULTIPLE_CALLBACK", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        put(log, "construct")
        cb()
        cb()
      end,
    })
    on(w, log, "error", "close")
    settle()
    assert.are.same({ "construct", "error:ERR_MULTIPLE_CALLBACK", "close" }, log)
  end)

  it("a synchronous construct error destroys the stream", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        put(log, "construct")
        cb(E("test"))
      end,
    })
    on(w, log, "error", "close")
    settle()
    assert.are.same({ "construct", "error:test", "close" }, log)
  end)

  it("an asynchronous construct error destroys the stream", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        put(log, "construct")
        nextTick(cb, E("test"))
      end,
    })
    on(w, log, "error", "close")
    settle()
    assert.are.same({ "construct", "error:test", "close" }, log)
  end)

  -- testDestroy(): destroy while _construct is still pending waits for it.
  local function pending(log)
    return Writable.new({
      write = function() put(log, "WRITE!") end,
      final = function() put(log, "FINAL!") end,
      construct = function(self, cb)
        put(log, "construct")
        nextTick(function()
          put(log, "constructed")
          cb()
        end)
      end,
    })
  end

  it("destroy() during construct closes after construct", function()
    local log = {}
    local s = pending(log)
    on(s, log, "close", "error")
    s:destroy()
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "construct", "constructed", "close" }, log)
  end)

  it("destroy(nil, cb) during construct calls cb after construct", function()
    local log = {}
    local s = pending(log)
    on(s, log, "close", "error")
    s:destroy(nil, function(err) put(log, "cb:" .. fmt(err)) end)
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "construct", "constructed", "cb:nil", "close" }, log)
  end)

  it("destroy(err, cb) during construct: cb(err), 'error', 'close'", function()
    local log = {}
    local s = pending(log)
    on(s, log, "close", "error")
    s:destroy(E("kaboom"), function(err) put(log, "cb:" .. fmt(err)) end)
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "construct", "constructed", "cb:kaboom", "error:kaboom", "close" }, log)
  end)

  it("destroy(err) during construct: 'error' then 'close' after construct", function()
    local log = {}
    local s = pending(log)
    on(s, log, "error", "close")
    s:destroy(E("kaboom"))
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "construct", "constructed", "error:kaboom", "close" }, log)
  end)

  it("finish(data) waits for construct, then _write, _final, 'finish', 'close'", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        put(log, "construct")
        nextTick(function()
          put(log, "constructed")
          cb()
        end)
      end,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        nextTick(cb)
      end,
      final = function(self, cb)
        put(log, "final")
        nextTick(cb)
      end,
    })
    on(w, log, "prefinish", "finish", "close")
    w:finish("data")
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "construct", "constructed", "write:data", "final",
                      "prefinish", "finish", "close" }, log)
  end)

  it("finish() waits for construct, then _final without _write", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        put(log, "construct")
        nextTick(function()
          put(log, "constructed")
          cb()
        end)
      end,
      write = function() put(log, "WRITE!") end,
      final = function(self, cb)
        put(log, "final")
        nextTick(cb)
      end,
    })
    on(w, log, "prefinish", "finish", "close")
    w:finish()
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "construct", "constructed", "final", "prefinish", "finish", "close" }, log)
  end)

  it("writes before construct completes are buffered, then written in order", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        put(log, "construct")
        setImmediate(function()
          put(log, "constructed")
          cb()
        end)
      end,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    on(w, log, "finish", "close")
    put(log, "ret=" .. tostring(w:write("a", function() put(log, "cb:a") end)))
    put(log, "len=" .. w.writableLength)
    w:write("b", function() put(log, "cb:b") end)
    w:finish()
    put(log, "sync")
    settle()
    assert.are.same({ "ret=true", "len=1", "sync", "construct", "constructed", "write:a",
                      "write:b", "cb:a", "cb:b", "finish", "close" }, log)
  end)

  it("construct runs on the next tick even when it calls back at once", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        put(log, "construct")
        cb()
      end,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    on(w, log, "finish", "close")
    w:write("a")
    put(log, "sync")
    w:finish()
    settle()
    assert.are.same({ "sync", "construct", "write:a", "finish", "close" }, log)
  end)

  it("a construct option is called with the stream as self", function()
    local got
    local w
    w = Writable.new({ construct = function(self, cb) got = self; cb() end, write = okWrite })
    settle()
    assert.are.equal(w, got)
  end)
end)

-- API.md §3: a Lua error raised inside an implementation function destroys the
-- stream with that error. The JS twins call destroy(err) at the point of the raise
-- (Node itself catches throws in _final, _construct and _destroy the same way).
describe("Lua errors inside implementation functions", function()
  it("raised in _write: 'error' with the raised value, then 'close'; no callback", function()
    local log, seen = {}, nil
    local boom = E("boom")
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write")
        error(boom)
      end,
    })
    on(w, log, "error", "close", "finish")
    w:on("error", function(err) seen = err end)
    w:write("x", function(err) put(log, "cb:" .. fmt(err)) end)
    put(log, "sync destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "write", "sync destroyed=true", "error:boom", "close" }, log)
    assert.are.equal(boom, seen)
    assert.are.equal(boom, w.errored)
  end)

  it("a string raised in _write reaches 'error' with its text", function()
    local log, seen = {}, nil
    local w = Writable.new({ write = function() error("fhqwhgads") end })
    w:on("error", function(err) seen = err end)
    on(w, log, "close")
    w:write("x")
    settle()
    assert.are.same({ "close" }, log)
    assert.is_truthy(tostring(seen):find("fhqwhgads", 1, true))
  end)

  it("raised in _write during finish(chunk, cb): the callback gets ERR_STREAM_DESTROYED", function()
    local log = {}
    local w = Writable.new({
      write = function()
        put(log, "write")
        error(E("boom"))
      end,
    })
    on(w, log, "error", "close", "finish")
    w:finish("x", function(err) put(log, "endcb:" .. fmt(err)) end)
    put(log, "sync destroyed=" .. tostring(w.destroyed))
    settle()
    assert.are.same({ "write", "sync destroyed=true", "error:boom", "close",
                      "endcb:ERR_STREAM_DESTROYED" }, log)
  end)

  it("raised in _write with a write buffered behind it", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        if c == "a" then error(E("boom")) end
        cb()
      end,
    })
    on(w, log, "error", "close", "finish")
    w:write("a", function(err) put(log, "cb1:" .. fmt(err)) end)
    w:write("b", function(err) put(log, "cb2:" .. fmt(err)) end)
    put(log, "sync")
    settle()
    assert.are.same({ "write:a", "sync", "error:boom", "close", "cb2:ERR_STREAM_DESTROYED" }, log)
  end)

  it("raised in _writev", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        put(log, "writev:" .. #chunks)
        error(E("boom"))
      end,
      write = okWrite,
    })
    on(w, log, "error", "close", "finish")
    w:cork()
    w:write("a", function(err) put(log, "cb1:" .. fmt(err)) end)
    w:write("b", function(err) put(log, "cb2:" .. fmt(err)) end)
    w:uncork()
    put(log, "sync")
    settle()
    assert.are.same({ "writev:2", "sync", "error:boom", "close" }, log)
  end)

  it("raised in _construct: buffered write fails, then 'error', 'close'", function()
    local log = {}
    local w = Writable.new({
      construct = function()
        put(log, "construct")
        error(E("boom"))
      end,
      write = okWrite,
    })
    on(w, log, "error", "close", "finish")
    w:write("x", function(err) put(log, "cb:" .. fmt(err)) end)
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "construct", "cb:boom", "error:boom", "close" }, log)
  end)

  it("raised in _destroy: destroy() does not raise; 'error', then 'close'", function()
    local log = {}
    local w = Writable.new({
      destroy = function()
        put(log, "_destroy")
        error(E("boom"))
      end,
      write = okWrite,
    })
    on(w, log, "error", "close")
    local ok, err = pcall(w.destroy, w)
    if not ok then put(log, "threw:" .. fmt(err)) end
    settle()
    assert.are.same({ "_destroy", "error:boom", "close" }, log)
  end)
end)
