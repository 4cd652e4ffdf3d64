-- test-stream2-readable-from-list.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/stream2_readable_from_list.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/stream2_readable_from_list.js")

describe("test-stream2-readable-from-list", function()
  local function make(opts, ended)
    opts.read = function() end
    local r = Readable.new(opts)
    for _, c in ipairs({ "foog", "bark", "bazy", "kuel" }) do r:push(c) end
    if ended then r:push(nil) end
    return r
  end

  -- twin: bytes_ended
  it("read(n) across byte chunks", function()
    local r = make({}, true)
    local got = { helper.nullstr(r:read(6)), helper.nullstr(r:read(2)), helper.nullstr(r:read(2)), helper.nullstr(r:read(100)), r.readableLength,
      helper.nullstr(r:read()) }
    assert.are.same(node.bytes_ended, twin.strings(got))
    helper.settle()
  end)

  -- twin: bytes_not_ended
  it("read(n) over the buffered length waits unless ended", function()
    local r = make({}, false)
    local got = { helper.nullstr(r:read(6)), helper.nullstr(r:read(2)), helper.nullstr(r:read(2)), helper.nullstr(r:read(100)), r.readableLength,
      helper.nullstr(r:read()) }
    assert.are.same(node.bytes_not_ended, twin.strings(got))
    helper.settle()
  end)

  -- twin: strings_ended
  it("read(n) across string chunks", function()
    local r = make({ encoding = "utf8" }, true)
    local got = { helper.nullstr(r:read(6)), helper.nullstr(r:read(2)), helper.nullstr(r:read(2)), helper.nullstr(r:read(100)), r.readableLength }
    assert.are.same(node.strings_ended, twin.strings(got))
    helper.settle()
  end)
end)
