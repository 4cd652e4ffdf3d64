-- test-stream-writable-callback-twice.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_callback_twice.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_callback_twice.js")

describe("test-stream-writable-callback-twice", function()
  -- twin: cb_twice
  it("cb(); cb() in _write emits ERR_MULTIPLE_CALLBACK", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb)
      cb()
      cb()
    end })
    helper.on(w, log, "error", "close")
    w:write("foo")
    helper.settle()
    assert.are.same(node.cb_twice, log)
  end)
end)
