-- test-stream-readable-resume-hwm.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_resume_hwm.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_resume_hwm.js")

describe("test-stream-readable-resume-hwm", function()
  -- twin: no_read
  it("resume() over the highWaterMark schedules no _read", function()
    local log = {}
    local r = Readable.new({ read = function() helper.put(log, "_read") end, highWaterMark = 100 })
    for _ = 1, 10 do r:push(string.rep("a", 200)) end
    r:resume()
    r:once("data", helper.guard(function(d) helper.put(log, "data:" .. #d); r:pause() end))
    helper.setImmediate(function() helper.put(log, "len:" .. r.readableLength) end)
    helper.settle()
    assert.are.same(node.no_read, log)
  end)
end)
