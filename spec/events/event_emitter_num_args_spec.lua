-- test-event-emitter-num-args.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-num-args", function()
  for number = 0, 5 do
    it(("one and several listeners get %d arguments"):format(number), function()
      for _, count in ipairs({ 1, 3 }) do
        local ee = EventEmitter.new()
        local got = {}
        for _ = 1, count do
          ee:on("numArgs", function(...) got[#got + 1] = select("#", ...) end)
        end
        ee:emit("numArgs", table.unpack({}, 1, number)) -- `number` nils
        local want = {}
        for k = 1, count do want[k] = number end
        assert.are.same(want, got)
      end
    end)
  end

  it("emit with up to 3 arguments does not allocate", function()
    local ee = EventEmitter.new()
    local sum = 0
    ee:on("data", function(a, b, c) sum = sum + a + (b or 0) + (c or 0) end)
    ee:on("data", function(a) sum = sum + a end)
    for _ = 1, 100 do ee:emit("data", 1, 2, 3) end
    -- The measured loop runs once before it is measured: LuaJIT compiles
    -- it then, and its traces are collectable objects too.
    local function burst()
      for _ = 1, 10000 do
        ee:emit("data", 1)
        ee:emit("data", 1, 2)
        ee:emit("data", 1, 2, 3)
        ee:emit("none", 1, 2, 3)
      end
    end
    burst()
    collectgarbage("collect")
    collectgarbage("stop")
    local before = collectgarbage("count")
    burst()
    local grew = collectgarbage("count") - before
    collectgarbage("restart")
    assert.are.equal(100 * 7 + 2 * 10000 * (2 + 4 + 7), sum)
    assert.is_true(grew < 1, ("emit allocated %.1f KB"):format(grew))
  end)
end)
