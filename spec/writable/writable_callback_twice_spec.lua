-- test-stream-writable-callback-twice.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-callback-twice", function()
  it("cb(); cb() in _write emits ERR_MULTIPLE_CALLBACK", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb)
      cb()
      cb()
    end })
    helper.on(w, log, "error", "close")
    w:write("foo")
    helper.settle()
    assert.are.same({ "error:ERR_MULTIPLE_CALLBACK", "close" }, log)
  end)
end)
