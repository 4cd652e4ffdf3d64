-- cstream.events against Node's test/parallel/test-event-emitter-*.js.
-- Listeners receive the emitted values only (no emitter argument).

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

-- An object shaped like a stream userdata: no raw fields, every field read
-- and written through __index/__newindex into a per-instance side table.
local function proxyEmitter()
  local fields = {}
  local proxy = setmetatable({}, {
    __index = function(_, k)
      local v = fields[k]
      if v ~= nil then return v end
      return events.methods[k]
    end,
    __newindex = function(_, k, v) fields[k] = v end,
  })
  return proxy, fields
end

describe("test-event-emitter-add-listeners", function()
  it("emits 'newListener' before adding, with the original of a once", function()
    local ee = EventEmitter.new()
    local log = {}
    assert.are.equal(ee.on, ee.addListener)
    ee:on("newListener", function(name, listener)
      if name == "newListener" then return end
      log[#log + 1] = { name, listener }
    end)
    local hello = function(a, b) log[#log + 1] = { "hello", a, b } end
    local never = function() log[#log + 1] = "never" end
    ee:once("newListener", function(name, listener)
      log[#log + 1] = { "once-newListener", name, listener == hello,
                        #ee:listeners("hello") }
    end)
    ee:on("hello", hello)
    ee:once("foo", never)
    -- Both 'newListener' listeners, in the order added, then the next add.
    assert.are.same({
      { "hello", hello },
      { "once-newListener", "hello", true, 0 },
      { "foo", never },
    }, log)
    log = {}
    assert.is_true(ee:emit("hello", "a", "b"))
    assert.are.same({ { "hello", "a", "b" } }, log)
  end)

  it("accepts setMaxListeners(0)", function()
    local f = EventEmitter.new()
    assert.are.equal(f, f:setMaxListeners(0))
    assert.are.equal(0, f:getMaxListeners())
  end)

  it("a listener added from 'newListener' goes first", function()
    local listen1 = function() end
    local listen2 = function() end
    local ee = EventEmitter.new()
    local seen = {}
    ee:once("newListener", function()
      seen[#seen + 1] = #ee:listeners("hello")
      ee:once("newListener", function()
        seen[#seen + 1] = #ee:listeners("hello")
      end)
      ee:on("hello", listen2)
    end)
    ee:on("hello", listen1)
    assert.are.same({ 0, 0 }, seen)
    assert.are.same({ listen2, listen1 }, ee:listeners("hello"))
  end)

  it("on returns the emitter", function()
    local ee = EventEmitter.new()
    local f = function() end
    assert.are.equal(ee, ee:on("x", f))
    assert.are.equal(ee, ee:addListener("x", f))
    assert.are.equal(ee, ee:prependListener("x", f))
    assert.are.equal(ee, ee:once("x", f))
    assert.are.equal(ee, ee:prependOnceListener("x", f))
    assert.are.equal(ee, ee:off("x", f))
    assert.are.equal(ee, ee:removeListener("x", f))
    assert.are.equal(ee, ee:removeAllListeners("x"))
    assert.are.equal(ee, ee:removeAllListeners())
  end)

  it("the listener must be a function", function()
    local ee = EventEmitter.new()
    assertArgError(raised(function() ee:on("foo", nil) end),
      "bad argument #2 to 'on' (function expected, got nil)")
    assert.are.same({}, ee:eventNames())
  end)

  it("nil and NaN cannot name an event", function()
    local ee = EventEmitter.new()
    local f = function() end
    assertArgError(raised(function() ee:on(nil, f) end),
      "bad argument #1 to 'on' (event name expected, got nil)")
    assertArgError(raised(function() ee:once(0 / 0, f) end),
      "bad argument #1 to 'once' (event name must not be NaN)")
    assert.is_false(ee:emit(nil))
    assert.are.equal(0, ee:listenerCount(nil))
  end)
end)

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
    assert.are.same({ "first", "second" }, log)
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

describe("test-event-emitter-prepend", function()
  it("prepended listeners run first", function()
    local myEE = EventEmitter.new()
    local log = {}
    myEE:on("foo", function() log[#log + 1] = "last" end)
    myEE:prependListener("foo", function() log[#log + 1] = "second" end)
    myEE:prependOnceListener("foo", function() log[#log + 1] = "first" end)
    myEE:emit("foo")
    myEE:emit("foo")
    assert.are.same({ "first", "second", "last", "second", "last" }, log)
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

describe("test-event-emitter-remove-listeners", function()
  local function listener1() end
  local function listener2() end

  it("emits 'removeListener' with the removed function", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("removeListener", function(name, cb) log[#log + 1] = { name, cb } end)
    ee:removeListener("hello", listener1)
    assert.are.same({ { "hello", listener1 } }, log)
    assert.are.same({}, ee:listeners("hello"))
  end)

  it("removing an absent function does nothing", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("removeListener", function(name) log[#log + 1] = name end)
    ee:removeListener("hello", listener2)
    assert.are.same({}, log)
    assert.are.same({ listener1 }, ee:listeners("hello"))
  end)

  it("'removeListener' fires after the removal", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("hello", listener2)
    ee:once("removeListener", function(name, cb)
      log[#log + 1] = { name, cb, ee:listeners("hello") }
    end)
    ee:removeListener("hello", listener1)
    assert.are.same({ listener2 }, ee:listeners("hello"))
    ee:once("removeListener", function(name, cb)
      log[#log + 1] = { name, cb, ee:listeners("hello") }
    end)
    ee:removeListener("hello", listener2)
    assert.are.same({}, ee:listeners("hello"))
    assert.are.same({
      { "hello", listener1, { listener2 } },
      { "hello", listener2, {} },
    }, log)
  end)

  it("a listener removed from 'removeListener' is not emitted", function()
    local ee = EventEmitter.new()
    local log = {}
    local function remove1() log[#log + 1] = "remove1" end
    local function remove2() log[#log + 1] = "remove2" end
    ee:on("removeListener", function(name, cb)
      log[#log + 1] = { name, cb }
      if cb ~= remove1 then return end
      ee:removeListener("quux", remove2)
      ee:emit("quux")
    end)
    ee:on("quux", remove1)
    ee:on("quux", remove2)
    ee:removeListener("quux", remove1)
    assert.are.same({ { "quux", remove1 }, { "quux", remove2 } }, log)
  end)

  it("nested removals from 'removeListener'", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("hello", listener1)
    ee:on("hello", listener2)
    ee:once("removeListener", function(name, cb)
      log[#log + 1] = { name, cb, ee:listeners("hello") }
      ee:once("removeListener", function(name2, cb2)
        log[#log + 1] = { name2, cb2, ee:listeners("hello") }
      end)
      ee:removeListener("hello", listener2)
      log[#log + 1] = ee:listeners("hello")
    end)
    ee:removeListener("hello", listener1)
    assert.are.same({
      { "hello", listener1, { listener2 } },
      { "hello", listener2, {} },
      {},
    }, log)
    assert.are.same({}, ee:listeners("hello"))
  end)

  it("a listener removed during an emit still runs for that emit", function()
    local ee = EventEmitter.new()
    local log = {}
    local listener4
    local function listener3()
      log[#log + 1] = 3
      ee:removeListener("hello", listener4)
    end
    listener4 = function() log[#log + 1] = 4 end
    ee:on("hello", listener3)
    ee:on("hello", listener4)
    ee:emit("hello")
    ee:emit("hello")
    assert.are.same({ 3, 4, 3 }, log)
  end)

  it("a fired once listener reports its original when it was alone", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:once("hello", listener1)
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    ee:emit("hello")
    assert.are.same({ { "hello", listener1 } }, log)
  end)

  it("a fired once listener among others reports its wrapper (Node)", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:once("x", listener1)
    ee:on("x", listener2)
    local wrapper = ee:rawListeners("x")[1]
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    ee:emit("x")
    assert.are.same({ { "x", wrapper } }, log)
    assert.are.equal(listener1, wrapper.listener)
  end)

  it("removes the most recently added match", function()
    local ee = EventEmitter.new()
    ee:on("x", listener1)
    ee:once("x", listener1)
    ee:off("x", listener1)
    assert.are.same({ listener1 }, ee:rawListeners("x"))

    ee = EventEmitter.new()
    ee:once("x", listener1)
    local wrapper = ee:rawListeners("x")[1]
    ee:on("x", listener1)
    ee:off("x", listener1)
    assert.are.same({ wrapper }, ee:rawListeners("x"))
  end)

  it("removes a once listener by its wrapper", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:once("x", listener1)
    ee:on("x", listener2)
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    local wrapper = ee:rawListeners("x")[1]
    ee:off("x", wrapper)
    assert.are.same({ { "x", wrapper } }, log)
    assert.are.same({ listener2 }, ee:listeners("x"))
  end)

  it("the removed listener must be a function", function()
    local ee = EventEmitter.new()
    assertArgError(raised(function() ee:removeListener("foo", nil) end),
      "bad argument #2 to 'removeListener' (function expected, got nil)")
    assertArgError(raised(function() ee:off("foo", "x") end),
      "bad argument #2 to 'off' (function expected, got string)")
  end)

  it("works on an emitter with no listeners table", function()
    local ee = EventEmitter.new()
    ee._events = nil
    assert.are.equal(ee, ee:removeListener("foo", listener1))
    assert.is_nil(ee._events)
  end)
end)

describe("test-event-emitter-remove-all-listeners", function()
  local function listener() end

  it("removes one event's listeners, old copies unchanged", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    ee:on("bar", listener)
    ee:on("baz", listener)
    ee:on("baz", listener)
    local fooListeners = ee:listeners("foo")
    local barListeners = ee:listeners("bar")
    local bazListeners = ee:listeners("baz")
    local log = {}
    ee:on("removeListener", function(name) log[#log + 1] = name end)
    ee:removeAllListeners("bar")
    ee:removeAllListeners("baz")
    assert.are.same({ "bar", "baz", "baz" }, log)
    assert.are.same({ listener }, ee:listeners("foo"))
    assert.are.same({}, ee:listeners("bar"))
    assert.are.same({}, ee:listeners("baz"))
    assert.are.same({ listener }, fooListeners)
    assert.are.same({ listener }, barListeners)
    assert.are.same({ listener, listener }, bazListeners)
    assert.are_not.equal(barListeners, ee:listeners("bar"))
    assert.are.same({ "foo", "removeListener" }, ee:eventNames())
  end)

  it("removes everything, 'removeListener' listeners last and LIFO", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("foo", listener)
    ee:on("bar", listener)
    ee:on("removeListener", function(name) log[#log + 1] = { 1, name } end)
    ee:on("removeListener", function(name) log[#log + 1] = { 2, name } end)
    ee:removeAllListeners()
    assert.are.same({
      { 1, "foo" }, { 2, "foo" },
      { 1, "bar" }, { 2, "bar" },
      { 1, "removeListener" },
    }, log)
    assert.are.same({}, ee:listeners("foo"))
    assert.are.same({}, ee:listeners("bar"))
    assert.are.same({}, ee:eventNames())
  end)

  it("follows the order events were first listened to", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("a", listener)
    ee:on("removeListener", function(name) log[#log + 1] = { 1, name } end)
    ee:on("b", listener)
    ee:on("b", listener)
    ee:on("removeListener", function(name) log[#log + 1] = { 2, name } end)
    ee:removeAllListeners()
    assert.are.same({
      { 1, "a" }, { 2, "a" },
      { 1, "b" }, { 2, "b" },
      { 1, "b" }, { 2, "b" },
      { 1, "removeListener" },
    }, log)
  end)

  it("no listeners for the name is not an error", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("removeListener", function(name) log[#log + 1] = name end)
    assert.are.equal(ee, ee:removeAllListeners("foo"))
    assert.are.same({}, log)
  end)

  it("each 'removeListener' sees the shrinking list", function()
    local ee = EventEmitter.new()
    local lengths = {}
    ee:on("removeListener", function()
      lengths[#lengths + 1] = #ee:listeners("baz")
    end)
    ee:on("baz", function() end)
    ee:on("baz", function() end)
    ee:on("baz", function() end)
    assert.are.equal(3, #ee:listeners("baz"))
    ee:removeAllListeners("baz")
    assert.are.same({ 2, 1, 0 }, lengths)
    assert.are.equal(0, #ee:listeners("baz"))
  end)

  it("reports a once wrapper among others, then the last one's original", function()
    local ee = EventEmitter.new()
    local log = {}
    local f, g = function() end, function() end
    ee:once("x", f)
    ee:on("x", g)
    ee:on("removeListener", function(name, l) log[#log + 1] = { name, l } end)
    ee:removeAllListeners("x")
    assert.are.same({ { "x", g }, { "x", f } }, log)
  end)

  it("returns the emitter, even with no listeners table", function()
    local ee = EventEmitter.new()
    assert.are.equal(ee, ee:removeAllListeners())
    ee._events = nil
    assert.are.equal(ee, ee:removeAllListeners())
  end)

  it("does not change an emit in progress", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("x", function() log[#log + 1] = 1; ee:removeAllListeners() end)
    ee:on("x", function() log[#log + 1] = 2 end)
    assert.is_true(ee:emit("x"))
    assert.is_false(ee:emit("x"))
    assert.are.same({ 1, 2 }, log)
  end)
end)

describe("test-event-emitter-listener-count", function()
  it("counts per name, any name type", function()
    local emitter = EventEmitter.new()
    emitter:on("foo", function() end)
    emitter:on("foo", function() end)
    emitter:on("baz", function() end)
    emitter:on(123, function() end)
    assert.are.equal(2, events.listenerCount(emitter, "foo"))
    assert.are.equal(2, emitter:listenerCount("foo"))
    assert.are.equal(0, emitter:listenerCount("bar"))
    assert.are.equal(1, emitter:listenerCount("baz"))
    assert.are.equal(1, emitter:listenerCount(123))
    assert.are.equal(0, emitter:listenerCount("123"))
  end)

  it("counts one listener, once wrappers included", function()
    local emitter = EventEmitter.new()
    local f, g = function() end, function() end
    emitter:on("x", f)
    emitter:once("x", f)
    emitter:on("x", g)
    assert.are.equal(2, emitter:listenerCount("x", f))
    assert.are.equal(1, emitter:listenerCount("x", g))
    assert.are.equal(3, emitter:listenerCount("x"))
    assert.are.equal(0, emitter:listenerCount("y", f))
  end)
end)

describe("test-event-emitter-listeners", function()
  local function listener() end
  local function listener2() end

  it("a copy survives removeAllListeners", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local fooListeners = ee:listeners("foo")
    assert.are.same({ listener }, ee:listeners("foo"))
    ee:removeAllListeners("foo")
    assert.are.same({}, ee:listeners("foo"))
    assert.are.same({ listener }, fooListeners)
  end)

  it("changing the copy does not change the emitter", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local copy = ee:listeners("foo")
    copy[#copy + 1] = listener2
    assert.are.same({ listener }, ee:listeners("foo"))
    assert.are.same({ listener, listener2 }, copy)
  end)

  it("adding does not change an earlier copy", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local copy = ee:listeners("foo")
    ee:on("foo", listener2)
    assert.are.same({ listener, listener2 }, ee:listeners("foo"))
    assert.are.same({ listener }, copy)
  end)

  it("once listeners are listed as the original", function()
    local ee = EventEmitter.new()
    ee:once("foo", listener)
    assert.are.same({ listener }, ee:listeners("foo"))
    ee = EventEmitter.new()
    ee:on("foo", listener)
    ee:once("foo", listener2)
    assert.are.same({ listener, listener2 }, ee:listeners("foo"))
  end)

  it("no listeners table, or a subclass instance", function()
    local ee = EventEmitter.new()
    ee._events = nil
    assert.are.same({}, ee:listeners("foo"))
    local TestStream = EventEmitter:extend()
    assert.are.same({}, TestStream.new():listeners("foo"))
  end)

  it("rawListeners gives the wrappers", function()
    local ee = EventEmitter.new()
    ee:on("foo", listener)
    local wrapped = ee:rawListeners("foo")
    assert.are.equal(1, #wrapped)
    assert.are.equal(listener, wrapped[1])
    assert.are_not.equal(wrapped, ee:rawListeners("foo"))
    ee:once("foo", listener)
    local wrappedListeners = ee:rawListeners("foo")
    assert.are.equal(2, #wrappedListeners)
    assert.are.equal(listener, wrappedListeners[1])
    assert.are_not.equal(listener, wrappedListeners[2])
    assert.are.equal(listener, wrappedListeners[2].listener)
    ee:emit("foo")
    assert.are.equal(2, #wrappedListeners)
    assert.are.equal(listener, wrappedListeners[2].listener)
    assert.are.same({ listener }, ee:rawListeners("foo"))
  end)

  it("calling a raw once wrapper removes it", function()
    local ee = EventEmitter.new()
    local calls = 0
    ee:once("foo", function() calls = calls + 1 end)
    local w = ee:rawListeners("foo")[1]
    w()
    assert.are.equal(1, calls)
    assert.are.same({}, ee:listeners("foo"))
    assert.is_false(ee:emit("foo"))
    -- A wrapper can be added back by hand and stays spent.
    ee:on("foo", w)
    assert.is_true(ee:emit("foo"))
    assert.are.equal(1, calls)
  end)
end)

describe("test-event-emitter-num-args", function()
  for number = 0, 5 do
    it(("one and several listeners get %d arguments"):format(number), function()
      for _, count in ipairs({ 1, 3 }) do
        local ee = EventEmitter.new()
        local got = {}
        for _ = 1, count do
          ee:on("numArgs", function(...) got[#got + 1] = select("#", ...) end)
        end
        ee:emit("numArgs", table.unpack({}, 1, number)) -- `number` nils
        local want = {}
        for k = 1, count do want[k] = number end
        assert.are.same(want, got)
      end
    end)
  end

  it("emit with up to 3 arguments does not allocate", function()
    local ee = EventEmitter.new()
    local sum = 0
    ee:on("data", function(a, b, c) sum = sum + a + (b or 0) + (c or 0) end)
    ee:on("data", function(a) sum = sum + a end)
    for _ = 1, 100 do ee:emit("data", 1, 2, 3) end
    collectgarbage("collect")
    collectgarbage("stop")
    local before = collectgarbage("count")
    for _ = 1, 10000 do
      ee:emit("data", 1)
      ee:emit("data", 1, 2)
      ee:emit("data", 1, 2, 3)
      ee:emit("none", 1, 2, 3)
    end
    local grew = collectgarbage("count") - before
    collectgarbage("restart")
    assert.are.equal(100 * 7 + 10000 * (2 + 4 + 7), sum)
    assert.is_true(grew < 1, ("emit allocated %.1f KB"):format(grew))
  end)
end)

describe("test-event-emitter-errors", function()
  it("an unhandled 'error' raises the value itself", function()
    local ee = EventEmitter.new()
    assert.are.equal("Accepts a string", raised(ee.emit, ee, "error", "Accepts a string"))
    local obj = { message = "Error!" }
    assert.are.equal(obj, raised(ee.emit, ee, "error", obj))
  end)

  it("a handled 'error' is an ordinary event", function()
    local ee = EventEmitter.new()
    local got = {}
    ee:on("error", function(e) got[#got + 1] = e end)
    assert.is_true(ee:emit("error", "boom"))
    assert.are.same({ "boom" }, got)
  end)

  it("a listener's error stops the emit and reaches the caller", function()
    local ee = EventEmitter.new()
    local log = {}
    ee:on("x", function() log[#log + 1] = 1; error("bad", 0) end)
    ee:on("x", function() log[#log + 1] = 2 end)
    assert.are.equal("bad", raised(ee.emit, ee, "x"))
    assert.are.same({ 1 }, log)
  end)
end)

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

describe("test-event-emitter-listeners-side-effects", function()
  it("listing creates nothing and returns copies", function()
    local e = EventEmitter.new()
    local fl = e:listeners("foo")
    assert.are.same({}, fl)
    assert.is_nil(e._events)
    local fail = function() end
    local ok = function() end
    e:on("foo", fail)
    fl = e:listeners("foo")
    assert.are.same({ fail }, fl)
    e:listeners("bar")
    assert.is_nil(e._events.bar)
    e:on("foo", ok)
    assert.are.same({ fail, ok }, e._events.foo)
    assert.are.same({ fail }, fl)
    assert.are.same({ "foo" }, e:eventNames())
  end)

  -- The storage contract in events.lua's header (C emits from it too):
  -- arrays change in place unless an emit is running over them.
  it("listener arrays change in place only while no emit runs them", function()
    local e = EventEmitter.new()
    local f, g = function() end, function() end
    e:on("foo", f)
    local a1 = e._events.foo
    e:on("foo", g)
    assert.are.equal(a1, e._events.foo)
    e:off("foo", f)
    assert.are.equal(a1, e._events.foo)
    assert.are.same({ g }, a1)
    local seen
    e:on("foo", function()
      local a = e._events.foo
      seen = { a[0] }
      e:on("foo", f)
      seen[2] = rawequal(a, e._events.foo)
      seen[3] = #a
    end)
    local a2 = e._events.foo
    e:emit("foo")
    assert.are.same({ 1, false, 2 }, seen)
    assert.is_nil(a2[0])
    assert.are.same({ g, a2[2], f }, e._events.foo)
  end)
end)

describe("test-event-emitter-modify-in-emit", function()
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
    assert.are.same({ "callback1" }, called)
    e:emit("foo")
    assert.are.equal(0, #e:listeners("foo"))
    assert.are.same({ "callback1", "callback2", "callback3" }, called)
    e:emit("foo")
    assert.are.equal(0, #e:listeners("foo"))
    assert.are.same({ "callback1", "callback2", "callback3" }, called)

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
    assert.are.same({ "callback2", "callback3" }, called)
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

describe("test-event-emitter-method-names", function()
  it("aliases are the same function and the set is Node's", function()
    local m = events.methods
    assert.are.equal(m.on, m.addListener)
    assert.are.equal(m.off, m.removeListener)
    local names = {}
    for k, v in pairs(m) do
      assert.are.equal("function", type(v))
      names[#names + 1] = k
    end
    table.sort(names)
    assert.are.same({ "addListener", "emit", "eventNames", "getMaxListeners",
                      "listenerCount", "listeners", "off", "on", "once",
                      "prependListener", "prependOnceListener", "rawListeners",
                      "removeAllListeners", "removeListener", "setMaxListeners" },
                    names)
    for k, v in pairs(m) do assert.are.equal(v, EventEmitter[k]) end
  end)
end)

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

describe("test-event-emitter-set-max-listeners-side-effects", function()
  it("creates no listeners table", function()
    local e = EventEmitter.new()
    e:setMaxListeners(1)
    assert.is_nil(e._events)
  end)
end)

describe("test-event-emitter-subclass", function()
  it("initialize runs on new, listeners work inside it", function()
    local MyEE = EventEmitter:extend()
    local log = {}
    function MyEE:initialize(cb, extra)
      log[#log + 1] = { "init", extra }
      self:once(1, cb)
      self:emit(1)
      self:removeAllListeners()
    end
    local myee = MyEE.new(function() log[#log + 1] = "called" end, "x")
    assert.are.same({ { "init", "x" }, "called" }, log)
    assert.are.same({}, myee:eventNames())
    assert.is_true(MyEE:isInstance(myee))
    assert.is_true(EventEmitter:isInstance(myee))
    assert.is_false(MyEE:isInstance(EventEmitter.new()))
    assert.is_false(MyEE:isInstance("x"))
  end)

  it("an unhandled 'error' in initialize reaches new's caller", function()
    local ErrorEE = EventEmitter:extend()
    function ErrorEE:initialize()
      self:emit("error", "blerg")
    end
    assert.are.equal("blerg", raised(ErrorEE.new))
  end)

  it("instances do not share listeners", function()
    local MyEE2 = EventEmitter:extend()
    local Sub = MyEE2:extend()
    local ee1, ee2 = MyEE2.new(), Sub.new()
    ee1:on("x", function() end)
    assert.are.equal(0, ee2:listenerCount("x"))
    assert.are.equal(1, ee1:listenerCount("x"))
    assert.is_true(MyEE2:isInstance(ee2))
    assert.is_false(Sub:isInstance(ee1))
  end)

  it("a subclass overrides methods; once goes through the override", function()
    local Sub = EventEmitter:extend()
    local log = {}
    function Sub:on(name, fn)
      log[#log + 1] = { "on", name }
      return EventEmitter.on(self, name, fn)
    end
    function Sub:removeListener(name, fn)
      log[#log + 1] = { "removeListener", name }
      return EventEmitter.removeListener(self, name, fn)
    end
    local s = Sub.new()
    s:once("data", function(v) log[#log + 1] = { "data", v } end)
    s:emit("data", 7)
    s:emit("data", 8)
    assert.are.same({ { "on", "data" }, { "removeListener", "data" }, { "data", 7 } }, log)
  end)
end)

describe("cstream: emitter on a userdata-like object", function()
  it("keeps its state only in self._events and self._maxListeners", function()
    local obj, fields = proxyEmitter()
    local log = {}
    local f = function(v) log[#log + 1] = v end
    obj:on("data", f)
    obj:once("data", function(v) log[#log + 1] = "once " .. v end)
    obj:prependListener("end", f)
    obj:emit("data", 1)
    obj:emit("data", 2)
    obj:setMaxListeners(5)
    obj:off("data", f)
    obj:removeAllListeners()
    assert.are.same({ 1, "once 1", 2 }, log)
    assert.is_nil(next(obj)) -- nothing stored raw
    local keys = {}
    for k in pairs(fields) do keys[#keys + 1] = k end
    table.sort(keys)
    assert.are.same({ "_events", "_maxListeners" }, keys)
    assert.are.equal(5, obj:getMaxListeners())
  end)
end)
