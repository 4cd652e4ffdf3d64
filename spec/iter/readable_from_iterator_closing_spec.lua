-- test-readable-from-iterator-closing.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local twin = require("spec.twin")
local node = twin.run("test/twins/iter/readable_from_iterator_closing.js")

describe("test-readable-from-iterator-closing", function()
  -- twin: break_destroys, calls_at_break. At the break the generator has been
  -- called 3 times: every for-await step waits for microtasks, which lets
  -- the ticks of 'readable' prefetch one more value.
  it("break stops calling the iterator and destroys the stream", function()
    local log = {}
    local calls, atBreak = 0, nil
    local r = Readable.from(function()
      calls = calls + 1
      return calls
    end)
    r:on("close", function() helper.put(log, "close") end)
    helper.async_log(log, function()
      helper.iterate(r, function(c)
        helper.put(log, "chunk:" .. c)
        if c == 2 then return false end -- break
      end)
      atBreak = calls
      helper.put(log, r.destroyed)
      helper.setImmediate(function() helper.put(log, "imm", r.destroyed, calls == atBreak) end)
    end)
    helper.settle()
    assert.are.same(node.break_destroys, twin.strings(log))
    assert.are.same(node.calls_at_break, { tostring(atBreak) })
  end)
end)
