-- test-stream-pipe-without-listenerCount.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_without_listenerCount.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/pipe_without_listenerCount.js")

describe("test-stream-pipe-without-listenerCount", function()
  -- twin: errors_from_pipe_listener
  it("errors emitted from a 'pipe' listener reach each stream's own listener", function()
    local log = {}
    local r = Readable.new({ read = helper.noop })
    local w = Writable.new({ write = helper.write_ok })
    w:on("pipe", function()
      r:emit("error", "Readable Error")
      w:emit("error", "Writable Error")
    end)
    r:on("error", function(e) helper.put(log, "r:" .. e) end)
    w:on("error", function(e) helper.put(log, "w:" .. e) end)
    r:pipe(w)
    helper.put(log, "piped:" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same(node.errors_from_pipe_listener, log)
  end)
end)
