-- test-stream-destroy-event-order.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-destroy-event-order (Writable)", function()
  it("destroy(err): 'error' before 'close', both after the call returns", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy(helper.E("kaboom"))
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "sync", "error:kaboom", "close" }, log)
  end)

  it("an errored write: callback, then 'error', then 'close'", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(helper.E("kaboom")) end })
    helper.on(w, log, "close", "error", "finish")
    w:write("x", function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "sync", "cb:kaboom", "error:kaboom", "close" }, log)
  end)

  it("emitClose = false: 'error' only, closed still becomes true", function()
    local log = {}
    local w = Writable.new({ emitClose = false, write = helper.write_ok })
    helper.on(w, log, "close", "error")
    w:destroy(helper.E("kaboom"))
    helper.nextTick(function() helper.put(log, "closed=" .. tostring(w.closed)) end)
    helper.settle()
    assert.are.same({ "error:kaboom", "closed=true" }, log)
  end)

  it("autoDestroy = false: a write error does not destroy", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = function(self, c, e, cb) cb(helper.E("kaboom")) end })
    helper.on(w, log, "close", "error")
    w:write("x")
    helper.setImmediate(function() helper.put(log, "destroyed=" .. tostring(w.destroyed)) end)
    helper.settle()
    assert.are.same({ "error:kaboom", "destroyed=false" }, log)
  end)

  it("autoDestroy: 'finish' is followed by 'close'", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish("x")
    helper.put(log, "destroyed=" .. tostring(w.destroyed))
    w:on("close", function() helper.put(log, "destroyed=" .. tostring(w.destroyed)) end)
    helper.settle()
    assert.are.same({ "prefinish", "destroyed=false", "finish", "close", "destroyed=true" }, log)
  end)

  it("autoDestroy = false: no 'close' after 'finish'", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = helper.write_ok })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish("x")
    helper.setImmediate(function() helper.put(log, "destroyed=" .. tostring(w.destroyed)) end)
    helper.settle()
    assert.are.same({ "prefinish", "finish", "destroyed=false" }, log)
  end)
end)
