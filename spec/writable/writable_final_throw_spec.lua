-- test-stream-writable-final-throw.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_final_throw.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable
local Duplex = stream.Duplex

local node = twin.run("test/twins/writable/writable_final_throw.js")

-- Node catches a throw in _final; in Lua the raised error does the same (API.md §3).
describe("test-stream-writable-final-throw", function()
  -- twin: writable
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
    assert.are.same(node.writable, log)
    assert.are.equal(1, writes)
  end)

  -- twin: duplex_subclass
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
    assert.are.same(node.duplex_subclass, log)
  end)
end)
