-- test-stream-transform-flush-data.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Transform = stream.Transform

describe("test-stream-transform-flush-data", function()
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
    assert.are.same({ "asdf", "end" }, log)
  end)
end)
