-- test-stream-unshift-empty-chunk.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-unshift-empty-chunk", function()
  it("unshift('') does not stop the reading", function()
    local n, seen = 10, {}
    local chunk = string.rep("x", 10)
    local r
    r = Readable.new({
      read = function()
        helper.setTimeout(function()
          n = n - 1
          if n == 0 then r:push(nil) else r:push(chunk) end
        end, 1)
      end,
    })
    local readAll = false
    r:on("readable", helper.guard(function()
      local c = r:read()
      while c ~= nil do
        helper.put(seen, c)
        r:unshift(string.rep("y", readAll and 0 or 5))
        readAll = not readAll
        c = r:read()
      end
    end))
    local ended = false
    r:on("end", function() ended = true end)
    helper.settle()
    local expected = {}
    for _ = 1, 9 do helper.put(expected, "xxxxxxxxxx", "yyyyy") end
    assert.are.same(expected, seen)
    assert.is_true(ended)
  end)
end)
