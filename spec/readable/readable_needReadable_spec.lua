-- test-stream-readable-needReadable.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_needReadable.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_needReadable.js")

describe("test-stream-readable-needReadable", function()
  -- twin: sync_pushes
  it("emits 'readable' once for data pushed synchronously, then 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:push("foo")
    r:push(nil)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.sync_pushes, log)
  end)

  -- twin: same_tick_batch
  it("batches pushes from the same tick into one 'readable'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:on("end", function() helper.put(log, "end") end)
    helper.nextTick(function() helper.put(log, "push foooo"); r:push("foooo") end)
    helper.nextTick(function() helper.put(log, "push bar"); r:push("bar") end)
    helper.setImmediate(function() helper.put(log, "push null"); r:push(nil) end)
    helper.settle()
    assert.are.same(node.same_tick_batch, log)
  end)

  -- twin: flowing_full_buffer
  it("flowing mode with a full buffer needs no 'readable'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("foooo")
    r:push("bar")
    r:push("quo")
    helper.nextTick(function() helper.put(log, "push null"); r:push(nil) end)
    r:on("data", function(d) helper.put(log, "data:" .. d) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.flowing_full_buffer, log)
  end)

  -- twin: slow_producer
  it("a slow producer gets 'readable' for every push until read(8) succeeds", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read(8))) end))
    r:on("end", function() helper.put(log, "end") end)
    helper.nextTick(function()
      r:push("foo")
      helper.nextTick(function()
        r:push("foo")
        helper.nextTick(function()
          r:push("foo")
          helper.nextTick(function() r:push(nil) end)
        end)
      end)
    end)
    helper.settle()
    assert.are.same(node.slow_producer, log)
  end)
end)
