-- test-stream-writable-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-destroy", function()
  it("destroy() emits 'close', not 'finish'", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "finish", "close")
    w:destroy()
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "destroyed=true", "close" }, log)
  end)

  it("destroy(err) inside _write, then cb(): 'error', no 'finish'", function()
    local log = {}
    local w = Writable.new({
      write = function(self, chunk, enc, cb)
        helper.put(log, "write")
        self:destroy(helper.E("asd"))
        cb()
      end,
    })
    helper.on(w, log, "error", "finish", "close")
    w:finish("asd")
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "write", "destroyed=true", "error:asd", "close" }, log)
  end)

  it("destroy(err) emits that error, then 'close'", function()
    local log, seen = {}, nil
    local expected = helper.E("kaboom")
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "finish", "close", "error")
    w:on("error", function(err) seen = err end)
    w:destroy(expected)
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "destroyed=true", "error:kaboom", "close" }, log)
    assert.are.equal(expected, seen)
  end)

  it("_destroy assigned on the instance receives the error and passes it on", function()
    local log, seen, given = {}, nil, nil
    local expected = helper.E("kaboom")
    local w = Writable.new({ write = helper.write_ok })
    w._destroy = function(self, err, cb)
      given = err
      helper.put(log, "_destroy:" .. helper.errtext(err))
      cb(err)
    end
    helper.on(w, log, "finish", "close", "error")
    w:on("error", function(err) seen = err end)
    w:destroy(expected)
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "_destroy:kaboom", "destroyed=true", "error:kaboom", "close" }, log)
    assert.are.equal(expected, given)
    assert.are.equal(expected, seen)
  end)

  it("a destroy option that calls cb() swallows the error", function()
    local log = {}
    local w = Writable.new({
      write = helper.write_ok,
      destroy = function(self, err, cb)
        helper.put(log, "_destroy:" .. helper.errtext(err))
        cb()
      end,
    })
    helper.on(w, log, "finish", "close", "error")
    w:destroy(helper.E("kaboom"))
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "_destroy:kaboom", "destroyed=true", "close" }, log)
  end)

  it("destroy() calls _destroy with a nil error", function()
    local log, calls = {}, 0
    local w = Writable.new({ write = helper.write_ok })
    w._destroy = function(self, err, cb)
      calls = calls + 1
      helper.put(log, "_destroy:" .. helper.errtext(err))
      cb()
    end
    helper.on(w, log, "close")
    w:destroy()
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "close" }, log)
    assert.are.equal(1, calls)
  end)

  it("finish() inside a deferred _destroy emits no 'finish'", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w._destroy = function(self, err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err))
      helper.nextTick(function()
        self:finish()
        cb()
      end)
    end
    local fail = function() helper.put(log, "finish-removed") end
    w:on("finish", fail)
    helper.on(w, log, "close")
    w:destroy()
    w:removeListener("finish", fail)
    helper.on(w, log, "finish", "error")
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "close" }, log)
  end)

  it("_destroy may turn destroy() into an error", function()
    local log, seen = {}, nil
    local expected = helper.E("kaboom")
    local w = Writable.new({ write = helper.write_ok })
    w._destroy = function(self, err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err))
      cb(expected)
    end
    helper.on(w, log, "close", "finish", "error")
    w:on("error", function(err) seen = err end)
    w:destroy()
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "error:kaboom", "close" }, log)
    assert.are.equal(expected, seen)
  end)

  it("destroying twice with errors emits only the first", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy(helper.E("kaboom 1"))
    w:destroy(helper.E("kaboom 2"))
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "destroyed=true", "error:kaboom 1", "close" }, log)
  end)

  it("destroy(err) again before the _destroy callback keeps _destroy's error", function()
    local log = {}
    local w = Writable.new({
      destroy = function(self, err, cb)
        helper.put(log, "_destroy:" .. helper.errtext(err))
        helper.nextTick(cb, helper.E("kaboom 1"))
      end,
      write = helper.write_ok,
    })
    helper.on(w, log, "close", "error")
    w:destroy()
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    w:destroy(helper.E("kaboom 2"))
    helper.settle()
    assert.are.same({ "_destroy:nil", "destroyed=true", "error:kaboom 1", "close" }, log)
  end)

  it("destroyed is false while a subclass initializes", function()
    local log = {}
    local My = Writable:extend()
    function My:initialize()
      helper.put(log, "destroyed=" .. tostring(self.destroyed))
    end
    local w = My.new()
    helper.settle()
    assert.are.same({ "destroyed=false" }, log)
    assert.is_true(My:isInstance(w))
  end)

  it("destroy(err, cb) on a destroyed stream calls cb and returns the stream", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy()
    local r = w:destroy(helper.E("kaboom"), function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "returns-self=" .. tostring(r == w))
    helper.settle()
    assert.are.same({ "cb:nil", "returns-self=true", "close" }, log)
  end)

  it("write() after destroy() calls back ERR_STREAM_DESTROYED, emits no 'error'", function()
    local log = {}
    local w = Writable.new()
    w:destroy()
    helper.on(w, log, "error", "close")
    local r = w:write("asd", function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "ret=" .. tostring(r))
    helper.settle()
    assert.are.same({ "ret=false", "close", "cb:ERR_STREAM_DESTROYED" }, log)
  end)

  it("corked writes and writes after destroy() fail with ERR_STREAM_DESTROYED", function()
    local log = {}
    local w = Writable.new({
      write = function(self, chunk, enc, cb)
        helper.put(log, "write:" .. chunk)
        cb()
      end,
    })
    helper.on(w, log, "error", "close")
    w:cork()
    w:write("asd", function(err) helper.put(log, "cb1:" .. helper.errtext(err)) end)
    w:uncork()
    w:cork()
    w:write("asd", function(err) helper.put(log, "cb2:" .. helper.errtext(err)) end)
    w:destroy()
    w:write("asd", function(err) helper.put(log, "cb3:" .. helper.errtext(err)) end)
    w:uncork()
    helper.put(log, "sync-end")
    helper.settle()
    assert.are.same({ "write:asd", "sync-end", "cb1:nil", "cb2:ERR_STREAM_DESTROYED",
                      "close", "cb3:ERR_STREAM_DESTROYED" }, log)
  end)

  it("finish(cb) after error and destroy calls back later with ERR_STREAM_DESTROYED", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(helper.E("asd")) end })
    w:on("error", function(err)
      helper.put(log, "error:" .. helper.errtext(err))
      w:destroy()
      w:finish(function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
      helper.put(log, "after-end")
    end)
    helper.on(w, log, "close")
    w:write("asd")
    helper.settle()
    assert.are.same({ "error:asd", "after-end", "close", "endcb:ERR_STREAM_DESTROYED" }, log)
  end)

  it("finish(cb) after 'finish' and destroy calls back ERR_STREAM_ALREADY_FINISHED", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w:on("finish", function()
      helper.put(log, "finish")
      w:destroy()
      w:finish(function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
      helper.put(log, "after-end")
    end)
    helper.on(w, log, "close")
    w:finish()
    helper.settle()
    assert.are.same({ "finish", "after-end", "close", "endcb:ERR_STREAM_ALREADY_FINISHED" }, log)
  end)

  it("finish(chunk, cb) then destroy(err): the callback gets err", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) helper.nextTick(cb) end })
    w:once("error", function(err) helper.put(log, "error:" .. helper.errtext(err)) end)
    helper.on(w, log, "close")
    w:finish("asd", function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    w:destroy(helper.E("asd"))
    helper.settle()
    assert.are.same({ "endcb:asd", "error:asd", "close" }, log)
  end)

  it("buffered write callbacks get the error (autoDestroy = false)", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write")
        helper.nextTick(cb, helper.E("asd"))
      end,
      autoDestroy = false,
    })
    w:cork()
    w:write("asd", function(err) helper.put(log, "cb1:" .. helper.errtext(err)) end)
    w:write("asd", function(err) helper.put(log, "cb2:" .. helper.errtext(err)) end)
    helper.on(w, log, "error", "close")
    w:uncork()
    helper.nextTick(function() helper.put(log, "destroyed=" .. tostring(w.destroyed)) end)
    helper.settle()
    assert.are.same({ "write", "cb1:asd", "cb2:asd", "error:asd", "destroyed=false" }, log)
  end)

  it("keeps callback order when destroyed with a write in flight", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write")
        helper.setImmediate(cb)
      end,
    })
    w:write("asd", function(err) helper.put(log, "cb1:" .. helper.errtext(err)) end)
    w:write("asd", function(err) helper.put(log, "cb2:" .. helper.errtext(err)) end)
    helper.on(w, log, "error", "close")
    w:destroy()
    helper.settle()
    assert.are.same({ "write", "close", "cb1:nil", "cb2:ERR_STREAM_DESTROYED" }, log)
  end)

  it("destroyed, closed, errored and writable follow destroy(err)", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "error", "close")
    local function p()
      helper.put(log, ("d=%s c=%s e=%s w=%s"):format(tostring(w.destroyed), tostring(w.closed),
        helper.errtext(w.errored), tostring(w.writable)))
    end
    p()
    w:destroy(helper.E("x"))
    p()
    w:on("close", p)
    helper.settle()
    assert.are.same({ "d=false c=false e=nil w=true", "d=true c=true e=x w=false",
                      "error:x", "close", "d=true c=true e=x w=false" }, log)
  end)

  it("destroy() returns the stream and closes once", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "error", "close")
    helper.put(log, "self=" .. tostring(w:destroy() == w))
    helper.put(log, "self=" .. tostring(w:destroy() == w))
    helper.settle()
    assert.are.same({ "self=true", "self=true", "close" }, log)
  end)

  it("destroy(err) after 'finish' (autoDestroy = false) still errors", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = helper.write_ok })
    helper.on(w, log, "finish", "error", "close")
    w:finish("x")
    w:on("finish", function() w:destroy(helper.E("late")) end)
    helper.settle()
    assert.are.same({ "finish", "error:late", "close" }, log)
  end)

  it("destroy(err) after 'close' emits nothing", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "error", "close")
    w:destroy()
    w:on("close", function()
      w:destroy(helper.E("late"))
      helper.put(log, "after")
    end)
    helper.settle()
    assert.are.same({ "close", "after" }, log)
  end)

  it("a write still pending at destroy(err) completes when called back late", function()
    local log, pend = {}, nil
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        pend = cb
      end,
    })
    helper.on(w, log, "error", "close")
    w:write("a", function(err) helper.put(log, "cb1:" .. helper.errtext(err)) end)
    w:write("b", function(err) helper.put(log, "cb2:" .. helper.errtext(err)) end)
    w:destroy(helper.E("boom"))
    helper.setImmediate(function()
      helper.put(log, "late cb")
      pend()
    end)
    helper.settle()
    assert.are.same({ "write:a", "error:boom", "close", "late cb", "cb1:nil", "cb2:boom" }, log)
  end)
end)
