-- test-stream-duplex.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Duplex = stream.Duplex
local Transform = stream.Transform
local twin = require("spec.twin")
local node = twin.run("test/twins/duplex/duplex_objects.js")

describe("test-stream-duplex", function()
  -- twin: object_mode
  it("an object-mode Duplex reads and writes objects on both sides", function()
    local log = {}
    local s = Duplex.new({ objectMode = true })
    helper.put(log, s.readableObjectMode, s.writableObjectMode, s.allowHalfOpen, s:listenerCount("end"))
    function s:_write(obj, _, cb)
      helper.put(log, "write:" .. obj.val)
      cb()
    end
    function s:_read() end
    s:on("data", function(o) helper.put(log, "data:" .. o.val) end)
    helper.record(s, log, { "finish", "end", "close" })
    s:push({ val = 1 })
    s["end"](s, { val = 2 })
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.object_mode, twin.strings(log))
  end)

  it("Duplex:isInstance and the class chain", function()
    local d = Duplex.new()
    assert.is_true(Duplex:isInstance(d))
    assert.is_true(Readable:isInstance(d))
    assert.is_true(stream.Writable:isInstance(d))
    assert.is_false(Transform:isInstance(d))
    assert.is_true(stream.isReadable(d))
    assert.is_true(stream.isWritable(d))
    helper.settle()
  end)
end)
