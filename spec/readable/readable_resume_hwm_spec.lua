-- test-stream-readable-resume-hwm.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-resume-hwm", function()
  it("resume() over the highWaterMark schedules no _read", function()
    local log = {}
    local r = Readable.new({ read = function() helper.put(log, "_read") end, highWaterMark = 100 })
    for _ = 1, 10 do r:push(string.rep("a", 200)) end
    r:resume()
    r:once("data", helper.guard(function(d) helper.put(log, "data:" .. #d); r:pause() end))
    helper.setImmediate(function() helper.put(log, "len:" .. r.readableLength) end)
    helper.settle()
    assert.are.same({ "data:200", "len:1800" }, log)
  end)
end)
