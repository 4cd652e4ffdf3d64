-- test-stream-transform-callback-twice.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Transform = stream.Transform

describe("test-stream-transform-callback-twice", function()
  it("a second call of the transform callback is ERR_MULTIPLE_CALLBACK", function()
    local log = {}
    local t = Transform.new({ transform = function(_, _, _, cb) cb(); cb() end })
    t:on("error", function(e) helper.put(log, "error:" .. helper.errtext(e, "null") .. ":" .. e.message) end)
    t:on("close", function() helper.put(log, "close") end)
    t:write("foo")
    helper.settle()
    assert.are.same({ "error:ERR_MULTIPLE_CALLBACK:Callback called multiple times",
      "close" }, log)
  end)
end)
