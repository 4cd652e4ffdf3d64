-- test-stream3-cork-uncork.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/stream3_cork_uncork.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- Shared body of test-stream3-cork-end / -cork-uncork: chunks written while
-- corked, one per setImmediate, then released by finish() or uncork().
local function corkTest(useEnd)
  local log = {}
  local seenEnd = false
  local w = Writable.new()
  w._write = function(self, chunk, encoding, cb)
    helper.put(log, "write:" .. chunk .. "/" .. encoding .. (seenEnd and " AFTER-FINISH" or ""))
    cb()
  end
  w:on("finish", function()
    seenEnd = true
    helper.put(log, "finish")
  end)
  helper.put(log, "ret=" .. tostring(w:write("stuff")))
  w:cork()
  helper.put(log, "corked")
  local input = { "please", "buffer", "me", "kindly" }
  local function nextChunk()
    local c = table.remove(input, 1)
    if c then
      helper.setImmediate(function()
        helper.put(log, "ret=" .. tostring(w:write(c)))
        nextChunk()
      end)
    else
      helper.put(log, "len=" .. w.writableLength)
      if useEnd then w:finish() else w:uncork() end
      helper.put(log, ("after %s len=%d corked=%d"):format(useEnd and "end" or "uncork",
        w.writableLength, w.writableCorked))
      helper.setImmediate(function() helper.put(log, "imm seenEnd=" .. tostring(seenEnd)) end)
    end
  end
  nextChunk()
  return log
end

local node = twin.run("test/twins/writable/stream3_cork_uncork.js")

describe("test-stream3-cork-uncork", function()
  -- twin: uncork
  it("uncork() flushes the corked chunks at once and does not finish", function()
    local log = corkTest(false)
    helper.settle()
    assert.are.same(node.uncork, log)
  end)
end)
