-- test-stream-readable-data.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_data.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_data.js")

describe("test-stream-readable-data", function()
  -- twin: data_after_readable
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
    assert.are.same(node.data_after_readable, log)
  end)
end)
