-- test-stream-pipeline-duplex.js, test-stream-pipeline-async-iterator.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/pipeline/pipeline_duplex.js. See spec/README.md.
-- pipeline(remote, local, remote): a Duplex looping back; remote's end()
-- closes it early for `local` (ERR_STREAM_PREMATURE_CLOSE). And the stream
-- pipeline returns, iterated, raises the source's error
-- (test-stream-pipeline-async-iterator.js).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "loop", "a loop through a Duplex ends in a premature close",
    function(L)
      local remote = PassThrough.new()
      local loc = Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
      stream.pipeline(remote, loc, remote, function(err) L("cb", errtext(err)) end)
      helper.check_immediate(function() remote:finish() end)
      for _, e in ipairs({ "close", "finish", "end", "error" }) do
        remote:on(e, function() L("remote", e) end)
        loc:on(e, function() L("local", e) end)
      end
    end,
  },
  { "iterated", "iterating what pipeline returns raises the source's error",
    function(L)
      local source = Readable.new({ read = function() end })
      source:push("helloworld")
      helper.check_immediate(function() source:destroy({ message = "kaboom" }) end)
      local it = stream.pipeline(source, PassThrough.new(), function() end)
      it:setEncoding("utf8")
      stream.async(function()
        local ok, e = pcall(function() for k in it:iter() do L("chunk", k) end end)
        if ok then L("done") else L("caught", errtext(e)) end
      end)
    end,
  },
}

local node = twin.run("test/twins/pipeline/pipeline_duplex.js")

describe("test-stream-pipeline-duplex", function()
  helper.twin_cases(cases, node, "test/twins/pipeline/pipeline_duplex.js")
  helper.twin_covers(cases, node)
end)
