-- test-event-emitter-get-max-listeners.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

local function raised(f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return err
end

local function assertArgError(err, message)
  assert.are.equal("table", type(err))
  assert.are.equal("ERR_INVALID_ARG_TYPE", err.code)
  assert.are.equal(message, err.message)
  assert.are.equal("Error [ERR_INVALID_ARG_TYPE]: " .. message, tostring(err))
  -- Made by cstream.errors whenever that module is there.
  local ok, errors = pcall(require, "cstream.errors")
  if ok then assert.is_true(errors.is(err, "ERR_INVALID_ARG_TYPE")) end
end

describe("test-event-emitter-get-max-listeners", function()
  it("default, set, and invalid values", function()
    local emitter = EventEmitter.new()
    assert.are.equal(events.defaultMaxListeners, emitter:getMaxListeners())
    assert.are.equal(10, emitter:getMaxListeners())
    assert.are.equal(emitter, emitter:setMaxListeners(0))
    assert.are.equal(0, emitter:getMaxListeners())
    emitter:setMaxListeners(3)
    assert.are.equal(3, emitter:getMaxListeners())
    assert.are.equal("ERR_OUT_OF_RANGE", raised(emitter.setMaxListeners, emitter, -1).code)
    assert.are.equal("ERR_OUT_OF_RANGE", raised(emitter.setMaxListeners, emitter, 0 / 0).code)
    assertArgError(raised(emitter.setMaxListeners, emitter, "a"),
      "bad argument #1 to 'setMaxListeners' (number expected, got string)")
    assert.are.equal(3, emitter:getMaxListeners())
  end)

  it("more listeners than the limit is allowed (no warnings)", function()
    local e = EventEmitter.new()
    e:setMaxListeners(1)
    local n = 0
    for _ = 1, 3 do e:on("x", function() n = n + 1 end) end
    e:emit("x")
    assert.are.equal(3, n)
  end)
end)
