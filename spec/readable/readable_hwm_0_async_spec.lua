-- test-stream-readable-hwm-0-async.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_hwm_0_async.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_hwm_0_async.js")

describe("test-stream-readable-hwm-0-async", function()
  -- twin: hwm0_async
  it("keeps calling _read while an hwm 0 stream pushes asynchronously", function()
    local log = {}
    local count = 5
    local r
    r = Readable.new({
      highWaterMark = 0,
      read = function()
        helper.put(log, "_read")
        helper.nextTick(function()
          count = count - 1
          if count >= 0 then r:push("a") else r:push(nil) end
        end)
      end,
    })
    r:on("end", function() helper.put(log, "end") end)
    r:on("data", function(c) helper.put(log, "data:" .. c) end)
    helper.settle()
    assert.are.same(node.hwm0_async, log)
  end)
end)
