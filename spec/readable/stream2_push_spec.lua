-- test-stream2-push.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

describe("test-stream2-push", function()
  it("a socket-like source stops and restarts with push()'s return value", function()
    local log, written = {}, {}
    local reading = false
    local st = Readable.new({
      highWaterMark = 16,
      encoding = "utf8",
      read = function() helper.put(log, "_read"); reading = true end,
    })
    local writer
    local function readStop()
      reading = false
      helper.nextTick(function()
        local r = st:read()
        if r ~= nil then writer:write(r) end
      end)
    end
    local function sourceData(chunk)
      if not st:push(chunk) then readStop() end
    end
    st:on("end", function() helper.put(log, "end") end)
    writer = Writable.new({
      decodeStrings = false,
      write = function(_, c, e, cb) helper.put(written, c .. ":" .. e); helper.nextTick(cb) end,
    })
    writer:on("finish", function()
      helper.put(log, "finish")
      for _, w in ipairs(written) do helper.put(log, w) end
    end)
    reading = true
    local set = 0
    local data
    data = function()
      local states = {}
      for _ = 1, 4 do
        helper.put(states, tostring(reading))
        sourceData("asdfg")
      end
      helper.put(states, tostring(reading))
      helper.put(log, table.concat(states, ","))
      set = set + 1
      if set - 1 < 5 then
        helper.setTimeout(data, 10)
      else
        st:push(nil)
        helper.put(log, "reading:" .. tostring(reading))
        writer:finish(st:read())
      end
    end
    data()
    helper.settle()
    local expected = {}
    for i = 1, 6 do
      helper.put(expected, "true,true,true,true,false")
      if i < 6 then helper.put(expected, "_read") end
    end
    helper.put(expected, "reading:false", "end", "finish")
    for _ = 1, 6 do helper.put(expected, "asdfgasdfgasdfgasdfg:utf8") end
    assert.are.same(expected, log)
  end)
end)
