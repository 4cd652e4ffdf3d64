-- test-stream-pipe-event.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_event.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/pipe_event.js")

describe("test-stream-pipe-event", function()
  -- twin: pipe_event
  it("pipe() emits 'pipe' on the destination synchronously, with the source", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    local r = Readable.new({ read = helper.noop })
    w:on("pipe", function(src) helper.put(log, "pipe:" .. tostring(src == r)) end)
    r:pipe(w)
    helper.put(log, "after")
    helper.settle()
    assert.are.same(node.pipe_event, log)
  end)
end)
