-- test-event-emitter-listeners.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-listeners", function()
  local function listener() end
  local function listener2() end

  it("a copy survives removeAllListeners", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local fooListeners = ee:listeners("foo")
    assert.are.same({ listener }, ee:listeners("foo"))
    ee:removeAllListeners("foo")
    assert.are.same({}, ee:listeners("foo"))
    assert.are.same({ listener }, fooListeners)
  end)

  it("changing the copy does not change the emitter", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local copy = ee:listeners("foo")
    copy[#copy + 1] = listener2
    assert.are.same({ listener }, ee:listeners("foo"))
    assert.are.same({ listener, listener2 }, copy)
  end)

  it("adding does not change an earlier copy", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local copy = ee:listeners("foo")
    ee:on("foo", listener2)
    assert.are.same({ listener, listener2 }, ee:listeners("foo"))
    assert.are.same({ listener }, copy)
  end)

  it("once listeners are listed as the original", function()
    local ee = EventEmitter.new()
    ee:once("foo", listener)
    assert.are.same({ listener }, ee:listeners("foo"))
    ee = EventEmitter.new()
    ee:on("foo", listener)
    ee:once("foo", listener2)
    assert.are.same({ listener, listener2 }, ee:listeners("foo"))
  end)

  it("no listeners table, or a subclass instance", function()
    local ee = EventEmitter.new()
    ee._events = nil
    assert.are.same({}, ee:listeners("foo"))
    local TestStream = EventEmitter:extend()
    assert.are.same({}, TestStream.new():listeners("foo"))
  end)

  it("rawListeners gives the wrappers", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local wrapped = ee:rawListeners("foo")
    assert.are.equal(1, #wrapped)
    assert.are.equal(listener, wrapped[1])
    assert.are_not.equal(wrapped, ee:rawListeners("foo"))
    ee:once("foo", listener)
    local wrappedListeners = ee:rawListeners("foo")
    assert.are.equal(2, #wrappedListeners)
    assert.are.equal(listener, wrappedListeners[1])
    assert.are_not.equal(listener, wrappedListeners[2])
    assert.are.equal(listener, wrappedListeners[2].listener)
    ee:emit("foo")
    assert.are.equal(2, #wrappedListeners)
    assert.are.equal(listener, wrappedListeners[2].listener)
    assert.are.same({ listener }, ee:rawListeners("foo"))
  end)

  it("calling a raw once wrapper removes it", function()
    local ee = EventEmitter.new()
    local calls = 0
    ee:once("foo", function() calls = calls + 1 end)
    local w = ee:rawListeners("foo")[1]
    w()
    assert.are.equal(1, calls)
    assert.are.same({}, ee:listeners("foo"))
    assert.is_false(ee:emit("foo"))
    -- A wrapper can be added back by hand and stays spent.
    ee:on("foo", w)
    assert.is_true(ee:emit("foo"))
    assert.are.equal(1, calls)
  end)
end)
