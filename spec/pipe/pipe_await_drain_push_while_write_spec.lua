-- test-stream-pipe-await-drain-push-while-write.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_await_drain_push_while_write.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

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

local function zeros(n) return string.rep("\0", n) end

local node = twin.run("test/twins/pipe/pipe_await_drain_push_while_write.js")

describe("test-stream-pipe-await-drain-push-while-write", function()
  -- twin: push_in_write
  it("a push above the highWaterMark from inside _write does not stall the pipe", function()
    local log = {}
    local bufs = { zeros(32 * 1024), zeros(33 * 1024) }
    local readable
    readable = Readable.new({
      read = function(self)
        while #bufs > 0 do helper.put(log, "push:" .. tostring(self:push(table.remove(bufs, 1)))) end
      end,
    })
    local writable = Writable.new({
      write = function(_, chunk, _, cb)
        helper.put(log, "write:" .. #chunk)
        if #chunk == 32 * 1024 then
          helper.put(log, "push34k:" .. tostring(readable:push(zeros(34 * 1024))))
        end
        cb()
      end,
    })
    readable:pipe(writable)
    writable:on("drain", function() helper.put(log, "drain") end)
    helper.settle()
    assert.are.same(node.push_in_write, log)
  end)

  -- twin: awaits_after_write
  it("awaits the destination only after the write that overfilled it returns", function()
    local log = {}
    local bufs = { zeros(32 * 1024), zeros(33 * 1024) }
    local readable, writable
    readable = Readable.new({
      read = function(self)
        while #bufs > 0 do self:push(table.remove(bufs, 1)) end
      end,
    })
    writable = Writable.new({
      write = function(_, chunk, _, cb)
        helper.put(log, "write:" .. #chunk .. ":" .. AW(readable, writable))
        if #chunk == 32 * 1024 then
          readable:push(zeros(34 * 1024))
          helper.nextTick(function() helper.put(log, "tick:" .. AW(readable, writable)) end)
        end
        helper.nextTick(cb)
      end,
    })
    readable:pipe(writable)
    writable:on("finish", function() helper.put(log, "finish") end)
    helper.settle()
    assert.are.same(node.awaits_after_write, log)
  end)
end)
