-- test-stream-writable-end-multiple.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-end-multiple", function()
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
    assert.are.same({ "write", "end1:nil", "end2:nil", "finish",
                      "end3:ERR_STREAM_ALREADY_FINISHED", "close" }, log)
  end)
end)
