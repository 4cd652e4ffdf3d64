-- test-stream-writable-final-destroy.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_final_destroy.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_final_destroy.js")

describe("test-stream-writable-final-destroy", function()
  -- twin: destroy_during_final
  it("destroy() while _final is pending: no 'prefinish', no 'finish', 'close'", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb) cb(nil) end,
      final = function(self, cb)
        helper.put(log, "final")
        helper.nextTick(cb) -- Node's queueMicrotask
      end,
    })
    w:finish()
    w:destroy()
    helper.on(w, log, "prefinish", "finish", "close", "error")
    helper.settle()
    assert.are.same(node.destroy_during_final, log)
  end)
end)
