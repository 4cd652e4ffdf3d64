-- test-stream-readable-add-chunk-during-data.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_add_chunk_during_data.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_add_chunk_during_data.js")

describe("test-stream-readable-add-chunk-during-data", function()
  -- twin: push, unshift
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
      assert.are.same(node[method], log)
    end)
  end
end)
