-- test-stream-transform-flush-data.js (Node 20's test/parallel/), translated; sequences from test/twins/transform/transform_flush_data.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/transform/transform_flush_data.js")

describe("test-stream-transform-flush-data", function()
  -- twin: flush_data
  it("data given to the flush callback is pushed before the end", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, _, _, n) n() end,
      flush = function(_, n) n(nil, "asdf") end,
    })
    t["end"](t, "blerg")
    t:on("data", function(d) helper.put(log, d) end)
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.flush_data, log)
  end)
end)
