-- test-stream-duplex-readable-writable.js (Node 20's test/parallel/), translated; sequences from test/twins/duplex/duplex_readable_writable.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

local node = twin.run("test/twins/duplex/duplex_readable_writable.js")

describe("test-stream-duplex-readable-writable", function()
  -- twin: readable_false
  it("readable = false: push() is ERR_STREAM_PUSH_AFTER_EOF", function()
    local log = {}
    local d = Duplex.new({ readable = false })
    helper.put(log, tostring(d.readable))
    d:push("asd")
    helper.record(d, log, { "error", "data", "end", "close" })
    helper.settle()
    assert.are.same(node.readable_false, log)
  end)

  -- twin: writable_false
  it("writable = false: write() is ERR_STREAM_WRITE_AFTER_END", function()
    local log = {}
    local d = Duplex.new({ writable = false, write = function() helper.put(log, "write") end })
    helper.put(log, tostring(d.writable))
    d:write("asd")
    helper.record(d, log, { "error", "finish", "close" })
    helper.settle()
    assert.are.same(node.writable_false, log)
  end)

  -- twin: readable_false_iterate
  it("readable = false: iterating yields nothing and ends", function()
    local log = {}
    local d = Duplex.new({ readable = false })
    helper.record(d, log, { "data", "end", "close" })
    coroutine.wrap(helper.guard(function()
      for _ in d:iter() do helper.put(log, "chunk") end
      helper.put(log, "done")
    end))()
    helper.settle()
    assert.are.same(node.readable_false_iterate, log)
  end)
end)
