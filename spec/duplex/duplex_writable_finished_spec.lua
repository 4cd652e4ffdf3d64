-- test-stream-duplex-writable-finished.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Duplex = stream.Duplex

describe("test-stream-duplex-writable-finished", function()
  it("writableFinished is false in _write, true in 'finish' and the end callback", function()
    local log = {}
    local d = Duplex.new()
    function d:_write(_, _, cb)
      helper.put(log, "write:" .. tostring(d.writableFinished))
      cb()
    end
    d:on("finish", function() helper.put(log, "finish:" .. tostring(d.writableFinished)) end)
    d["end"](d, "testing finished state", function()
      helper.put(log, "endcb:" .. tostring(d.writableFinished))
    end)
    helper.settle()
    assert.are.same({ "write:false", "endcb:true", "finish:true" }, log)
  end)
end)
