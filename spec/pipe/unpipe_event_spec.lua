-- test-stream-unpipe-event.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

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

  it("a source that ends unpipes", function()
    assert.are.same({ "pipe", "unpipe", "data:0" }, case(QuickEndReadable))
  end)
  it("a source that never ends stays piped", function()
    assert.are.same({ "pipe", "data:1" }, case(NeverEndReadable))
  end)
  it("unpipe() emits 'unpipe'", function()
    assert.are.same({ "pipe", "unpipe", "data:0" }, case(NeverEndReadable, nil, true))
  end)
  it("end = false: a source that ends still unpipes", function()
    assert.are.same({ "pipe", "unpipe", "data:0" }, case(QuickEndReadable, { ["end"] = false }))
  end)
  it("end = false: a source that never ends stays piped", function()
    assert.are.same({ "pipe", "data:1" }, case(NeverEndReadable, { ["end"] = false }))
  end)
  it("end = false: unpipe() emits 'unpipe'", function()
    assert.are.same({ "pipe", "unpipe", "data:0" },
      case(NeverEndReadable, { ["end"] = false }, true))
  end)
end)
