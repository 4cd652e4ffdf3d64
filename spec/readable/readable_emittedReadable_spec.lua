-- test-stream-readable-emittedReadable.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_emittedReadable.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_emittedReadable.js")

describe("test-stream-readable-emittedReadable", function()
  -- twin: per_batch
  it("emits 'readable' per batch and once more at the end", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:on("end", function() helper.put(log, "end") end)
    helper.nextTick(function() r:push("foo") end)
    helper.nextTick(function() r:push("bar") end)
    helper.setImmediate(function()
      helper.put(log, "imm")
      r:push("quo")
      helper.nextTick(function() helper.put(log, "push null"); r:push(nil) end)
    end)
    helper.settle()
    assert.are.same(node.per_batch, log)
  end)

  -- twin: read0_in_readable, read0_state
  it("read(0) inside 'readable' does not re-emit it", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:once("readable", helper.guard(function()
      helper.put(log, "readable1"); helper.put(log, helper.nullstr(r:read(0)))
      r:on("readable", helper.guard(function() helper.put(log, "readable2"); helper.put(log, helper.nullstr(r:read(0))) end))
    end))
    r:on("end", function() helper.put(log, "end") end)
    r:push("foo")
    r:push(nil)
    helper.settle()
    assert.are.same(node.read0_in_readable, log)
    assert.are.same(node.read0_state, twin.strings({ r.readableLength, r.readableEnded }))
  end)

  -- twin: read_in_data
  it("read() inside 'data' in flowing mode emits the next chunks re-entrantly", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", helper.guard(function(d)
      helper.put(log, "data:" .. d)
      helper.put(log, helper.nullstr(r:read()))
    end))
    r:on("end", function() helper.put(log, "end") end)
    r:push("foooo")
    r:push("bar")
    r:push("quo")
    helper.nextTick(function() r:push(nil) end)
    helper.settle()
    assert.are.same(node.read_in_data, log)
  end)
end)
