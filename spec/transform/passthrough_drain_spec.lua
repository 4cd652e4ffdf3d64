-- test-stream-passthrough-drain.js (Node 20's test/parallel/), translated; sequences from test/twins/transform/passthrough_drain.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local PassThrough = stream.PassThrough

local node = twin.run("test/twins/transform/passthrough_drain.js")

describe("test-stream-passthrough-drain", function()
  -- twin: hwm0
  it("highWaterMark 0: read() empties the buffer and 'drain' fires", function()
    local log = {}
    local pt = PassThrough.new({ highWaterMark = 0 })
    pt:on("drain", function() helper.put(log, "drain") end)
    helper.put(log, pt:write("hello1"))
    helper.put(log, helper.nullstr(pt:read()))
    helper.put(log, helper.nullstr(pt:read()))
    helper.settle()
    assert.are.same(node.hwm0, twin.strings(log))
  end)
end)
