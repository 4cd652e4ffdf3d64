-- test-event-emitter-special-event-names.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-special-event-names", function()
  it("names that are also method or metamethod names", function()
    local ee = EventEmitter.new()
    local handler = function() end
    local names = { "__index", "__proto__", "toString", "on", "emit",
                    "_events", "n", "listener", "removeListener2" }
    for _, name in ipairs(names) do ee:on(name, handler) end
    assert.are.same(names, ee:eventNames())
    for _, name in ipairs(names) do
      assert.are.same({ handler }, ee:listeners(name))
    end
    local got = {}
    ee:on("__index", function(val) got[#got + 1] = val end)
    ee:emit("__index", 1)
    assert.are.same({ 1 }, got)
    assert.are.equal("function", type(ee.on))
    assert.are.equal("function", type(ee.emit))
  end)

  it("any non-nil value names an event, by identity", function()
    local ee = EventEmitter.new()
    local log = {}
    local key = {}
    local fkey = function() end
    ee:on(false, function(v) log[#log + 1] = { "false", v } end)
    ee:on(true, function(v) log[#log + 1] = { "true", v } end)
    ee:on(1.5, function(v) log[#log + 1] = { "1.5", v } end)
    ee:on(key, function(v) log[#log + 1] = { "key", v } end)
    ee:on(fkey, function(v) log[#log + 1] = { "fkey", v } end)
    assert.are.same({ false, true, 1.5, key, fkey }, ee:eventNames())
    ee:emit(false, 1)
    ee:emit(key, 2)
    ee:emit({}, 3)
    ee:emit(fkey, 4)
    ee:emit(1.5, 5)
    assert.are.same({ { "false", 1 }, { "key", 2 }, { "fkey", 4 }, { "1.5", 5 } },
                    log)
    ee:removeAllListeners(false)
    assert.are.same({ true, 1.5, key, fkey }, ee:eventNames())
  end)
end)
