-- test-event-emitter-listeners-side-effects.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-listeners-side-effects", function()
  it("listing creates nothing and returns copies", function()
    local e = EventEmitter.new()
    local fl = e:listeners("foo")
    assert.are.same({}, fl)
    assert.is_nil(e._events)
    local fail = function() end
    local ok = function() end
    e:on("foo", fail)
    fl = e:listeners("foo")
    assert.are.same({ fail }, fl)
    e:listeners("bar")
    assert.is_nil(e._events.bar)
    e:on("foo", ok)
    assert.are.same({ fail, ok }, e._events.foo)
    assert.are.same({ fail }, fl)
    assert.are.same({ "foo" }, e:eventNames())
  end)

  -- The storage contract in events.lua's header (C emits from it too):
  -- arrays change in place unless an emit is running over them.
  it("listener arrays change in place only while no emit runs them", function()
    local e = EventEmitter.new()
    local f, g = function() end, function() end
    e:on("foo", f)
    local a1 = e._events.foo
    e:on("foo", g)
    assert.are.equal(a1, e._events.foo)
    e:off("foo", f)
    assert.are.equal(a1, e._events.foo)
    assert.are.same({ g }, a1)
    local seen
    e:on("foo", function()
      local a = e._events.foo
      seen = { a[0] }
      e:on("foo", f)
      seen[2] = rawequal(a, e._events.foo)
      seen[3] = #a
    end)
    local a2 = e._events.foo
    e:emit("foo")
    assert.are.same({ 1, false, 2 }, seen)
    assert.is_nil(a2[0])
    assert.are.same({ g, a2[2], f }, e._events.foo)
  end)

end)
