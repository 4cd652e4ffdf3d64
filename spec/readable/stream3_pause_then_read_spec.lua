-- test-stream3-pause-then-read.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local twin = require("spec.twin")
local node = twin.run("test/twins/readable/stream3_pause_then_read.js")

describe("test-stream3-pause-then-read", function()
  -- twin: nothing_lost
  it("read(n), 'data', pipe/unpipe, read(n), pause/resume, pipe: nothing lost", function()
    local log = {}
    local totalChunks, chunkSize = 100, 99
    local expectTotalData = totalChunks * chunkSize
    local expectEndingData = expectTotalData
    local chunks, totalPushed = totalChunks, 0
    local r
    local function push()
      local chunk
      if chunks > 0 then chunk = string.rep("x", chunkSize) end
      chunks = chunks - 1
      if chunk then totalPushed = totalPushed + #chunk end
      r:push(chunk)
    end
    r = Readable.new({
      highWaterMark = 1000,
      read = function()
        if chunks % 2 == 0 then
          helper.setImmediate(push)
        elseif chunks % 3 == 0 then
          helper.nextTick(push)
        else
          push()
        end
      end,
    })
    local function readn(n, after)
      expectEndingData = expectEndingData - n
      local read
      read = helper.guard(function()
        local c = r:read(n)
        if not c then
          r:once("readable", read)
        else
          helper.put(log, "read:" .. #c .. ":" .. tostring(r.readableFlowing))
          after()
        end
      end)
      read()
    end
    local function pipeRest()
      local written = 0
      local w = Writable.new({ write = function(_, c, _, cb) written = written + #c; cb() end })
      w:on("finish", function()
        helper.put(log, "rest:" .. written, expectEndingData, totalPushed, expectTotalData)
      end)
      r:pipe(w)
    end
    local function resumePause()
      for _ = 1, 5 do r:resume(); r:pause() end
      helper.setImmediate(pipeRest)
    end
    local function read1234() readn(1234, resumePause) end
    local function pipeLittle()
      expectEndingData = expectEndingData - 200
      local written = 0
      local w
      w = Writable.new({
        write = function(_, c, _, cb)
          written = written + #c
          if written >= 200 then
            r:unpipe(w)
            w:finish()
            cb()
            if written > 200 then
              local diff = written - 200
              written = written - diff
              r:unshift(c:sub(#c - diff + 1))
              helper.put(log, "unshift:" .. diff)
            end
          else
            helper.setImmediate(cb)
          end
        end,
      })
      w:on("finish", function() helper.put(log, "little:" .. written); helper.setImmediate(read1234) end)
      r:pipe(w)
    end
    local function onData()
      expectEndingData = expectEndingData - 100
      local seen = 0
      local od
      od = helper.guard(function(c)
        seen = seen + #c
        if seen >= 100 then
          r:removeListener("data", od)
          r:pause()
          if seen > 100 then
            local diff = seen - 100
            r:unshift(c:sub(#c - diff + 1))
            helper.put(log, "unshift:" .. diff)
          end
          helper.setImmediate(pipeLittle)
        end
      end)
      r:on("data", od)
    end
    readn(100, onData)
    helper.settle()
    assert.are.same(node.nothing_lost, twin.strings(log))
  end)
end)
