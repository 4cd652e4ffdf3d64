-- test-stream-pipe-await-drain.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_await_drain.js. See spec/README.md.

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

local node = twin.run("test/twins/pipe/pipe_await_drain.js")

describe("test-stream-pipe-await-drain", function()
  -- twin: slow_second_destination
  it("a slow second destination holds the source for both", function()
    local log = {}
    local reader = Readable.new()
    local writer1 = Writable.new()
    local writer2 = Writable.new()
    local buffer = zeros(560000)
    function reader:_read() end
    function writer1:_write(chunk, _, cb)
      helper.put(log, "w1:" .. #chunk)
      self:emit("chunk-received")
      cb()
    end
    writer1:once("chunk-received", function()
      helper.setImmediate(function()
        helper.put(log, "push2")
        reader:push(buffer)
      end)
    end)
    function writer2:_write(chunk) helper.put(log, "w2:" .. #chunk) end -- never calls back
    reader:pipe(writer1)
    reader:pipe(writer2)
    helper.put(log, reader:push(buffer))
    helper.setTimeout(function()
      helper.put(log, "flowing:" .. tostring(reader.readableFlowing) .. ":" .. reader.readableLength)
    end, 20)
    helper.settle()
    assert.are.same(node.slow_second_destination, twin.strings(log))
  end)
end)

describe("test-stream-pipe-await-drain (two slow writers)", function()
  -- twin: two_slow_writers
  it("the source waits until every destination has drained", function()
    local log = {}
    local reader = Readable.new({ read = helper.noop })
    local cbs = {}
    local function slow(name)
      return Writable.new({
        highWaterMark = 10,
        write = function(_, c, _, cb)
          helper.put(log, name .. ":" .. #c)
          cbs[#cbs + 1] = { name, cb }
        end,
      })
    end
    local w1, w2 = slow("w1"), slow("w2")
    reader:pipe(w1)
    reader:pipe(w2)
    reader:push(zeros(20))
    helper.setImmediate(function()
      helper.put(log, "aw:" .. AW(reader, w1) .. ":" .. tostring(reader:isPaused()))
      reader:push(zeros(5))
      local first = table.remove(cbs, 1)
      helper.put(log, "cb " .. first[1])
      first[2]()
      helper.setImmediate(function()
        helper.put(log, "aw:" .. AW(reader, w1) .. ":" .. tostring(reader:isPaused()))
        local second = table.remove(cbs, 1)
        helper.put(log, "cb " .. second[1])
        second[2]()
        helper.setImmediate(function()
          helper.put(log, "aw:" .. AW(reader, w1) .. ":" .. tostring(reader:isPaused()) .. ":"
            .. reader.readableLength)
          reader:unpipe()
        end)
      end)
    end)
    helper.settle()
    assert.are.same(node.two_slow_writers, log)
  end)
end)
