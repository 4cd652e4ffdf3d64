-- test-stream-transform-final-sync.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Transform = stream.Transform

-- test-stream-transform-final.js and -final-sync.js: the order of _transform,
-- 'data', _final, _flush, the end() callback, 'finish' and 'end'.
local function finalOrder(sync)
  local log, state = {}, 0
  local function step() state = state + 1; return state end
  local t = Transform.new({
    objectMode = true,
    transform = function(self, chunk, _, nxt)
      helper.put(log, "transform1:" .. step() .. ":" .. chunk)
      self:push(state)
      helper.put(log, "transform2:" .. step())
      helper.nextTick(nxt)
    end,
    final = function(_, done)
      helper.put(log, "final1:" .. step())
      local function part2()
        helper.put(log, "final2:" .. step())
        done()
      end
      if sync then part2() else helper.setTimeout(part2, 100) end
    end,
    flush = function(_, done)
      helper.put(log, "flush1:" .. step())
      helper.nextTick(function()
        helper.put(log, "flush2:" .. step())
        done()
      end)
    end,
  })
  t:on("finish", function() helper.put(log, "finish:" .. step()) end)
  t:on("end", function() helper.put(log, "end:" .. step()) end)
  t:on("data", function(d) helper.put(log, "data:" .. step() .. ":" .. d) end)
  t:write(1)
  t:write(4)
  t["end"](t, 7, function() helper.put(log, "endcb:" .. step()) end)
  helper.settle()
  return log
end

local FINAL_ORDER = { "transform1:1:1", "data:2:1", "transform2:3", "transform1:4:4",
  "data:5:4", "transform2:6", "transform1:7:7", "data:8:7", "transform2:9", "final1:10",
  "final2:11", "flush1:12", "flush2:13", "endcb:14", "finish:15", "end:16" }

describe("test-stream-transform-final-sync", function()
  it("runs _final (sync), then _flush, then the end callback, 'finish', 'end'", function()
    assert.are.same(FINAL_ORDER, finalOrder(true))
  end)
end)
