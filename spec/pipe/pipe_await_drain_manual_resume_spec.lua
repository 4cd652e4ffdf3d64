-- test-stream-pipe-await-drain-manual-resume.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_await_drain_manual_resume.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local function zeros(n) return string.rep("\0", n) end

-- Node's _readableState.awaitDrainWriters as the twins print it. cstream keeps
-- it in the source's Lua field _awaitDrain (lua/cstream/init.lua): nil, the one
-- destination, or a set of destinations once there are several pipes.
local function AW(src, w)
  local a = src._awaitDrain
  if a == nil then return "null" end
  if a == w then return "w" end
  if type(a) == "table" then
    local n = 0
    for _ in pairs(a) do n = n + 1 end
    return "set" .. n
  end
  return "?"
end

local node = twin.run("test/twins/pipe/pipe_await_drain_manual_resume.js")

describe("test-stream-pipe-await-drain-manual-resume", function()
  -- twin: resume_while_buffering
  it("resume() while the destination still buffers pauses again, then all flows", function()
    local log = {}
    local writable = Writable.new({ highWaterMark = 5 })
    local buffering, queue = true, {}
    function writable:_write(chunk, _, cb)
      helper.put(log, "write:" .. #chunk)
      if buffering then queue[#queue + 1] = cb else cb() end
    end
    local readable = Readable.new({ read = helper.noop })
    readable:pipe(writable)
    readable:once("pause", function()
      helper.put(log, "pause1")
      helper.nextTick(function()
        helper.put(log, "resume")
        readable:resume()
      end)
      readable:once("pause", function()
        helper.put(log, "pause2:" .. #queue)
        buffering = false
        for _, cb in ipairs(queue) do cb() end
      end)
    end)
    helper.put(log, readable:push(zeros(100)), readable:push(zeros(100)), readable:push(zeros(100)),
      readable:push(nil))
    writable:on("finish", function() helper.put(log, "finish") end)
    readable:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.resume_while_buffering, twin.strings(log))
  end)
end)

describe("test-stream-pipe-await-drain-manual-resume (awaitDrainWriters)", function()
  -- twin: await_drain_writers
  it("the source waits on the destination at both pauses, on nothing at 'finish'", function()
    local log = {}
    local writable = Writable.new({ highWaterMark = 5 })
    local buffering, queue = true, {}
    function writable:_write(_, _, cb)
      if buffering then queue[#queue + 1] = cb else cb() end
    end
    local readable = Readable.new({ read = helper.noop })
    readable:pipe(writable)
    readable:once("pause", function()
      helper.put(log, "pause1:" .. AW(readable, writable))
      helper.nextTick(function() readable:resume() end)
      readable:once("pause", function()
        helper.put(log, "pause2:" .. AW(readable, writable))
        buffering = false
        for _, cb in ipairs(queue) do cb() end
      end)
    end)
    readable:push(zeros(100))
    readable:push(zeros(100))
    readable:push(zeros(100))
    readable:push(nil)
    writable:on("finish", function() helper.put(log, "finish:" .. AW(readable, writable)) end)
    helper.settle()
    assert.are.same(node.await_drain_writers, log)
  end)
end)
