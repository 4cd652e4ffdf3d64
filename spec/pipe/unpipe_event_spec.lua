-- test-stream-unpipe-event.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/unpipe_event.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/unpipe_event.js")

describe("test-stream-unpipe-event", function()
  local NullWriteable = Writable:extend()
  function NullWriteable:_write(_, _, callback) return callback() end
  local QuickEndReadable = Readable:extend()
  function QuickEndReadable:_read() self:push(nil) end
  local NeverEndReadable = Readable:extend()
  function NeverEndReadable:_read() end

  local function case(Src, opts, unpipe)
    local log = {}
    local dest, src = NullWriteable.new(), Src.new()
    dest:on("pipe", function() helper.put(log, "pipe") end)
    dest:on("unpipe", function() helper.put(log, "unpipe") end)
    src:pipe(dest, opts)
    if unpipe then src:unpipe(dest) end
    helper.setImmediate(function() helper.put(log, "data:" .. src:listenerCount("data")) end)
    helper.settle()
    return log
  end

  -- twin: source_ends
  it("a source that ends unpipes", function()
    assert.are.same(node.source_ends, case(QuickEndReadable))
  end)
  -- twin: never_ends
  it("a source that never ends stays piped", function()
    assert.are.same(node.never_ends, case(NeverEndReadable))
  end)
  -- twin: unpipe
  it("unpipe() emits 'unpipe'", function()
    assert.are.same(node.unpipe, case(NeverEndReadable, nil, true))
  end)
  -- twin: no_end_source_ends
  it("end = false: a source that ends still unpipes", function()
    assert.are.same(node.no_end_source_ends, case(QuickEndReadable, { ["end"] = false }))
  end)
  -- twin: no_end_never_ends
  it("end = false: a source that never ends stays piped", function()
    assert.are.same(node.no_end_never_ends, case(NeverEndReadable, { ["end"] = false }))
  end)
  -- twin: no_end_unpipe
  it("end = false: unpipe() emits 'unpipe'", function()
    assert.are.same(node.no_end_unpipe,
      case(NeverEndReadable, { ["end"] = false }, true))
  end)
end)
