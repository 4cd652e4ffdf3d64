-- test-stream-pipe-multiple-pipes.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/pipe_multiple_pipes.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/pipe/pipe_multiple_pipes.js")

describe("test-stream-pipe-multiple-pipes", function()
  -- twin: five_destinations
  it("one source feeds five destinations; unpiped ones get nothing more", function()
    local log = {}
    local readable = Readable.new({ read = helper.noop })
    local writables = {}
    local function hex(str) return (str:gsub(".", function(c) return ("%02x"):format(c:byte()) end)) end
    for i = 0, 4 do
      local target
      target = Writable.new({
        write = function(_, chunk, _, callback)
          target.output[#target.output + 1] = hex(chunk)
          callback()
        end,
      })
      target.output = {}
      target:on("pipe", function() helper.put(log, "pipe" .. i) end)
      readable:pipe(target)
      writables[#writables + 1] = target
    end
    readable:push("\1\2\3\4\5")
    helper.nextTick(function()
      for i, target in ipairs(writables) do
        helper.put(log, table.concat(target.output, "|"))
        target:on("unpipe", function() helper.put(log, "unpipe" .. (i - 1)) end)
        readable:unpipe(target)
      end
      readable:push("something else")
      readable:push(nil)
      readable:resume()
    end)
    readable:on("end", function()
      helper.put(log, "end")
      for _, t in ipairs(writables) do helper.put(log, table.concat(t.output, "|")) end
    end)
    helper.settle()
    assert.are.same(node.five_destinations, log)
  end)
end)
