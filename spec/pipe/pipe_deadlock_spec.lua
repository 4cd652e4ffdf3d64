-- test-stream-pipe-deadlock.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_deadlock.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local function zeros(n) return string.rep("\0", n) end

local node = twin.run("test/twins/pipe/pipe_deadlock.js")

describe("test-stream-pipe-deadlock", function()
  -- twin: ended_paused_source
  it("an ended, paused source piped into a full destination still finishes (#48666)", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    src:push(zeros(100))
    src:push(nil)
    src:pause()
    helper.setImmediate(function()
      local dst = Writable.new({
        highWaterMark = 1000,
        write = function(_, buf, _, cb)
          helper.put(log, "write:" .. #buf)
          helper.nextTick(cb)
        end,
      })
      helper.put(log, dst:write(zeros(1000)))
      dst:on("finish", function() helper.put(log, "finish") end)
      src:pipe(dst)
    end)
    helper.settle()
    assert.are.same(node.ended_paused_source, twin.strings(log))
  end)
end)
