-- test-event-emitter-error-monitor.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

local function raised(f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return err
end

describe("test-event-emitter-error-monitor", function()
  it("sees every 'error' first, handled or not", function()
    local EE = EventEmitter.new()
    local theErr = { message = "MyError" }
    local log = {}
    EE:on(events.errorMonitor, function(e) log[#log + 1] = { "monitor", e } end)
    assert.are.equal(theErr, raised(EE.emit, EE, "error", theErr))
    EE:once("error", function(e) log[#log + 1] = { "error", e } end)
    assert.is_true(EE:emit("error", theErr))
    EE:on("aEvent", function() log[#log + 1] = "aEvent" end)
    EE:emit("aEvent")
    assert.are.same({
      { "monitor", theErr },
      { "monitor", theErr }, { "error", theErr },
      "aEvent",
    }, log)
  end)
end)
