-- test-stream-transform-hwm0.js (Node 20's test/parallel/), translated; sequences from test/twins/transform/transform_hwm0.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/transform/transform_hwm0.js")

describe("test-stream-transform-hwm0", function()
  -- twin: hwm0
  it("highWaterMark 0 in object mode: write() is false, 'drain' and 'readable' follow", function()
    local log = {}
    local t = Transform.new({
      objectMode = true, highWaterMark = 0,
      transform = function(_, chunk, enc, callback)
        helper.nextTick(function() callback(nil, chunk, enc) end)
      end,
    })
    helper.put(log, t:write(1))
    t:on("drain", function()
      helper.put(log, "drain")
      helper.put(log, t:write(2))
      t["end"](t)
    end)
    t:once("readable", function()
      helper.put(log, "readable", t:read(), helper.nullstr(t:read()))
      t:once("readable", function() helper.put(log, "readable2", t:read()) end)
    end)
    t:on("finish", function() helper.put(log, "finish") end)
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.hwm0, twin.strings(log))
  end)
end)
