-- test-stream-readable-add-chunk-during-data.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-add-chunk-during-data", function()
  for _, method in ipairs({ "push", "unshift" }) do
    it(method .. "() from a 'data' listener", function()
      local log = {}
      local r = Readable.new({ read = function() end })
      r:once("data", helper.guard(function(chunk)
        helper.put(log, "len:" .. r.readableLength)
        r[method](r, chunk)
        helper.put(log, "len:" .. r.readableLength)
        r:on("data", function(c) helper.put(log, "data:" .. c) end)
      end))
      r:push("Hello, world")
      helper.settle()
      assert.are.same({ "len:0", "len:12", "data:Hello, world" }, log)
    end)
  end
end)
