-- test-stream-push-order.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/push_order.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/push_order.js")

describe("test-stream-push-order", function()
  -- twin: in_order
  it("chunks pushed in pairs by a synchronous _read stay in order", function()
    local log = {}
    local list = { "1", "2", "3", "4", "5", "6" }
    local st
    st = Readable.new({
      highWaterMark = 20,
      encoding = "ascii",
      read = function()
        local one = table.remove(list, 1)
        if not one then
          st:push(nil)
        else
          local two = table.remove(list, 1)
          st:push(one)
          st:push(two)
        end
      end,
    })
    st:read(0)
    helper.setImmediate(function()
      helper.put(log, st.readableLength)
      local c = st:read(1)
      while c ~= nil do helper.put(log, c); c = st:read(1) end
    end)
    helper.settle()
    assert.are.same(node.in_order, twin.strings(log))
  end)
end)
