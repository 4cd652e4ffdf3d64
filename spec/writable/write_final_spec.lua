-- test-stream-write-final.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/write_final.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/write_final.js")

describe("test-stream-write-final", function()
  -- twin: final_option
  it("'finish' waits for the final option's callback; self is the stream", function()
    local log = {}
    local w
    w = Writable.new({
      final = function(self, cb)
        helper.put(log, "final self=" .. tostring(self == w))
        helper.setTimeout(function()
          helper.put(log, "shutdown")
          cb()
        end, 100)
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. #c)
        helper.nextTick(cb)
      end,
    })
    helper.on(w, log, "prefinish", "finish")
    w:write("x")
    w:finish("")
    helper.settle()
    assert.are.same(node.final_option, log)
  end)
end)
