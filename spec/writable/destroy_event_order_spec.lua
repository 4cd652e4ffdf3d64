-- test-stream-destroy-event-order.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/writable/destroy_event_order.js.
local node = twin.run("test/twins/writable/destroy_event_order.js")

describe("test-stream-destroy-event-order (Writable)", function()
  -- twin: error_before_close
  it("destroy(err): 'error' before 'close', both after the call returns", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy(helper.E("kaboom"))
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.error_before_close, log)
  end)

  -- twin: errored_write
  it("an errored write: callback, then 'error', then 'close'", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(helper.E("kaboom")) end })
    helper.on(w, log, "close", "error", "finish")
    w:write("x", function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.errored_write, log)
  end)

  -- twin: no_emit_close
  it("emitClose = false: 'error' only, closed still becomes true", function()
    local log = {}
    local w = Writable.new({ emitClose = false, write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy(helper.E("kaboom"))
    helper.nextTick(function() helper.put(log, "closed=" .. tostring(w.closed)) end)
    helper.settle()
    assert.are.same(node.no_emit_close, log)
  end)

  -- twin: no_auto_destroy_write_error
  it("autoDestroy = false: a write error does not destroy", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = function(self, c, e, cb) cb(helper.E("kaboom")) end })
    helper.on(w, log, "close", "error")
    w:write("x")
    helper.setImmediate(function() helper.put(log, "destroyed=" .. tostring(w.destroyed)) end)
    helper.settle()
    assert.are.same(node.no_auto_destroy_write_error, log)
  end)

  -- twin: finish_then_close
  it("autoDestroy: 'finish' is followed by 'close'", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish("x")
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    w:on("close", function() helper.put(log, "destroyed=" .. tostring(w.destroyed)) end)
    helper.settle()
    assert.are.same(node.finish_then_close, log)
  end)

  -- twin: no_auto_destroy_finish
  it("autoDestroy = false: no 'close' after 'finish'", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = helper.write_ok })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish("x")
    helper.setImmediate(function() helper.put(log, "destroyed=" .. tostring(w.destroyed)) end)
    helper.settle()
    assert.are.same(node.no_auto_destroy_finish, log)
  end)
end)
