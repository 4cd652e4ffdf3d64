-- test-stream-readable-needReadable.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-needReadable", function()
  it("emits 'readable' once for data pushed synchronously, then 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:push("foo")
    r:push(nil)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "readable", "foo", "end" }, log)
  end)

  it("batches pushes from the same tick into one 'readable'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:on("end", function() helper.put(log, "end") end)
    helper.nextTick(function() helper.put(log, "push foooo"); r:push("foooo") end)
    helper.nextTick(function() helper.put(log, "push bar"); r:push("bar") end)
    helper.setImmediate(function() helper.put(log, "push null"); r:push(nil) end)
    helper.settle()
    assert.are.same({ "push foooo", "push bar", "readable", "foooobar", "push null",
      "readable", "null", "end" }, log)
  end)

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
    assert.are.same({ "push null", "data:foooo", "data:bar", "data:quo", "end" }, log)
  end)

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
    assert.are.same({ "readable", "null", "readable", "null", "readable", "foofoofo",
      "readable", "o", "end" }, log)
  end)
end)
