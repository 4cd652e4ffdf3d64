-- test-stream-pipe-manual-resume.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_manual_resume.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/pipe_manual_resume.js")

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

  -- twin: read_between
  it("a pipe does not stall when read() is called in between", function()
    assert.are.same(node.read_between, twin.strings(manual(function(rs) rs:read() end)))
  end)

  -- twin: resume_between
  it("a pipe does not stall when resume() is called in between", function()
    assert.are.same(node.resume_between, twin.strings(manual(function(rs) rs:resume() end)))
  end)

  -- twin: nothing_between
  it("a pipe does not stall when nothing is called in between", function()
    assert.are.same(node.nothing_between, twin.strings(manual(function() end)))
  end)
end)
