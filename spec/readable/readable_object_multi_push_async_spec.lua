-- test-stream-readable-object-multi-push-async.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_object_multi_push_async.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_object_multi_push_async.js")

describe("test-stream-readable-object-multi-push-async", function()
  -- twin: multi_push
  it("several pushes from one asynchronous fetch per _read", function()
    local log, got = {}, {}
    local MAX, BATCH = 42, 10
    local i, reads = 0, 0
    local function fetchData(cb)
      if i > MAX then
        helper.setTimeout(function() cb(nil, {}) end, 10)
      else
        local a = {}
        local max = i + BATCH
        while i < max do helper.put(a, i); i = i + 1 end
        helper.setTimeout(function() cb(nil, a) end, 10)
      end
    end
    local r
    r = Readable.new({
      objectMode = true,
      read = function(self)
        reads = reads + 1
        fetchData(function(_, data)
          if #data == 0 then
            helper.put(log, "push null")
            self:push(nil)
            return
          end
          for _, d in ipairs(data) do self:push(d) end
        end)
      end,
    })
    r:on("readable", helper.guard(function()
      helper.put(log, "readable")
      local d = r:read()
      while d ~= nil do helper.put(got, d); d = r:read() end
    end))
    r:on("end", function() helper.put(log, "end", i, reads, #got, got[1], got[#got]) end)
    helper.settle()
    assert.are.same(node.multi_push, twin.strings(log))
  end)
end)
