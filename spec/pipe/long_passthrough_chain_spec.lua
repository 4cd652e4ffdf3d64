-- a long PassThrough pipeline: cstream behaviour beyond Node's own tests; see spec/README.md.

local uv = require("luv")
local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local PassThrough = stream.PassThrough

describe("a long PassThrough pipeline", function()
  it("moves 1,000,000 chunks through three PassThrough in bounded memory", function()
    local N = 1000000
    local produced, count = 0, 0
    local fmt = "%015d\n" -- every chunk distinct, 16 bytes
    local src = Readable.new({
      read = function(self)
        repeat
          produced = produced + 1
          if produced > N then
            self:push(nil)
            return
          end
        until not self:push(fmt:format(produced))
      end,
    })
    collectgarbage()
    collectgarbage()
    local base = collectgarbage("count")
    local peak = base
    local sink = Writable.new({
      write = function(_, c, _, cb)
        count = count + 1
        if c ~= fmt:format(count) then error("chunk " .. count .. " is " .. c) end
        if count % 100000 == 0 then
          -- What is held, not what the collector has yet to free: its pace
          -- differs between interpreters (LuaJIT's lags by megabytes).
          collectgarbage()
          local kb = collectgarbage("count")
          if kb > peak then peak = kb end
        end
        cb()
      end,
    })
    local log = {}
    sink:on("finish", function() helper.put(log, "finish") end)
    sink:on("error", function(e) helper.put(log, "error:" .. tostring(e)) end)
    local t0 = uv.hrtime()
    src:pipe(PassThrough.new()):pipe(PassThrough.new()):pipe(PassThrough.new()):pipe(sink)
    helper.settle(60000)
    local seconds = (uv.hrtime() - t0) / 1e9
    assert.are.same({ "finish" }, log)
    assert.are.equal(N, count)
    -- Held memory stays within 1 MB of the start: highWaterMarks, not N.
    assert.is_true(peak - base < 1024,
      ("Lua heap grew by %.0f KB (from %.0f KB)"):format(peak - base, base))
    assert.is_true(seconds < 20, ("took %.1f s"):format(seconds))
  end)
end)
