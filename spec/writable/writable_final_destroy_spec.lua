-- test-stream-writable-final-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-final-destroy", function()
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
    assert.are.same({ "final", "close" }, log)
  end)
end)
