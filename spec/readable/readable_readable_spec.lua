-- test-stream-readable-readable.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-readable", function()
  it("readable is false after destroy()", function()
    local r = Readable.new({ read = function() end })
    local log = { r.readable }
    r:destroy()
    helper.put(log, r.readable)
    helper.settle()
    assert.are.same({ true, false }, log)
  end)

  it("readable stays true after push(nil) until 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    helper.put(log, r.readable)
    r:resume()
    r:push(nil)
    helper.put(log, r.readable)
    r:on("end", function() helper.put(log, "end", r.readable) end)
    helper.settle()
    assert.are.same({ true, true, "end", false }, log)
  end)

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
    assert.are.same({ "_read", false, "error", false }, log)
  end)
end)
