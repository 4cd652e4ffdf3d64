-- Chunks a _read pushes in bursts are kept by the stream (anchored) until
-- read out, and let go of then.  The binding stores and clears them through
-- the anchor table the entry driving the stream put on its frame (push's,
-- a tick op's: lcs_ud.aslot), fetched again when the table has grown
-- meanwhile; here it grows in the middle of a flow, while pushes from a
-- 'data' listener enter the stream from inside it.  Every chunk arrives once,
-- in Node's order (test/twins/readable/anchor_slot.js), and none is kept
-- after it was read.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, PassThrough = stream.Readable, stream.PassThrough

-- _read pushes 100 numbered chunks per call, 300 in all; the 'data'
-- listener pushes one more after every 50th.  made: a weak-keyed set of
-- the object-mode chunks.
local function bursts(L, made)
  local n, seen = 0, {}
  local r
  r = Readable.new({ objectMode = true, highWaterMark = 4, read = function(self)
    if n >= 300 then self:push(nil) return end
    for _ = 1, 100 do
      n = n + 1
      local o = { id = n }
      if made then made[o] = true end
      self:push(o)
    end
  end })
  r:on("data", function(c)
    seen[#seen + 1] = tostring(c.id)
    if type(c.id) == "number" and c.id % 50 == 0 and c.id < 300 then
      local o = { id = "x" .. c.id }
      if made then made[o] = true end
      r:push(o)
    end
  end)
  r:on("end", function() L("end", #seen, table.concat(seen, " ")) end)
  return r
end

local cases = {
  { "objects", "object-mode bursts, pushes from 'data'", function(L) bursts(L) end },
  { "bytes_piped", "byte-mode bursts read out by the pipe path", function(L)
      local n = 0
      local r = Readable.new({ highWaterMark = 64, read = function(self)
        if n >= 300 then self:push(nil) return end
        for _ = 1, 100 do n = n + 1; self:push("c" .. n .. ";") end
      end })
      local p = PassThrough.new()
      local got = {}
      p:on("data", function(c) got[#got + 1] = c end)
      p:on("end", function()
        local s = table.concat(got)
        L("end", #s, s)
      end)
      r:pipe(p)
    end },
}

local node = twin.run("test/twins/readable/anchor_slot.js")

describe("a source's buffered chunks, anchored through the entry's frame", function()
  helper.twin_cases(cases, node, "test/twins/readable/anchor_slot.js")
  helper.twin_covers(cases, node)

  it("lets go of every chunk once it was read out", function()
    local made = setmetatable({}, { __mode = "k" })
    local log, L = helper.line_recorder()
    local r = bursts(L, made)   -- kept alive: its anchors must not hold them
    helper.settle()
    assert.are.equal(1, #log)
    for _ = 1, 4 do collectgarbage("collect") end
    assert.are.equal(nil, next(made))
    assert.is_true(r.readableEnded)
  end)
end)
