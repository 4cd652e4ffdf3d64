-- test-stream-readable-aborted.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-aborted", function()
  it("destroy() before the end aborts", function()
    local r = Readable.new({ read = function() end })
    local log = { r.readableAborted }
    r:destroy()
    helper.put(log, r.readableAborted)
    helper.settle()
    assert.are.same({ false, true }, log)
  end)

  it("destroy() after push(nil) but before 'end' aborts", function()
    local r = Readable.new({ read = function() end })
    r:push(nil)
    r:destroy()
    assert.is_true(r.readableAborted)
    helper.settle()
  end)

  it("destroy() with buffered data aborts", function()
    local r = Readable.new({ read = function() end })
    r:push("asd")
    r:destroy()
    assert.is_true(r.readableAborted)
    helper.settle()
  end)

  it("destroy() after 'end' does not abort", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("asd")
    r:push(nil)
    helper.put(log, r.readableAborted)
    r:on("end", helper.guard(function()
      helper.put(log, "end", r.readableAborted)
      r:destroy()
      helper.put(log, r.readableAborted)
    end))
    r:on("close", function() helper.put(log, "close", r.readableAborted) end)
    r:resume()
    helper.settle()
    assert.are.same({ false, "end", false, false, "close", false }, log)
  end)
end)
