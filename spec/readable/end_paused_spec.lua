-- test-stream-end-paused.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/end_paused.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/readable/end_paused.js")

describe("test-stream-end-paused", function()
  -- twin: zero_length
  it("a paused 0-length stream still emits 'end' once resumed", function()
    local log = {}
    local r = Readable.new()
    function r:_read()
      helper.put(log, "_read")
      self:push(nil)
    end
    r:on("data", function() helper.put(log, "data") end)
    r:pause()
    helper.setTimeout(function()
      r:on("end", function() helper.put(log, "end") end)
      r:resume()
    end, 1)
    helper.settle()
    assert.are.same(node.zero_length, log)
  end)

  -- twin: empty
  it("a paused empty Readable still emits 'end' once resumed", function()
    local log = {}
    local calls = 0
    local r = Readable.new({ read = function(self)
      calls = calls + 1
      helper.put(log, "read")
      self:push(nil)
    end })
    r:on("data", function() helper.put(log, "DATA!") end)
    r:pause()
    helper.setTimeout(function()
      r:on("end", function() helper.put(log, "end") end)
      r:resume()
      helper.put(log, "resumed")
    end, 1)
    helper.settle()
    assert.are.same(node.empty, log)
    assert.are.equal(1, calls)
  end)
end)
