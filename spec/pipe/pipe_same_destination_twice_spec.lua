-- test-stream-pipe-same-destination-twice.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_same_destination_twice.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable
local PassThrough = stream.PassThrough

local node = twin.run("test/twins/pipe/pipe_same_destination_twice.js")

describe("test-stream-pipe-same-destination-twice", function()
  local function dest(log)
    return Writable.new({
      write = function(_, chunk, _, cb)
        helper.put(log, "write:" .. chunk)
        cb()
      end,
    })
  end

  -- twin: twice_unpipe_once
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
    assert.are.same(node.twice_unpipe_once, twin.strings(log))
  end)

  -- twin: twice_writes_twice
  it("piping twice writes each chunk twice", function()
    local log = {}
    local pt = PassThrough.new()
    local d = dest(log)
    pt:pipe(d)
    pt:pipe(d)
    helper.put(log, pt:listenerCount("data"))
    pt:write("foobar")
    helper.settle()
    assert.are.same(node.twice_writes_twice, twin.strings(log))
  end)

  -- twin: twice_unpipe_twice
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
    assert.are.same(node.twice_unpipe_twice, twin.strings(log))
  end)
end)
