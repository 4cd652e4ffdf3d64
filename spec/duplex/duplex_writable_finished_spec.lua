-- test-stream-duplex-writable-finished.js (Node 20's test/parallel/), translated; sequences from test/twins/duplex/duplex_writable_finished.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

local node = twin.run("test/twins/duplex/duplex_writable_finished.js")

describe("test-stream-duplex-writable-finished", function()
  -- twin: writable_finished
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
    assert.are.same(node.writable_finished, log)
  end)
end)
