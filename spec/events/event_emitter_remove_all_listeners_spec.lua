-- test-event-emitter-remove-all-listeners.js (Node 20's test/parallel/), translated; sequences from test/twins/events/event_emitter_remove_all_listeners.js. See spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter
local twin = require("spec.twin")

local node = twin.run("test/twins/events/event_emitter_remove_all_listeners.js")

describe("test-event-emitter-remove-all-listeners", function()
  local function listener() end

  -- twin: removed_names
  it("removes one event's listeners, old copies unchanged", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    ee:on("bar", listener)
    ee:on("baz", listener)
    ee:on("baz", listener)
    local fooListeners = ee:listeners("foo")
    local barListeners = ee:listeners("bar")
    local bazListeners = ee:listeners("baz")
    local log = {}
    ee:on("removeListener", function(name) log[#log + 1] = name end)
    ee:removeAllListeners("bar")
    ee:removeAllListeners("baz")
    assert.are.same(node.removed_names, log)
    assert.are.same({ listener }, ee:listeners("foo"))
    assert.are.same({}, ee:listeners("bar"))
    assert.are.same({}, ee:listeners("baz"))
    assert.are.same({ listener }, fooListeners)
    assert.are.same({ listener }, barListeners)
    assert.are.same({ listener, listener }, bazListeners)
    assert.are_not.equal(barListeners, ee:listeners("bar"))
    assert.are.same({ "foo", "removeListener" }, ee:eventNames())
  end)

  it("removes everything, 'removeListener' listeners last and LIFO", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("foo", listener)
    ee:on("bar", listener)
    ee:on("removeListener", function(name) log[#log + 1] = { 1, name } end)
    ee:on("removeListener", function(name) log[#log + 1] = { 2, name } end)
    ee:removeAllListeners()
    assert.are.same({
      { 1, "foo" }, { 2, "foo" },
      { 1, "bar" }, { 2, "bar" },
      { 1, "removeListener" },
    }, log)
    assert.are.same({}, ee:listeners("foo"))
    assert.are.same({}, ee:listeners("bar"))
    assert.are.same({}, ee:eventNames())
  end)

  it("follows the order events were first listened to", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("a", listener)
    ee:on("removeListener", function(name) log[#log + 1] = { 1, name } end)
    ee:on("b", listener)
    ee:on("b", listener)
    ee:on("removeListener", function(name) log[#log + 1] = { 2, name } end)
    ee:removeAllListeners()
    assert.are.same({
      { 1, "a" }, { 2, "a" },
      { 1, "b" }, { 2, "b" },
      { 1, "b" }, { 2, "b" },
      { 1, "removeListener" },
    }, log)
  end)

  it("no listeners for the name is not an error", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("removeListener", function(name) log[#log + 1] = name end)
    assert.are.equal(ee, ee:removeAllListeners("foo"))
    assert.are.same({}, log)
  end)

  -- twin: shrinking
  it("each 'removeListener' sees the shrinking list", function()
    local ee = EventEmitter.new()
    local lengths = {}
    ee:on("removeListener", function()
      lengths[#lengths + 1] = #ee:listeners("baz")
    end)
    ee:on("baz", function() end)
    ee:on("baz", function() end)
    ee:on("baz", function() end)
    assert.are.equal(3, #ee:listeners("baz"))
    ee:removeAllListeners("baz")
    assert.are.same(node.shrinking, twin.strings(lengths))
    assert.are.equal(0, #ee:listeners("baz"))
  end)

  it("reports a once wrapper among others, then the last one's original", function()
    local ee = EventEmitter.new()
    local log = {}
    local f, g = function() end, function() end
    ee:once("x", f)
    ee:on("x", g)
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    ee:removeAllListeners("x")
    assert.are.same({ { "x", g }, { "x", f } }, log)
  end)

  it("returns the emitter, even with no listeners table", function()
    local ee = EventEmitter.new()
    assert.are.equal(ee, ee:removeAllListeners())
    ee._events = nil
    assert.are.equal(ee, ee:removeAllListeners())
  end)

  -- twin: emit_in_progress
  it("does not change an emit in progress", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("x", function() log[#log + 1] = 1; ee:removeAllListeners() end)
    ee:on("x", function() log[#log + 1] = 2 end)
    assert.is_true(ee:emit("x"))
    assert.is_false(ee:emit("x"))
    assert.are.same(node.emit_in_progress, twin.strings(log))
  end)
end)
