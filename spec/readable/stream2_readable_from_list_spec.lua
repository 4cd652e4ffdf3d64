-- test-stream2-readable-from-list.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream2-readable-from-list", function()
  local function make(opts, ended)
    opts.read = function() end
    local r = Readable.new(opts)
    for _, c in ipairs({ "foog", "bark", "bazy", "kuel" }) do r:push(c) end
    if ended then r:push(nil) end
    return r
  end

  it("read(n) across byte chunks", function()
    local r = make({}, true)
    local got = { helper.nullstr(r:read(6)), helper.nullstr(r:read(2)), helper.nullstr(r:read(2)), helper.nullstr(r:read(100)), r.readableLength,
      helper.nullstr(r:read()) }
    assert.are.same({ "foogba", "rk", "ba", "zykuel", 0, "null" }, got)
    helper.settle()
  end)

  it("read(n) over the buffered length waits unless ended", function()
    local r = make({}, false)
    local got = { helper.nullstr(r:read(6)), helper.nullstr(r:read(2)), helper.nullstr(r:read(2)), helper.nullstr(r:read(100)), r.readableLength,
      helper.nullstr(r:read()) }
    assert.are.same({ "foogba", "rk", "ba", "null", 6, "zykuel" }, got)
    helper.settle()
  end)

  it("read(n) across string chunks", function()
    local r = make({ encoding = "utf8" }, true)
    local got = { helper.nullstr(r:read(6)), helper.nullstr(r:read(2)), helper.nullstr(r:read(2)), helper.nullstr(r:read(100)), r.readableLength }
    assert.are.same({ "foogba", "rk", "ba", "zykuel", 0 }, got)
    helper.settle()
  end)
end)
