-- test-event-emitter-symbols.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-symbols", function()
  it("a private table as a name", function()
    local ee = EventEmitter.new()
    local foo = setmetatable({}, { __tostring = function() return "foo" end })
    local calls = 0
    local listener = function() calls = calls + 1 end
    ee:on(foo, listener)
    assert.are.same({ listener }, ee:listeners(foo))
    ee:emit(foo)
    ee:removeAllListeners()
    assert.are.same({}, ee:listeners(foo))
    ee:on(foo, listener)
    assert.are.same({ listener }, ee:listeners(foo))
    ee:removeListener(foo, listener)
    assert.are.same({}, ee:listeners(foo))
    assert.are.equal(1, calls)
  end)
end)
