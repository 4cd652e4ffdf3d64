-- test-event-emitter-add-listeners.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

local function raised(f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return err
end

local function assertArgError(err, message)
  assert.are.equal("table", type(err))
  assert.are.equal("ERR_INVALID_ARG_TYPE", err.code)
  assert.are.equal(message, err.message)
  assert.are.equal("Error [ERR_INVALID_ARG_TYPE]: " .. message, tostring(err))
  -- Made by cstream.errors whenever that module is there.
  local ok, errors = pcall(require, "cstream.errors")
  if ok then assert.is_true(errors.is(err, "ERR_INVALID_ARG_TYPE")) end
end

describe("test-event-emitter-add-listeners", function()
  it("emits 'newListener' before adding, with the original of a once", function()
    local ee = EventEmitter.new()
    local log = {}
    assert.are.equal(ee.on, ee.addListener)
    ee:on("newListener", function(name, listener)
      if name == "newListener" then return end
      log[#log + 1] = { name, listener }
    end)
    local hello = function(a, b) log[#log + 1] = { "hello", a, b } end
    local never = function() log[#log + 1] = "never" end
    ee:once("newListener", function(name, listener)
      log[#log + 1] = { "once-newListener", name, listener == hello,
                        #ee:listeners("hello") }
    end)
    ee:on("hello", hello)
    ee:once("foo", never)
    -- Both 'newListener' listeners, in the order added, then the next add.
    assert.are.same({
      { "hello", hello },
      { "once-newListener", "hello", true, 0 },
      { "foo", never },
    }, log)
    log = {}
    assert.is_true(ee:emit("hello", "a", "b"))
    assert.are.same({ { "hello", "a", "b" } }, log)
  end)

  it("accepts setMaxListeners(0)", function()
    local f = EventEmitter.new()
    assert.are.equal(f, f:setMaxListeners(0))
    assert.are.equal(0, f:getMaxListeners())
  end)

  it("a listener added from 'newListener' goes first", function()
    local listen1 = function() end
    local listen2 = function() end
    local ee = EventEmitter.new()
    local seen = {}
    ee:once("newListener", function()
      seen[#seen + 1] = #ee:listeners("hello")
      ee:once("newListener", function()
        seen[#seen + 1] = #ee:listeners("hello")
      end)
      ee:on("hello", listen2)
    end)
    ee:on("hello", listen1)
    assert.are.same({ 0, 0 }, seen)
    assert.are.same({ listen2, listen1 }, ee:listeners("hello"))
  end)

  it("on returns the emitter", function()
    local ee = EventEmitter.new()
    local f = function() end
    assert.are.equal(ee, ee:on("x", f))
    assert.are.equal(ee, ee:addListener("x", f))
    assert.are.equal(ee, ee:prependListener("x", f))
    assert.are.equal(ee, ee:once("x", f))
    assert.are.equal(ee, ee:prependOnceListener("x", f))
    assert.are.equal(ee, ee:off("x", f))
    assert.are.equal(ee, ee:removeListener("x", f))
    assert.are.equal(ee, ee:removeAllListeners("x"))
    assert.are.equal(ee, ee:removeAllListeners())
  end)

  it("the listener must be a function", function()
    local ee = EventEmitter.new()
    assertArgError(raised(function() ee:on("foo", nil) end),
      "bad argument #2 to 'on' (function expected, got nil)")
    assert.are.same({}, ee:eventNames())
  end)

  it("nil and NaN cannot name an event", function()
    local ee = EventEmitter.new()
    local f = function() end
    assertArgError(raised(function() ee:on(nil, f) end),
      "bad argument #1 to 'on' (event name expected, got nil)")
    assertArgError(raised(function() ee:once(0 / 0, f) end),
      "bad argument #1 to 'once' (event name must not be NaN)")
    assert.is_false(ee:emit(nil))
    assert.are.equal(0, ee:listenerCount(nil))
  end)
end)
