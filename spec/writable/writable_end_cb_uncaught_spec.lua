-- test-stream-writable-end-cb-uncaught.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

-- Node's test lets the _final error go uncaught (no 'error' listener); a Lua spec
-- cannot survive that inside the loop, so it listens and checks the same values.
describe("test-stream-writable-end-cb-uncaught", function()
  it("a _final error reaches 'error' and the finish() callback, same value", function()
    local log, got = {}, nil
    local er = helper.E("kaboom")
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, "write")
      cb()
    end
    w._final = function(self, cb)
      helper.put(log, "final")
      cb(er)
    end
    helper.on(w, log, "error", "prefinish", "finish", "close")
    w:write("asd")
    w:finish(function(err)
      got = err
      helper.put(log, "endcb:" .. helper.errtext(err))
    end)
    helper.settle()
    assert.are.same({ "write", "final", "error:kaboom", "close", "endcb:kaboom" }, log)
    assert.are.equal(er, got)
  end)
end)
