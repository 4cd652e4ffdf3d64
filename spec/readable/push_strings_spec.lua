-- test-stream-push-strings.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/push_strings.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/push_strings.js")

describe("test-stream-push-strings", function()
  -- twin: end, results
  it("pushes from a tick, synchronously and from a timer", function()
    local log, results = {}, {}
    local MyStream = Readable:extend()
    function MyStream:initialize() self.chunks = 3 end
    function MyStream:_read()
      local n = self.chunks
      self.chunks = n - 1
      if n == 0 then
        return self:push(nil)
      elseif n == 1 then
        return helper.setTimeout(function() self:push("last chunk") end, 100)
      elseif n == 2 then
        return self:push("second to last chunk")
      elseif n == 3 then
        return helper.nextTick(function() self:push("first chunk") end)
      end
    end
    local ms = MyStream.new()
    ms:on("readable", helper.guard(function()
      local c = ms:read()
      while c ~= nil do helper.put(results, c); c = ms:read() end
    end))
    ms:on("end", function() helper.put(log, "end", ms.chunks) end)
    helper.settle()
    assert.are.same(node["end"], twin.strings(log))
    assert.are.same(node.results, results)
  end)
end)
