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

  it("listener arrays are replaced, never changed in place", function()
    local e = EventEmitter.new()
    local f, g = function() end, function() end
    e:on("foo", f)
    local a1 = e._events.foo
    e:on("foo", g)
    local a2 = e._events.foo
    e:off("foo", f)
    assert.are.same({ f }, a1)
    assert.are.same({ f, g }, a2)
    assert.are.same({ g }, e._events.foo)
  end)
end)
