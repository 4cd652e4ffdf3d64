-- test-event-emitter-once.js (Node 20's test/parallel/), translated; sequences from test/twins/events/event_emitter_once.js. See spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter
local twin = require("spec.twin")

local node = twin.run("test/twins/events/event_emitter_once.js")

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

describe("test-event-emitter-once", function()
  it("runs once however many emits", function()
    local e = EventEmitter.new()
    local calls = {}
    e:once("hello", function(...) calls[#calls + 1] = { ... } end)
    for _ = 1, 4 do e:emit("hello", "a", "b") end
    assert.are.same({ { "a", "b" } }, calls)
    assert.are.equal(0, e:listenerCount("hello"))
  end)

  it("is removable by the original function", function()
    local e = EventEmitter.new()
    local called = false
    local function remove() called = true end
    e:once("foo", remove)
    e:removeListener("foo", remove)
    assert.is_false(e:emit("foo"))
    assert.is_false(called)
  end)

  -- twin: reemit
  it("a once listener that re-emits does not run again", function()
    local e = EventEmitter.new()
    local log = {}
    e:once("e", function()
      log[#log + 1] = "first"
      e:emit("e")
    end)
    e:once("e", function() log[#log + 1] = "second" end)
    e:emit("e")
    -- The nested emit sees only the second; the outer one's copy still holds
    -- it, but it has fired.
    assert.are.same(node.reemit, log)
    assert.are.same({}, e:eventNames())
  end)

  it("the listener must be a function", function()
    local ee = EventEmitter.new()
    assertArgError(raised(function() ee:once("foo", nil) end),
      "bad argument #2 to 'once' (function expected, got nil)")
  end)

  it("passes every argument count through", function()
    for i = 0, 4 do
      local ee = EventEmitter.new()
      local got
      ee:once("foo", function(...) got = table.pack(...) end)
      local args = {}
      for j = 1, i do args[j] = j - 1 end
      ee:emit("foo", table.unpack(args, 1, i))
      assert.are.equal(i, got.n)
      for j = 1, i do assert.are.equal(j - 1, got[j]) end
    end
  end)

  it("returns what the listener returns when called raw", function()
    local ee = EventEmitter.new()
    ee:once("foo", function(a) return a + 1 end)
    local w = ee:rawListeners("foo")[1]
    assert.are.equal(42, w(41))
    assert.is_nil(w(41)) -- fired
    assert.are.equal(0, ee:listenerCount("foo"))
  end)
end)
