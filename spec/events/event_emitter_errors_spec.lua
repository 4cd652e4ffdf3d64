-- test-event-emitter-errors.js (Node 20's test/parallel/), translated; sequences from test/twins/events/event_emitter_errors.js. See spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter
local twin = require("spec.twin")

local node = twin.run("test/twins/events/event_emitter_errors.js")

local function raised(f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return err
end

describe("test-event-emitter-errors", function()
  it("an unhandled 'error' raises the value itself", function()
    local ee = EventEmitter.new()
    assert.are.equal("Accepts a string", raised(ee.emit, ee, "error", "Accepts a string"))
    local obj = { message = "Error!" }
    assert.are.equal(obj, raised(ee.emit, ee, "error", obj))
  end)

  -- twin: handled
  it("a handled 'error' is an ordinary event", function()
    local ee = EventEmitter.new()
    local got = {}
    ee:on("error", function(e) got[#got + 1] = e end)
    assert.is_true(ee:emit("error", "boom"))
    assert.are.same(node.handled, got)
  end)

  -- twin: listener_throws
  it("a listener's error stops the emit and reaches the caller", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("x", function() log[#log + 1] = 1; error("bad", 0) end)
    ee:on("x", function() log[#log + 1] = 2 end)
    assert.are.equal("bad", raised(ee.emit, ee, "x"))
    assert.are.same(node.listener_throws, twin.strings(log))
  end)
end)
