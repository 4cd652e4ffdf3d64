-- test-stream-readable-unpipe-resume.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/pipe/readable_unpipe_resume.js. See spec/README.md.
-- unpipe() and resume() from the destination's _transform: the source goes
-- on flowing to its own 'data' listener and ends (Node's test reads a file;
-- here a Readable pushes).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "unpipe_resume", "the source still ends",
    function(L)
      local r = Readable.new({ read = function() end })
      local t = Transform.new({ transform = function(_, c) L("transform", c); r:unpipe(); r:resume() end })
      r:on("end", function() L("end") end)
      r:on("data", function(c) L("data", c) end)
      r:pipe(t):resume()
      r:push("a"); r:push("b"); r:push("c"); r:push(nil)
    end,
  },
}

local node = twin.run("test/twins/pipe/readable_unpipe_resume.js")

describe("test-stream-readable-unpipe-resume", function()
  helper.twin_cases(cases, node, "test/twins/pipe/readable_unpipe_resume.js")
  helper.twin_covers(cases, node)
end)
