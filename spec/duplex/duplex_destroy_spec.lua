-- test-stream-duplex-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/duplex/duplex_destroy.js.
local node = twin.run("test/twins/duplex/duplex_destroy.js")

describe("test-stream-duplex-destroy", function()
  -- twin: destroy_close_only
  it("destroy() emits only 'close'", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop })
    d:resume()
    helper.record(d, log)
    d:destroy()
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.destroy_close_only, twin.strings(log))
  end)

  -- twin: destroy_err
  it("destroy(err) emits 'error' then 'close'", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop })
    d:resume()
    local expected = { message = "kaboom" }
    local got
    helper.record(d, log)
    d:on("error", function(e) got = e end)
    d:destroy(expected)
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.destroy_err, twin.strings(log))
    assert.are.equal(expected, got)
  end)

  -- twin: method_passes_error
  it("_destroy as a method receives the error and passes it on", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop })
    function d:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      cb(err)
    end
    helper.record(d, log)
    d:destroy("kaboom")
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.method_passes_error, twin.strings(log))
  end)

  -- twin: option_swallows
  it("a destroy option that calls back without the error swallows it", function()
    local log = {}
    local d = Duplex.new({
      write = helper.write_ok, read = helper.noop,
      destroy = function(_, err, cb)
        helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
        cb()
      end,
    })
    d:resume()
    helper.record(d, log)
    d:destroy("kaboom")
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.option_swallows, twin.strings(log))
  end)

  -- twin: destroy_nil_error
  it("_destroy gets nil when destroy() had no error", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop })
    function d:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      cb()
    end
    helper.record(d, log)
    d:destroy()
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.destroy_nil_error, twin.strings(log))
  end)

  -- twin: push_end_in_async_destroy
  it("push(nil) and end() inside an async _destroy emit neither 'end' nor 'finish'", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop })
    d:resume()
    function d:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      helper.nextTick(function()
        self:push(nil)
        self["end"](self)
        helper.put(log, "cb")
        cb()
      end)
    end
    local function fail() helper.put(log, "fail") end
    d:on("finish", fail)
    d:on("end", fail)
    d:destroy()
    d:removeListener("end", fail)
    d:removeListener("finish", fail)
    helper.record(d, log)
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.push_end_in_async_destroy, twin.strings(log))
  end)

  -- twin: destroy_turned_error
  it("_destroy may turn destroy() into an error", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop })
    function d:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      cb("kaboom")
    end
    helper.record(d, log)
    d:destroy()
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.destroy_turned_error, twin.strings(log))
  end)

  -- twin: half_open_destroy
  it("allowHalfOpen = true: destroy() emits neither 'end' nor 'finish'", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop, allowHalfOpen = true })
    d:resume()
    helper.record(d, log)
    d:destroy()
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same(node.half_open_destroy, twin.strings(log))
  end)

  -- Node's `duplex.destroyed = true` case is left out: the property is
  -- read-only in Lua (API.md section 6).

  -- twin: subclass_init
  it("a subclass sees destroyed == false in initialize", function()
    local log = {}
    local MyDuplex = Duplex:extend()
    function MyDuplex:initialize() helper.put(log, self.destroyed) end
    MyDuplex.new()
    helper.settle()
    assert.are.same(node.subclass_init, twin.strings(log))
  end)

  -- twin: not_writable_auto_destroy
  it("writable = false: the end of the readable side auto-destroys", function()
    local log = {}
    local d = Duplex.new({ writable = false, autoDestroy = true, write = helper.write_ok, read = helper.noop })
    helper.record(d, log)
    d:push(nil)
    d:resume()
    helper.settle()
    assert.are.same(node.not_writable_auto_destroy, twin.strings(log))
  end)

  -- twin: not_readable_auto_destroy
  it("readable = false: 'finish' auto-destroys", function()
    local log = {}
    local d = Duplex.new({ readable = false, autoDestroy = true, write = helper.write_ok, read = helper.noop })
    helper.record(d, log)
    d["end"](d)
    helper.settle()
    assert.are.same(node.not_readable_auto_destroy, twin.strings(log))
  end)

  -- twin: no_half_open_end
  it("allowHalfOpen = false ends the writable side on the tick after 'end'", function()
    local log = {}
    local d = Duplex.new({ allowHalfOpen = false, autoDestroy = true, write = helper.write_ok, read = helper.noop })
    helper.record(d, log)
    d:push(nil)
    d:resume()
    d:on("end", function()
      helper.nextTick(function() helper.put(log, "tick after end:" .. tostring(d.writableEnded)) end)
    end)
    helper.settle()
    assert.are.same(node.no_half_open_end, twin.strings(log))
  end)

  -- twin: corked_write_destroyed
  it("a corked write is called back with ERR_STREAM_DESTROYED", function()
    local log = {}
    local d = Duplex.new({ read = helper.noop, write = helper.write_ok })
    helper.record(d, log)
    d:cork()
    d:write("foo", function(err) helper.put(log, "cb:" .. helper.errtext(err, "null")) end)
    d:destroy()
    helper.settle()
    assert.are.same(node.corked_write_destroyed, twin.strings(log))
  end)
end)
