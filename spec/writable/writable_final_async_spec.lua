-- test-stream-writable-final-async.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable
local Duplex = stream.Duplex

describe("test-stream-writable-final-async", function()
  it("_final calling back from a timer (Writable)", function()
    local log = {}
    local w = Writable.new({
      final = function(self, cb)
        helper.put(log, "final")
        helper.setTimeout(function()
          helper.put(log, "final-done")
          cb()
        end, 1)
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write")
        cb()
      end,
    })
    w:finish("test", function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    helper.on(w, log, "error", "prefinish", "finish", "close")
    helper.settle()
    assert.are.same({ "write", "final", "final-done", "prefinish", "endcb:nil", "finish", "close" }, log)
  end)

  it("_final calling back from a timer (Duplex, as Node's test)", function()
    local log = {}
    local d = Duplex.new({
      final = function(self, cb)
        helper.put(log, "final")
        helper.setTimeout(function()
          helper.put(log, "final-done")
          cb()
        end, 1)
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write")
        cb()
      end,
      read = function() end,
    })
    d:finish("test", function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    helper.on(d, log, "error", "finish")
    helper.settle()
    assert.are.same({ "write", "final", "final-done", "endcb:nil", "finish" }, log)
  end)
end)
