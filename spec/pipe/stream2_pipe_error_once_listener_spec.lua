-- test-stream2-pipe-error-once-listener.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/stream2_pipe_error_once_listener.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/stream2_pipe_error_once_listener.js")

describe("test-stream2-pipe-error-once-listener", function()
  -- twin: once_listener
  it("an 'error' emitted from _write with a once listener does not escape", function()
    local log = {}
    local Read = Readable:extend()
    function Read:_read()
      self:push("x")
      self:push(nil)
    end
    local Write = Writable:extend()
    function Write:_write()
      self:emit("error", "boom")
      self:emit("alldone")
    end
    local read, write = Read.new(), Write.new()
    write:once("error", function(e) helper.put(log, "error:" .. e) end)
    write:once("alldone", function() helper.put(log, "alldone") end)
    write:on("close", function() helper.put(log, "close") end)
    read:pipe(write)
    helper.settle()
    assert.are.same(node.once_listener, log)
  end)
end)
