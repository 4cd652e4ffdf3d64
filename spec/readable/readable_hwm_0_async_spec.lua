-- test-stream-readable-hwm-0-async.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-hwm-0-async", function()
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
    assert.are.same({ "_read", "data:a", "_read", "data:a", "_read", "data:a", "_read", "data:a",
      "_read", "data:a", "_read", "end" }, log)
  end)
end)
