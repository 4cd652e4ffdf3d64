-- test-stream-writableState-ending.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writableState_ending.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writableState_ending.js")

describe("test-stream-writableState-ending", function()
  -- twin: ending
  it("ending/ended (writableEnded) and finished through finish()", function()
    local log = {}
    local w = Writable.new()
    local function st()
      return ("ending=%s finished=%s"):format(tostring(w.writableEnded), tostring(w.writableFinished))
    end
    w._write = function(self, c, e, cb)
      helper.put(log, "write " .. st())
      cb()
    end
    w:on("finish", function() helper.put(log, "finish " .. st()) end)
    local r = w:finish("testing function end()", function() helper.put(log, "endcb " .. st()) end)
    helper.put(log, "sync self=" .. tostring(r == w) .. " " .. st())
    helper.settle()
    assert.are.same(node.ending, log)
  end)
end)
