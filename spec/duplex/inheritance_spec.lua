-- test-stream-inheritance.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/duplex/inheritance.js. See spec/README.md.
-- instanceof: a Duplex and a Transform are Readables and Writables (Node's
-- Writable[Symbol.hasInstance]); in Lua, C:isInstance(x).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "instanceof", "each class against each kind of stream",
    function(L)
      local all = { Readable.new({ read = function() end }), Writable.new({ write = function() end }),
        Duplex.new({ read = function() end, write = function() end }),
        Transform.new({ transform = function() end }), PassThrough.new() }
      for _, C in ipairs({ Readable, Writable, Duplex, Transform, PassThrough }) do
        L(C:isInstance(all[1]), C:isInstance(all[2]), C:isInstance(all[3]), C:isInstance(all[4]),
          C:isInstance(all[5]), C:isInstance(nil))
      end
      local CustomWritable = Writable:extend()
      local cw = CustomWritable.new()
      L(CustomWritable:isInstance(cw), Writable:isInstance(cw), Readable:isInstance(cw), CustomWritable:isInstance(all[2]))
    end,
  },
}

local node = twin.run("test/twins/duplex/inheritance.js")

describe("test-stream-inheritance", function()
  helper.twin_cases(cases, node, "test/twins/duplex/inheritance.js")
  helper.twin_covers(cases, node)
end)
