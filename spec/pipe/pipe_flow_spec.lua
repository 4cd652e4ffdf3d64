-- test-stream-pipe-flow.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_flow.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local PassThrough = stream.PassThrough

local node = twin.run("test/twins/pipe/pipe_flow.js")

describe("test-stream-pipe-flow", function()
  -- twin: ticks_into_hwm0
  it("a source pushing on ticks flows into an hwm 0 object-mode destination", function()
    local log = {}
    local ticks, writes = 17, 0
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        if ticks > 0 then
          ticks = ticks - 1
          helper.nextTick(function() rs:push({}) end)
          return
        end
        ticks = ticks - 1
        rs:push({})
        rs:push(nil)
      end,
    })
    local ws = Writable.new({
      highWaterMark = 0, objectMode = true,
      write = function(_, _, _, cb)
        writes = writes + 1
        helper.setImmediate(cb)
      end,
    })
    rs:on("end", function() helper.put(log, "end") end)
    ws:on("finish", function() helper.put(log, "finish:" .. writes) end)
    rs:pipe(ws)
    helper.settle()
    assert.are.same(node.ticks_into_hwm0, log)
  end)

  -- twin: wrapper
  it("two hwm 2 PassThrough stages read through a wrapper do not stall", function()
    local log = {}
    local missing = 8
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        if missing > 0 then
          missing = missing - 1
          rs:push({})
        else
          missing = missing - 1
          rs:push(nil)
        end
      end,
    })
    local pt = rs:pipe(PassThrough.new({ objectMode = true, highWaterMark = 2 }))
      :pipe(PassThrough.new({ objectMode = true, highWaterMark = 2 }))
    local n = 0
    local wrapper
    pt:on("end", function() wrapper:push(nil) end)
    wrapper = Readable.new({
      objectMode = true,
      read = function()
        helper.nextTick(function()
          local data = pt:read()
          if data == nil then
            pt:once("readable", function()
              data = pt:read()
              if data ~= nil then wrapper:push(data) end
            end)
          else
            wrapper:push(data)
          end
        end)
      end,
    })
    wrapper:on("data", function() n = n + 1 end)
    wrapper:resume()
    wrapper:on("end", function() helper.put(log, "end:" .. n) end)
    helper.settle()
    assert.are.same(node.wrapper, log)
  end)
end)
