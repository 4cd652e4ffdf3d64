-- test-stream-writable-end-multiple.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_end_multiple.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_end_multiple.js")

describe("test-stream-writable-end-multiple", function()
  -- twin: end_multiple
  it("two finish() callbacks succeed; one after 'finish' gets ALREADY_FINISHED", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, "write")
      helper.setTimeout(cb, 10)
    end
    w:finish("testing ended state", function(e) helper.put(log, "end1:" .. helper.errtext(e)) end)
    w:finish(function(e) helper.put(log, "end2:" .. helper.errtext(e)) end)
    w:on("finish", function()
      helper.put(log, "finish")
      w:finish(function(err) helper.put(log, "end3:" .. helper.errtext(err)) end)
    end)
    helper.on(w, log, "close")
    helper.settle()
    assert.are.same(node.end_multiple, log)
  end)
end)
