-- test-stream-writable-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/writable/writable_destroy.js.
local node = twin.run("test/twins/writable/writable_destroy.js")

describe("test-stream-writable-destroy", function()
  -- twin: destroy_close_not_finish
  it("destroy() emits 'close', not 'finish'", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "finish", "close")
    w:destroy()
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same(node.destroy_close_not_finish, log)
  end)

  -- twin: destroy_in_write
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
    assert.are.same(node.destroy_in_write, log)
  end)

  -- twin: destroy_err
  it("destroy(err) emits that error, then 'close'", function()
    local log, seen = {}, nil
    local expected = helper.E("kaboom")
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "finish", "close", "error")
    w:on("error", function(err) seen = err end)
    w:destroy(expected)
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same(node.destroy_err, log)
    assert.are.equal(expected, seen)
  end)

  -- twin: instance_destroy_passes_error
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
    assert.are.same(node.instance_destroy_passes_error, log)
    assert.are.equal(expected, given)
    assert.are.equal(expected, seen)
  end)

  -- twin: destroy_option_swallows
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
    assert.are.same(node.destroy_option_swallows, log)
  end)

  -- twin: destroy_nil_error
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
    assert.are.same(node.destroy_nil_error, log)
    assert.are.equal(1, calls)
  end)

  -- twin: end_in_deferred_destroy
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
    assert.are.same(node.end_in_deferred_destroy, log)
  end)

  -- twin: destroy_turned_error
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
    assert.are.same(node.destroy_turned_error, log)
    assert.are.equal(expected, seen)
  end)

  -- twin: destroy_twice
  it("destroying twice with errors emits only the first", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy(helper.E("kaboom 1"))
    w:destroy(helper.E("kaboom 2"))
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same(node.destroy_twice, log)
  end)

  -- twin: destroy_again_before_cb
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
    assert.are.same(node.destroy_again_before_cb, log)
  end)

  -- twin: subclass_init
  it("destroyed is false while a subclass initializes", function()
    local log = {}
    local My = Writable:extend()
    function My:initialize()
      helper.put(log, "destroyed=" .. tostring(self.destroyed))
    end
    local w = My.new()
    helper.settle()
    assert.are.same(node.subclass_init, log)
    assert.is_true(My:isInstance(w))
  end)

  -- twin: destroy_destroyed_cb
  it("destroy(err, cb) on a destroyed stream calls cb and returns the stream", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy()
    local r = w:destroy(helper.E("kaboom"), function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "returns-self=" .. tostring(r == w))
    helper.settle()
    assert.are.same(node.destroy_destroyed_cb, log)
  end)

  -- twin: write_after_destroy
  it("write() after destroy() calls back ERR_STREAM_DESTROYED, emits no 'error'", function()
    local log = {}
    local w = Writable.new()
    w:destroy()
    helper.on(w, log, "error", "close")
    local r = w:write("asd", function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "ret=" .. tostring(r))
    helper.settle()
    assert.are.same(node.write_after_destroy, log)
  end)

  -- twin: corked_after_destroy
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
    assert.are.same(node.corked_after_destroy, log)
  end)

  -- twin: end_after_error_destroy
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
    assert.are.same(node.end_after_error_destroy, log)
  end)

  -- twin: end_after_finish_destroy
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
    assert.are.same(node.end_after_finish_destroy, log)
  end)

  -- twin: end_then_destroy_err
  it("finish(chunk, cb) then destroy(err): the callback gets err", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) helper.nextTick(cb) end })
    w:once("error", function(err) helper.put(log, "error:" .. helper.errtext(err)) end)
    helper.on(w, log, "close")
    w:finish("asd", function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    w:destroy(helper.E("asd"))
    helper.settle()
    assert.are.same(node.end_then_destroy_err, log)
  end)

  -- twin: buffered_cbs_error
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
    assert.are.same(node.buffered_cbs_error, log)
  end)

  -- twin: cb_order_in_flight
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
    assert.are.same(node.cb_order_in_flight, log)
  end)

  -- twin: state_after_destroy_err
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
    assert.are.same(node.state_after_destroy_err, log)
  end)

  -- twin: destroy_returns_self
  it("destroy() returns the stream and closes once", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "error", "close")
    helper.put(log, "self=" .. tostring(w:destroy() == w))
    helper.put(log, "self=" .. tostring(w:destroy() == w))
    helper.settle()
    assert.are.same(node.destroy_returns_self, log)
  end)

  -- twin: destroy_after_finish
  it("destroy(err) after 'finish' (autoDestroy = false) still errors", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = helper.write_ok })
    helper.on(w, log, "finish", "error", "close")
    w:finish("x")
    w:on("finish", function() w:destroy(helper.E("late")) end)
    helper.settle()
    assert.are.same(node.destroy_after_finish, log)
  end)

  -- twin: destroy_after_close
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
    assert.are.same(node.destroy_after_close, log)
  end)

  -- twin: pending_write_late_cb
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
    assert.are.same(node.pending_write_late_cb, log)
  end)
end)
