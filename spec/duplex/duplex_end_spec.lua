-- test-stream-duplex-end.js (Node 20's test/parallel/), translated; sequences from test/twins/duplex/duplex_end.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

local node = twin.run("test/twins/duplex/duplex_end.js")

describe("test-stream-duplex-end", function()
  -- twin: half_open_default
  it("allowHalfOpen defaults to true: the end of reading does not finish", function()
    local log = {}
    local s = Duplex.new({ read = helper.noop })
    helper.put(log, s.allowHalfOpen, s:listenerCount("end"))
    helper.record(s, log)
    s:resume()
    s:push(nil)
    helper.settle()
    assert.are.same(node.half_open_default, twin.strings(log))
    assert.is_false(s.writableEnded)
  end)

  -- twin: half_open_false
  it("allowHalfOpen = false: the end of reading ends writing", function()
    local log = {}
    local s = Duplex.new({ read = helper.noop, allowHalfOpen = false })
    helper.put(log, s.allowHalfOpen, s:listenerCount("end"))
    helper.record(s, log)
    s:resume()
    s:push(nil)
    helper.settle()
    assert.are.same(node.half_open_false, twin.strings(log))
  end)

  -- Node pokes _writableState.ended = true; the public way to get a writable
  -- side that has already ended is end(), and 'finish' still fires only once.
  -- twin: writable_already_ended
  it("allowHalfOpen = false with the writable side already ended", function()
    local log = {}
    local s = Duplex.new({ read = helper.noop, write = helper.write_ok, allowHalfOpen = false })
    helper.record(s, log)
    s["end"](s)
    s:resume()
    s:push(nil)
    helper.settle()
    assert.are.same(node.writable_already_ended, log)
  end)
end)
