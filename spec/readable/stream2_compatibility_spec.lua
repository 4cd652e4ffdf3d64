-- test-stream2-compatibility.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/stream2_compatibility.js. See spec/README.md.
-- A 'data' listener added in the constructor gets the one chunk _read pushes;
-- the empty chunks that follow emit nothing.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "ondata", "one 'data' for a 100-byte chunk, then empty pushes",
    function(L)
      local n = 0
      local r = Readable.new()
      local buf = ("x"):rep(100)
      r._read = function(self) L("read", #buf); self:push(buf); buf = "" end
      r:on("data", function() n = n + 1 end)
      helper.check_immediate(function() L("ondata", n, r.readableLength, r.readableFlowing) end)
    end,
  },
}

local node = twin.run("test/twins/readable/stream2_compatibility.js")

describe("test-stream2-compatibility", function()
  helper.twin_cases(cases, node, "test/twins/readable/stream2_compatibility.js")
  helper.twin_covers(cases, node)
end)
