-- test-stream-writable-final-throw.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable
local Duplex = stream.Duplex

-- Node catches a throw in _final; in Lua the raised error does the same (API.md §3).
describe("test-stream-writable-final-throw", function()
  it("an error raised in _final: 'error', 'close', the callback gets it", function()
    local log = {}
    local writes = 0
    local w = Writable.new({
      write = function(self, c, e, cb)
        writes = writes + 1
        helper.put(log, "write")
        cb()
      end,
      final = function()
        helper.put(log, "final")
        error(helper.E("fhqwhgads"))
      end,
    })
    helper.on(w, log, "error", "close", "finish", "prefinish")
    w:finish("test", function(err) helper.put(log, "endcb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "write", "final", "sync", "error:fhqwhgads", "close", "endcb:fhqwhgads" }, log)
    assert.are.equal(1, writes)
  end)

  it("an error raised in a Duplex subclass's _final", function()
    local log = {}
    local Foo = Duplex:extend()
    function Foo:_final()
      helper.put(log, "final")
      error(helper.E("fhqwhgads"))
    end
    function Foo:_read() end
    local foo = Foo.new()
    foo._write = function(self, c, e, cb)
      helper.put(log, "write")
      cb()
    end
    helper.on(foo, log, "error", "close")
    foo:finish("test")
    helper.settle()
    assert.are.same({ "write", "final", "error:fhqwhgads", "close" }, log)
  end)
end)
