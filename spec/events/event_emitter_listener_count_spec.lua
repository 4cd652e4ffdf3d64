-- test-event-emitter-listener-count.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-listener-count", function()
  it("counts per name, any name type", function()
    local emitter = EventEmitter.new()
    emitter:on("foo", function() end)
    emitter:on("foo", function() end)
    emitter:on("baz", function() end)
    emitter:on(123, function() end)
    assert.are.equal(2, events.listenerCount(emitter, "foo"))
    assert.are.equal(2, emitter:listenerCount("foo"))
    assert.are.equal(0, emitter:listenerCount("bar"))
    assert.are.equal(1, emitter:listenerCount("baz"))
    assert.are.equal(1, emitter:listenerCount(123))
    assert.are.equal(0, emitter:listenerCount("123"))
  end)

  it("counts one listener, once wrappers included", function()
    local emitter = EventEmitter.new()
    local f, g = function() end, function() end
    emitter:on("x", f)
    emitter:once("x", f)
    emitter:on("x", g)
    assert.are.equal(2, emitter:listenerCount("x", f))
    assert.are.equal(1, emitter:listenerCount("x", g))
    assert.are.equal(3, emitter:listenerCount("x"))
    assert.are.equal(0, emitter:listenerCount("y", f))
  end)
end)
