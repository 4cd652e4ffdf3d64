-- test-stream-passthrough-drain.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local PassThrough = stream.PassThrough

describe("test-stream-passthrough-drain", function()
  it("highWaterMark 0: read() empties the buffer and 'drain' fires", function()
    local log = {}
    local pt = PassThrough.new({ highWaterMark = 0 })
    pt:on("drain", function() helper.put(log, "drain") end)
    helper.put(log, pt:write("hello1"))
    helper.put(log, helper.nullstr(pt:read()))
    helper.put(log, helper.nullstr(pt:read()))
    helper.settle()
    assert.are.same({ false, "hello1", "drain", "null" }, log)
  end)
end)
