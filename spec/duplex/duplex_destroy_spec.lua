-- test-stream-duplex-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Duplex = stream.Duplex

describe("test-stream-duplex-destroy", function()
  it("destroy() emits only 'close'", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop })
    d:resume()
    helper.record(d, log)
    d:destroy()
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same({ true, "close" }, log)
  end)

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
    assert.are.same({ true, "error:kaboom", "close" }, log)
    assert.are.equal(expected, got)
  end)

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
    assert.are.same({ "_destroy:kaboom", true, "error:kaboom", "close" }, log)
  end)

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
    assert.are.same({ "_destroy:kaboom", true, "close" }, log)
  end)

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
    assert.are.same({ "_destroy:null", true, "close" }, log)
  end)

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
    assert.are.same({ "_destroy:null", true, "cb", "close" }, log)
  end)

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
    assert.are.same({ "_destroy:null", true, "error:kaboom", "close" }, log)
  end)

  it("allowHalfOpen = true: destroy() emits neither 'end' nor 'finish'", function()
    local log = {}
    local d = Duplex.new({ write = helper.write_ok, read = helper.noop, allowHalfOpen = true })
    d:resume()
    helper.record(d, log)
    d:destroy()
    helper.put(log, d.destroyed)
    helper.settle()
    assert.are.same({ true, "close" }, log)
  end)

  -- Node's `duplex.destroyed = true` case is left out: the property is
  -- read-only in Lua (API.md section 6).

  it("a subclass sees destroyed == false in initialize", function()
    local log = {}
    local MyDuplex = Duplex:extend()
    function MyDuplex:initialize() helper.put(log, self.destroyed) end
    MyDuplex.new()
    helper.settle()
    assert.are.same({ false }, log)
  end)

  it("writable = false: the end of the readable side auto-destroys", function()
    local log = {}
    local d = Duplex.new({ writable = false, autoDestroy = true, write = helper.write_ok, read = helper.noop })
    helper.record(d, log)
    d:push(nil)
    d:resume()
    helper.settle()
    assert.are.same({ "end", "close" }, log)
  end)

  it("readable = false: 'finish' auto-destroys", function()
    local log = {}
    local d = Duplex.new({ readable = false, autoDestroy = true, write = helper.write_ok, read = helper.noop })
    helper.record(d, log)
    d["end"](d)
    helper.settle()
    assert.are.same({ "finish", "close" }, log)
  end)

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
    assert.are.same({ "end", "tick after end:false", "finish", "close" }, log)
  end)

  it("a corked write is called back with ERR_STREAM_DESTROYED", function()
    local log = {}
    local d = Duplex.new({ read = helper.noop, write = helper.write_ok })
    helper.record(d, log)
    d:cork()
    d:write("foo", function(err) helper.put(log, "cb:" .. helper.errtext(err, "null")) end)
    d:destroy()
    helper.settle()
    assert.are.same({ "cb:ERR_STREAM_DESTROYED", "close" }, log)
  end)
end)
