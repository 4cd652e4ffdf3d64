-- test-stream-writable-properties.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_properties.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_properties.js")

describe("test-stream-writable-properties", function()
  -- twin: corked_counts
  it("writableCorked counts cork() and uncork() and never goes below 0", function()
    local w = Writable.new()
    local seen = {}
    local function p() seen[#seen + 1] = w.writableCorked end
    p(); w:uncork(); p(); w:cork(); p(); w:cork(); p(); w:uncork(); p(); w:uncork(); p(); w:uncork(); p()
    helper.settle()
    assert.are.same(node.corked_counts, twin.strings(seen))
  end)

  -- twin: uncork_uncorked
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
    assert.are.same(node.uncork_uncorked, log)
  end)
end)
