-- test-stream-pipe-cleanup.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_cleanup.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local PassThrough = stream.PassThrough

-- Listener counts of s for the given events, joined as the twins print them.
local SRC = { "end", "data", "close", "error", "readable" }

local DST = { "close", "finish", "drain", "error", "unpipe" }

local function LC(st, names)
  local out = {}
  for i, n in ipairs(names) do out[i] = st:listenerCount(n) end
  return table.concat(out, ",")
end

local node = twin.run("test/twins/pipe/pipe_cleanup.js")

describe("test-stream-pipe-cleanup", function()
  -- twin: end_false_sources
  it("sources piped with end = false leave no listeners once ended", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    local endCalls = 0
    local origEnd = w["end"]
    w["end"] = function(...)
      endCalls = endCalls + 1
      return origEnd(...)
    end
    helper.put(log, LC(w, DST))
    local r
    for _ = 1, 10 do
      r = Readable.new({ read = helper.noop })
      r:pipe(w, { ["end"] = false })
      r:push(nil)
      r:resume()
    end
    helper.setImmediate(function() helper.put(log, LC(r, SRC), LC(w, DST), endCalls) end)
    helper.settle()
    assert.are.same(node.end_false_sources, twin.strings(log))
  end)

  -- twin: dest_closes
  it("a destination that closes is unpiped and leaves no listeners", function()
    local log = {}
    local r = Readable.new({ read = helper.noop })
    local w
    for _ = 1, 10 do
      w = Writable.new({ write = helper.write_ok })
      r:pipe(w)
      w:destroy()
    end
    helper.setImmediate(function() helper.put(log, LC(r, SRC), LC(w, DST), r.readableFlowing) end)
    helper.settle()
    assert.are.same(node.dest_closes, twin.strings(log))
  end)

  -- twin: chain
  it("a chain r -> d -> w takes its listeners down stage by stage", function()
    local log = {}
    local r = Readable.new({ read = helper.noop })
    local d = PassThrough.new()
    local w = Writable.new({ write = helper.write_ok })
    helper.put(log, LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST))
    r:pipe(d)
    d:pipe(w)
    helper.put(log, LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST))
    r:push(nil)
    d:on("end", function()
      helper.nextTick(function() helper.put(log, "d end", LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST)) end)
    end)
    w:on("finish", function() helper.put(log, "w finish") end)
    helper.setImmediate(function() helper.put(log, LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST)) end)
    helper.settle()
    assert.are.same(node.chain, log)
  end)
end)
