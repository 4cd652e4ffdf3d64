-- test-event-emitter-subclass.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

local function raised(f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return err
end

describe("test-event-emitter-subclass", function()
  it("initialize runs on new, listeners work inside it", function()
    local MyEE = EventEmitter:extend()
    local log = {}
    function MyEE:initialize(cb, extra)
      log[#log + 1] = { "init", extra }
      self:once(1, cb)
      self:emit(1)
      self:removeAllListeners()
    end
    local myee = MyEE.new(function() log[#log + 1] = "called" end, "x")
    assert.are.same({ { "init", "x" }, "called" }, log)
    assert.are.same({}, myee:eventNames())
    assert.is_true(MyEE:isInstance(myee))
    assert.is_true(EventEmitter:isInstance(myee))
    assert.is_false(MyEE:isInstance(EventEmitter.new()))
    assert.is_false(MyEE:isInstance("x"))
  end)

  it("an unhandled 'error' in initialize reaches new's caller", function()
    local ErrorEE = EventEmitter:extend()
    function ErrorEE:initialize()
      self:emit("error", "blerg")
    end
    assert.are.equal("blerg", raised(ErrorEE.new))
  end)

  it("instances do not share listeners", function()
    local MyEE2 = EventEmitter:extend()
    local Sub = MyEE2:extend()
    local ee1, ee2 = MyEE2.new(), Sub.new()
    ee1:on("x", function() end)
    assert.are.equal(0, ee2:listenerCount("x"))
    assert.are.equal(1, ee1:listenerCount("x"))
    assert.is_true(MyEE2:isInstance(ee2))
    assert.is_false(Sub:isInstance(ee1))
  end)

  it("a subclass overrides methods; once goes through the override", function()
    local Sub = EventEmitter:extend()
    local log = {}
    function Sub:on(name, fn)
      log[#log + 1] = { "on", name }
      return EventEmitter.on(self, name, fn)
    end
    function Sub:removeListener(name, fn)
      log[#log + 1] = { "removeListener", name }
      return EventEmitter.removeListener(self, name, fn)
    end
    local s = Sub.new()
    s:once("data", function(v) log[#log + 1] = { "data", v } end)
    s:emit("data", 7)
    s:emit("data", 8)
    assert.are.same({ { "on", "data" }, { "removeListener", "data" }, { "data", 7 } }, log)
  end)
end)
