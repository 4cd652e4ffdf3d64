-- test-stream-duplex-end.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Duplex = stream.Duplex

describe("test-stream-duplex-end", function()
  it("allowHalfOpen defaults to true: the end of reading does not finish", function()
    local log = {}
    local s = Duplex.new({ read = helper.noop })
    helper.put(log, s.allowHalfOpen, s:listenerCount("end"))
    helper.record(s, log)
    s:resume()
    s:push(nil)
    helper.settle()
    assert.are.same({ true, 0, "end" }, log)
    assert.is_false(s.writableEnded)
  end)

  it("allowHalfOpen = false: the end of reading ends writing", function()
    local log = {}
    local s = Duplex.new({ read = helper.noop, allowHalfOpen = false })
    helper.put(log, s.allowHalfOpen, s:listenerCount("end"))
    helper.record(s, log)
    s:resume()
    s:push(nil)
    helper.settle()
    assert.are.same({ false, 0, "end", "finish", "close" }, log)
  end)

  -- Node pokes _writableState.ended = true; the public way to get a writable
  -- side that has already ended is end(), and 'finish' still fires only once.
  it("allowHalfOpen = false with the writable side already ended", function()
    local log = {}
    local s = Duplex.new({ read = helper.noop, write = helper.write_ok, allowHalfOpen = false })
    helper.record(s, log)
    s["end"](s)
    s:resume()
    s:push(nil)
    helper.settle()
    assert.are.same({ "finish", "end", "close" }, log)
  end)
end)
