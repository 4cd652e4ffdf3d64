-- test-stream-pipe-same-destination-twice.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable
local PassThrough = stream.PassThrough

describe("test-stream-pipe-same-destination-twice", function()
  local function dest(log)
    return Writable.new({
      write = function(_, chunk, _, cb)
        helper.put(log, "write:" .. chunk)
        cb()
      end,
    })
  end

  it("piping twice then unpiping once leaves one pipe", function()
    local log = {}
    local pt = PassThrough.new()
    local d = dest(log)
    pt:pipe(d)
    pt:pipe(d)
    helper.put(log, pt:listenerCount("data"))
    pt:unpipe(d)
    helper.put(log, pt:listenerCount("data"))
    pt:write("foobar")
    pt:pipe(d)
    helper.settle()
    assert.are.same({ 2, 1, "write:foobar" }, log)
  end)

  it("piping twice writes each chunk twice", function()
    local log = {}
    local pt = PassThrough.new()
    local d = dest(log)
    pt:pipe(d)
    pt:pipe(d)
    helper.put(log, pt:listenerCount("data"))
    pt:write("foobar")
    helper.settle()
    assert.are.same({ 2, "write:foobar", "write:foobar" }, log)
  end)

  it("piping twice and unpiping twice writes nothing", function()
    local log = {}
    local pt = PassThrough.new()
    local d = dest(log)
    pt:pipe(d)
    pt:pipe(d)
    pt:unpipe(d)
    pt:unpipe(d)
    helper.put(log, pt:listenerCount("data"))
    pt:write("foobar")
    helper.settle()
    assert.are.same({ 0 }, log)
  end)
end)
