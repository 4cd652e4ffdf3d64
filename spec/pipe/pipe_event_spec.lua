-- test-stream-pipe-event.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

describe("test-stream-pipe-event", function()
  it("pipe() emits 'pipe' on the destination synchronously, with the source", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    local r = Readable.new({ read = helper.noop })
    w:on("pipe", function(src) helper.put(log, "pipe:" .. tostring(src == r)) end)
    r:pipe(w)
    helper.put(log, "after")
    helper.settle()
    assert.are.same({ "pipe:true", "after" }, log)
  end)
end)
