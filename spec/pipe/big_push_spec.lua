-- test-stream-big-push.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/big_push.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/pipe/big_push.js")

describe("test-stream-big-push", function()
  -- twin: big_push
  it("a push above highWaterMark from _read is returned whole by the next read()", function()
    local log = {}
    local str = "asdfasdfasdfasdfasdf"
    local r = Readable.new({ highWaterMark = 5, encoding = "utf8" })
    local reads = 0
    function r:_read()
      helper.put(log, "_read")
      if reads == 0 then
        helper.setTimeout(function() r:push(str) end, 1)
        reads = reads + 1
      elseif reads == 1 then
        helper.put(log, "push:" .. tostring(r:push(str)))
        reads = reads + 1
      else
        helper.put(log, "eof")
        r:push(nil)
      end
    end
    r:on("end", function() helper.put(log, "end") end)
    helper.put(log, r:push(str))
    helper.put(log, helper.nullstr(r:read()))
    helper.put(log, helper.nullstr(r:read()))
    r:once("readable", function()
      helper.put(log, "readable")
      helper.put(log, helper.nullstr(r:read()))
      helper.put(log, helper.nullstr(r:read()))
    end)
    helper.settle()
    assert.are.same(node.big_push, twin.strings(log))
    assert.are.equal(2, reads)
  end)
end)
