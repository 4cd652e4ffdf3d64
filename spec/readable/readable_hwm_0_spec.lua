-- test-stream-readable-hwm-0.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_hwm_0.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_hwm_0.js")

describe("test-stream-readable-hwm-0", function()
  -- twin: hwm0
  it("calls _read once on the 'readable' listener and 'readable' only after push(nil)", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 0, read = function() helper.put(log, "_read") end })
    r:on("readable", helper.guard(function()
      helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read()))
    end))
    r:on("end", function() helper.put(log, "end") end)
    helper.nextTick(function()
      helper.put(log, helper.nullstr(r:read()), "push-null")
      r:push(nil)
    end)
    helper.settle()
    assert.are.same(node.hwm0, log)
  end)
end)
