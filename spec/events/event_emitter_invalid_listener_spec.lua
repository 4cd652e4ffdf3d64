-- test-event-emitter-invalid-listener.js (Node 20's test/parallel/), translated; see spec/README.md.

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

describe("test-event-emitter-invalid-listener", function()
  -- Literal call sites (not tail calls), so the message can name the
  -- method as it was called.
  local calls = {
    on = function(ee, fn) ee:on("foo", fn) end,
    addListener = function(ee, fn) ee:addListener("foo", fn) end,
    once = function(ee, fn) ee:once("foo", fn) end,
    prependListener = function(ee, fn) ee:prependListener("foo", fn) end,
    prependOnceListener = function(ee, fn)
      ee:prependOnceListener("foo", fn)
    end,
    removeListener = function(ee, fn) ee:removeListener("foo", fn) end,
    off = function(ee, fn) ee:off("foo", fn) end,
  }
  for _, method in ipairs({ "on", "addListener", "once", "prependListener",
                            "prependOnceListener", "removeListener", "off" }) do
    it(method .. " needs a function", function()
      local ee = EventEmitter.new()
      local err = raised(calls[method], ee, nil)
      assertArgError(err, ("bad argument #2 to '%s' (function expected, got nil)")
                            :format(method))
      err = raised(calls[method], ee, {})
      assertArgError(err, ("bad argument #2 to '%s' (function expected, got table)")
                            :format(method))
      assert.are.same({}, ee:eventNames())
    end)
  end

  it("a call site without a name uses the method's own", function()
    local ee = EventEmitter.new()
    local name = "prependListener"
    assertArgError(raised(function() ee[name](ee, "foo", 1) end),
      "bad argument #2 to 'prependListener' (function expected, got number)")
  end)
end)
