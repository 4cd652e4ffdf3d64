-- test-stream-pipe-manual-resume.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

describe("test-stream-pipe-manual-resume", function()
  local function manual(between)
    local log = {}
    local n = 1000
    local counter, reads, writes = n, 0, 0
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        reads = reads + 1
        counter = counter - 1
        if counter >= 0 then rs:push({ counter = counter }) else rs:push(nil) end
      end,
    })
    local ws = Writable.new({
      objectMode = true,
      write = function(_, _, _, cb)
        writes = writes + 1
        helper.setImmediate(cb)
      end,
    })
    helper.setImmediate(function() between(rs, ws) end)
    rs:pipe(ws)
    ws:on("finish", function() helper.put(log, "finish", reads >= n, writes) end)
    helper.settle(10000)
    return log
  end

  it("a pipe does not stall when read() is called in between", function()
    assert.are.same({ "finish", true, 1000 }, manual(function(rs) rs:read() end))
  end)

  it("a pipe does not stall when resume() is called in between", function()
    assert.are.same({ "finish", true, 1000 }, manual(function(rs) rs:resume() end))
  end)

  it("a pipe does not stall when nothing is called in between", function()
    assert.are.same({ "finish", true, 1000 }, manual(function() end))
  end)
end)
