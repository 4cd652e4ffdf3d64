-- test-stream-readable-aborted.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_aborted.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_aborted.js")

describe("test-stream-readable-aborted", function()
  -- twin: destroy_before_end
  it("destroy() before the end aborts", function()
    local r = Readable.new({ read = function() end })
    local log = { r.readableAborted }
    r:destroy()
    helper.put(log, r.readableAborted)
    helper.settle()
    assert.are.same(node.destroy_before_end, twin.strings(log))
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

  -- twin: destroy_after_end
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
    assert.are.same(node.destroy_after_end, twin.strings(log))
  end)
end)
