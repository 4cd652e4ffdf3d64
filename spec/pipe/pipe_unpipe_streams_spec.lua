-- test-stream-pipe-unpipe-streams.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_unpipe_streams.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local DST = { "close", "finish", "drain", "error", "unpipe" }

local function LC(st, names)
  local out = {}
  for i, n in ipairs(names) do out[i] = st:listenerCount(n) end
  return table.concat(out, ",")
end

local node = twin.run("test/twins/pipe/pipe_unpipe_streams.js")

describe("test-stream-pipe-unpipe-streams", function()
  -- twin: reverse_order
  it("destinations can be unpiped in the reverse order", function()
    local log = {}
    local source = Readable.new({ read = helper.noop })
    local dest1 = Writable.new({ write = helper.noop })
    local dest2 = Writable.new({ write = helper.noop })
    source:pipe(dest1)
    source:pipe(dest2)
    dest1:on("unpipe", function() helper.put(log, "unpipe1") end)
    dest2:on("unpipe", function() helper.put(log, "unpipe2") end)
    helper.put(log, source:listenerCount("data"))
    source:unpipe(dest2)
    helper.put(log, source:listenerCount("data"))
    source:unpipe(dest2)
    source:unpipe(dest1)
    helper.put(log, source:listenerCount("data"), source.readableFlowing)
    helper.settle()
    assert.are.same(node.reverse_order, twin.strings(log))
  end)

  -- twin: unpipe_all
  it("unpipe() of all destinations cleans up every listener", function()
    local log = {}
    local source = Readable.new({ read = helper.noop })
    local dest1 = Writable.new({ write = helper.noop })
    local dest2 = Writable.new({ write = helper.noop })
    local destCount = 0
    local function check(d, id)
      destCount = destCount + 1
      source:pipe(d)
      local unpipeChecker
      unpipeChecker = function()
        helper.put(log, "unpipe" .. id .. ":" .. d:listenerCount("unpipe"))
        d:removeListener("unpipe", unpipeChecker)
        helper.put(log, LC(d, DST))
        destCount = destCount - 1
        if destCount == 0 then
          helper.put(log, "src:" .. LC(source, { "end", "data" }) .. ":" .. tostring(source.readableFlowing))
        end
      end
      d:on("unpipe", unpipeChecker)
    end
    check(dest1, 1)
    check(dest2, 2)
    source:unpipe()
    helper.settle()
    assert.are.same(node.unpipe_all, log)
  end)

  -- twin: destroy_source
  it("destroying the source leaves the pipe's listeners in place", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dest = Writable.new({ write = helper.noop })
    src:pipe(dest)
    src:on("close", function()
      helper.put(log, "close:" .. src:listenerCount("end") .. ":" .. src:listenerCount("data"))
    end)
    src:destroy()
    helper.settle()
    assert.are.same(node.destroy_source, log)
  end)
end)
