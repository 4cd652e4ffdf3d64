-- test-stream-readable-end-destroyed.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-end-destroyed", function()
  it("push(nil) after 'close' emits no 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("end", function() helper.put(log, "end") end)
    r:resume()
    r:destroy()
    r:on("close", helper.guard(function() helper.put(log, "close"); r:push(nil) end))
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    helper.settle()
    assert.are.same({ "close" }, log)
  end)
end)
