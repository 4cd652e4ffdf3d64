-- test-stream-duplex-readable-end.js (Node 20's test/parallel/), translated; sequences from test/twins/duplex/duplex_readable_end.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Transform = stream.Transform

local node = twin.run("test/twins/duplex/duplex_readable_end.js")

describe("test-stream-duplex-readable-end", function()
  -- nodejs/node#35926: push(nil) from _transform ends the readable side and the
  -- source stays paused on the back-pressure of the writable side.
  -- twin: push_null_in_transform
  it("push(nil) inside _transform ends the Transform while piping", function()
    local log = {}
    local loops = 5
    local src = Readable.new({
      highWaterMark = 16 * 1024,
      read = function(self)
        if loops > 0 then
          loops = loops - 1
          self:push(string.rep("\0", 20000))
        else
          loops = loops - 1
        end
      end,
    })
    local dst = Transform.new({
      highWaterMark = 16 * 1024,
      transform = function(self, _, _, fn)
        helper.put(log, "transform")
        self:push(nil)
        fn()
      end,
    })
    src:pipe(dst)
    dst:on("data", function() helper.put(log, "data") end)
    dst:on("end", function()
      helper.put(log, "end:" .. loops .. ":" .. tostring(src:isPaused()))
    end)
    helper.settle()
    assert.are.same(node.push_null_in_transform, log)
  end)
end)
