-- test-stream-duplex-readable-writable.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Duplex = stream.Duplex

describe("test-stream-duplex-readable-writable", function()
  it("readable = false: push() is ERR_STREAM_PUSH_AFTER_EOF", function()
    local log = {}
    local d = Duplex.new({ readable = false })
    helper.put(log, tostring(d.readable))
    d:push("asd")
    helper.record(d, log, { "error", "data", "end", "close" })
    helper.settle()
    assert.are.same({ "false", "error:ERR_STREAM_PUSH_AFTER_EOF", "close" }, log)
  end)

  it("writable = false: write() is ERR_STREAM_WRITE_AFTER_END", function()
    local log = {}
    local d = Duplex.new({ writable = false, write = function() helper.put(log, "write") end })
    helper.put(log, tostring(d.writable))
    d:write("asd")
    helper.record(d, log, { "error", "finish", "close" })
    helper.settle()
    assert.are.same({ "false", "error:ERR_STREAM_WRITE_AFTER_END", "close" }, log)
  end)

  it("readable = false: iterating yields nothing and ends", function()
    local log = {}
    local d = Duplex.new({ readable = false })
    helper.record(d, log, { "data", "end", "close" })
    coroutine.wrap(helper.guard(function()
      for _ in d:iter() do helper.put(log, "chunk") end
      helper.put(log, "done")
    end))()
    helper.settle()
    assert.are.same({ "done", "close" }, log)
  end)
end)
