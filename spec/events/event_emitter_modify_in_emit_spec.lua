-- test-event-emitter-modify-in-emit.js (Node 20's test/parallel/), translated; sequences from test/twins/events/event_emitter_modify_in_emit.js. See spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter
local twin = require("spec.twin")

local node = twin.run("test/twins/events/event_emitter_modify_in_emit.js")

describe("test-event-emitter-modify-in-emit", function()
  -- twin: first_emit, second_emit, third_emit, after_reset
  it("changes during an emit apply to the next one", function()
    local called = {}
    local e = EventEmitter.new()
    local callback2, callback3
    local function callback1()
      called[#called + 1] = "callback1"
      e:on("foo", callback2)
      e:on("foo", callback3)
      e:removeListener("foo", callback1)
    end
    callback2 = function()
      called[#called + 1] = "callback2"
      e:removeListener("foo", callback2)
    end
    callback3 = function()
      called[#called + 1] = "callback3"
      e:removeListener("foo", callback3)
    end

    e:on("foo", callback1)
    assert.are.equal(1, #e:listeners("foo"))
    e:emit("foo")
    assert.are.equal(2, #e:listeners("foo"))
    assert.are.same(node.first_emit, called)
    e:emit("foo")
    assert.are.equal(0, #e:listeners("foo"))
    assert.are.same(node.second_emit, called)
    e:emit("foo")
    assert.are.equal(0, #e:listeners("foo"))
    assert.are.same(node.third_emit, called)

    e:on("foo", callback1)
    e:on("foo", callback2)
    assert.are.equal(2, #e:listeners("foo"))
    e:removeAllListeners("foo")
    assert.are.equal(0, #e:listeners("foo"))

    called = {}
    e:on("foo", callback2)
    e:on("foo", callback3)
    assert.are.equal(2, #e:listeners("foo"))
    e:emit("foo")
    assert.are.same(node.after_reset, called)
    assert.are.equal(0, #e:listeners("foo"))
  end)

  it("emit returns whether there were listeners", function()
    local e = EventEmitter.new()
    local f = function() end
    assert.is_false(e:emit("x"))
    e:on("x", f)
    assert.is_true(e:emit("x"))
    e:off("x", f)
    assert.is_false(e:emit("x"))
    assert.are.same({}, e:eventNames())
  end)
end)
