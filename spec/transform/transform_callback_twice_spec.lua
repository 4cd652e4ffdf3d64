-- test-stream-transform-callback-twice.js (Node 20's test/parallel/), translated; sequences from test/twins/transform/transform_callback_twice.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/transform/transform_callback_twice.js")

describe("test-stream-transform-callback-twice", function()
  -- twin: cb_twice
  it("a second call of the transform callback is ERR_MULTIPLE_CALLBACK", function()
    local log = {}
    local t = Transform.new({ transform = function(_, _, _, cb) cb(); cb() end })
    t:on("error", function(e) helper.put(log, "error:" .. helper.errtext(e, "null") .. ":" .. e.message) end)
    t:on("close", function() helper.put(log, "close") end)
    t:write("foo")
    helper.settle()
    assert.are.same(node.cb_twice, log)
  end)
end)
