-- test-event-emitter-remove-listeners.js (Node 20's test/parallel/), translated; see spec/README.md.

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

describe("test-event-emitter-remove-listeners", function()
  local function listener1() end
  local function listener2() end

  it("emits 'removeListener' with the removed function", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("removeListener", function(name, cb) log[#log + 1] = { name, cb } end)
    ee:removeListener("hello", listener1)
    assert.are.same({ { "hello", listener1 } }, log)
    assert.are.same({}, ee:listeners("hello"))
  end)

  it("removing an absent function does nothing", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("removeListener", function(name) log[#log + 1] = name end)
    ee:removeListener("hello", listener2)
    assert.are.same({}, log)
    assert.are.same({ listener1 }, ee:listeners("hello"))
  end)

  it("'removeListener' fires after the removal", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("hello", listener2)
    ee:once("removeListener", function(name, cb)
      log[#log + 1] = { name, cb, ee:listeners("hello") }
    end)
    ee:removeListener("hello", listener1)
    assert.are.same({ listener2 }, ee:listeners("hello"))
    ee:once("removeListener", function(name, cb)
      log[#log + 1] = { name, cb, ee:listeners("hello") }
    end)
    ee:removeListener("hello", listener2)
    assert.are.same({}, ee:listeners("hello"))
    assert.are.same({
      { "hello", listener1, { listener2 } },
      { "hello", listener2, {} },
    }, log)
  end)

  it("a listener removed from 'removeListener' is not emitted", function()
    local ee = EventEmitter.new()
    local log = {}
    local function remove1() log[#log + 1] = "remove1" end
    local function remove2() log[#log + 1] = "remove2" end
    ee:on("removeListener", function(name, cb)
      log[#log + 1] = { name, cb }
      if cb ~= remove1 then return end
      ee:removeListener("quux", remove2)
      ee:emit("quux")
    end)
    ee:on("quux", remove1)
    ee:on("quux", remove2)
    ee:removeListener("quux", remove1)
    assert.are.same({ { "quux", remove1 }, { "quux", remove2 } }, log)
  end)

  it("nested removals from 'removeListener'", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("hello", listener2)
    ee:once("removeListener", function(name, cb)
      log[#log + 1] = { name, cb, ee:listeners("hello") }
      ee:once("removeListener", function(name2, cb2)
        log[#log + 1] = { name2, cb2, ee:listeners("hello") }
      end)
      ee:removeListener("hello", listener2)
      log[#log + 1] = ee:listeners("hello")
    end)
    ee:removeListener("hello", listener1)
    assert.are.same({
      { "hello", listener1, { listener2 } },
      { "hello", listener2, {} },
      {},
    }, log)
    assert.are.same({}, ee:listeners("hello"))
  end)

  it("a listener removed during an emit still runs for that emit", function()
    local ee = EventEmitter.new()
    local log = {}
    local listener4
    local function listener3()
      log[#log + 1] = 3
      ee:removeListener("hello", listener4)
    end
    listener4 = function() log[#log + 1] = 4 end
    ee:on("hello", listener3)
    ee:on("hello", listener4)
    ee:emit("hello")
    ee:emit("hello")
    assert.are.same({ 3, 4, 3 }, log)
  end)

  it("a fired once listener reports its original when it was alone", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:once("hello", listener1)
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    ee:emit("hello")
    assert.are.same({ { "hello", listener1 } }, log)
  end)

  it("a fired once listener among others reports its wrapper (Node)", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:once("x", listener1)
    ee:on("x", listener2)
    local wrapper = ee:rawListeners("x")[1]
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    ee:emit("x")
    assert.are.same({ { "x", wrapper } }, log)
    assert.are.equal(listener1, wrapper.listener)
  end)

  it("removes the most recently added match", function()
    local ee = EventEmitter.new()
    ee:on("x", listener1)
    ee:once("x", listener1)
    ee:off("x", listener1)
    assert.are.same({ listener1 }, ee:rawListeners("x"))

    ee = EventEmitter.new()
    ee:once("x", listener1)
    local wrapper = ee:rawListeners("x")[1]
    ee:on("x", listener1)
    ee:off("x", listener1)
    assert.are.same({ wrapper }, ee:rawListeners("x"))
  end)

  it("removes a once listener by its wrapper", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:once("x", listener1)
    ee:on("x", listener2)
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    local wrapper = ee:rawListeners("x")[1]
    ee:off("x", wrapper)
    assert.are.same({ { "x", wrapper } }, log)
    assert.are.same({ listener2 }, ee:listeners("x"))
  end)

  it("the removed listener must be a function", function()
    local ee = EventEmitter.new()
    assertArgError(raised(function() ee:removeListener("foo", nil) end),
      "bad argument #2 to 'removeListener' (function expected, got nil)")
    assertArgError(raised(function() ee:off("foo", "x") end),
      "bad argument #2 to 'off' (function expected, got string)")
  end)

  it("works on an emitter with no listeners table", function()
    local ee = EventEmitter.new()
    ee._events = nil
    assert.are.equal(ee, ee:removeListener("foo", listener1))
    assert.is_nil(ee._events)
  end)
end)
