-- test-stream-writable-properties.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-properties", function()
  it("writableCorked counts cork() and uncork() and never goes below 0", function()
    local w = Writable.new()
    local seen = {}
    local function p() seen[#seen + 1] = w.writableCorked end
    p(); w:uncork(); p(); w:cork(); p(); w:cork(); p(); w:uncork(); p(); w:uncork(); p(); w:uncork(); p()
    helper.settle()
    assert.are.same({ 0, 0, 1, 2, 1, 0, 0 }, seen)
  end)

  it("uncork() on an uncorked stream changes nothing", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    w:uncork()
    w:write("a")
    helper.put(log, "corked=" .. w.writableCorked)
    helper.settle()
    assert.are.same({ "write:a", "corked=0" }, log)
  end)
end)
