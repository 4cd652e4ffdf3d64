-- test-event-emitter-prepend.js (Node 20's test/parallel/), translated; sequences from test/twins/events/event_emitter_prepend.js. See spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter
local twin = require("spec.twin")

local node = twin.run("test/twins/events/event_emitter_prepend.js")

describe("test-event-emitter-prepend", function()
  -- twin: prepended
  it("prepended listeners run first", function()
    local myEE = EventEmitter.new()
    local log = {}
    myEE:on("foo", function() log[#log + 1] = "last" end)
    myEE:prependListener("foo", function() log[#log + 1] = "second" end)
    myEE:prependOnceListener("foo", function() log[#log + 1] = "first" end)
    myEE:emit("foo")
    myEE:emit("foo")
    assert.are.same(node.prepended, log)
  end)

  it("'newListener' sees the original of a prepended once", function()
    local ee = EventEmitter.new()
    local log = {}
    local f = function() end
    ee:on("newListener", function(name, l) log[#log + 1] = { name, l } end)
    ee:prependOnceListener("y", f)
    assert.are.same({ { "y", f } }, log)
  end)
end)
