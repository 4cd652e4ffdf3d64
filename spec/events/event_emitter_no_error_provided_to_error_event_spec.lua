-- test-event-emitter-no-error-provided-to-error-event.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

local function raised(f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return err
end

describe("test-event-emitter-no-error-provided-to-error-event", function()
  it("emit('error') with nothing raises ERR_UNHANDLED_ERROR", function()
    local e = EventEmitter.new()
    local err = raised(e.emit, e, "error")
    assert.are.equal("ERR_UNHANDLED_ERROR", err.code)
    assert.are.equal("Unhandled error. (nil)", err.message)
  end)

  it("an 'error' listener receives the nil", function()
    local e = EventEmitter.new()
    local got = {}
    e:on("error", function(...) got[#got + 1] = select("#", ...) end)
    assert.is_true(e:emit("error"))
    assert.is_true(e:emit("error", nil))
    assert.are.same({ 0, 1 }, got)
  end)
end)
