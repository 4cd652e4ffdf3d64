-- test-stream-writable-final-async.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_final_async.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable
local Duplex = stream.Duplex

local node = twin.run("test/twins/writable/writable_final_async.js")

describe("test-stream-writable-final-async", function()
  -- twin: writable
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
    assert.are.same(node.writable, log)
  end)

  -- twin: duplex
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
    assert.are.same(node.duplex, log)
  end)
end)
