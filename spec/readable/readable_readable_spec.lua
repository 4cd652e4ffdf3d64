-- test-stream-readable-readable.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_readable.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_readable.js")

describe("test-stream-readable-readable", function()
  -- twin: after_destroy
  it("readable is false after destroy()", function()
    local r = Readable.new({ read = function() end })
    local log = { r.readable }
    r:destroy()
    helper.put(log, r.readable)
    helper.settle()
    assert.are.same(node.after_destroy, twin.strings(log))
  end)

  -- twin: until_end
  it("readable stays true after push(nil) until 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    helper.put(log, r.readable)
    r:resume()
    r:push(nil)
    helper.put(log, r.readable)
    r:on("end", function() helper.put(log, "end", r.readable) end)
    helper.settle()
    assert.are.same(node.until_end, twin.strings(log))
  end)

  -- twin: destroyed_from_tick
  it("readable is false once destroyed with an error from a tick", function()
    local log = {}
    local r
    r = Readable.new({
      read = function()
        helper.put(log, "_read")
        helper.nextTick(function()
          r:destroy("x")
          helper.put(log, r.readable)
        end)
      end,
    })
    r:resume()
    r:on("error", function() helper.put(log, "error", r.readable) end)
    helper.settle()
    assert.are.same(node.destroyed_from_tick, twin.strings(log))
  end)
end)
