-- test-stream-readable-data.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-data", function()
  it("a 'data' listener added after a removed 'readable' one makes the stream flow", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    local function read() end
    r:setEncoding("utf8")
    r:on("readable", read)
    r:removeListener("readable", read)
    helper.nextTick(function()
      r:on("data", function(d) helper.put(log, "data:" .. d) end)
      r:push("hello")
    end)
    helper.settle()
    assert.are.same({ "data:hello" }, log)
  end)
end)
