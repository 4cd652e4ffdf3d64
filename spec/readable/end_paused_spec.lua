-- test-stream-end-paused.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

describe("test-stream-end-paused", function()
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
    assert.are.same({ "_read", "end" }, log)
  end)

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
    assert.are.same({ "read", "resumed", "end" }, log)
    assert.are.equal(1, calls)
  end)
end)
