-- test-stream-end-of-streams.js, test-stream-add-abort-signal.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/finished/end_of_streams.js. See spec/README.md.
-- finished() of something that is not a stream is ERR_INVALID_ARG_TYPE; of a
-- Duplex ended on one side it waits. addAbortSignal() checks its arguments
-- (test-stream-add-abort-signal.js; its web TransformStream and internal
-- NoValidate cases have no Lua counterpart) and returns the stream.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "finished", "finished({}) raises; finished(duplex) waits",
    function(L)
      local ok, e = pcall(stream.finished, {}, function() end)
      if ok then L("ok") else L("throw", errtext(e)) end
      local d = Duplex.new()
      d:finish()
      stream.finished(d, function(err) L("cb", errtext(err)) end)
      d:on("error", function(err) L("error", errtext(err)) end)
      helper.setTimeout(function() L("destroying"); d:destroy() end, 5)
    end,
  },
  { "add_abort_signal", "addAbortSignal's argument checks, and an abort",
    function(L)
      local ok, e = pcall(stream.addAbortSignal, "INVALID_SIGNAL")
      if ok then L("ok") else L("throw", errtext(e)) end
      local ac = stream.AbortController.new()
      ok, e = pcall(stream.addAbortSignal, ac.signal, "INVALID_STREAM")
      if ok then L("ok") else L("throw", errtext(e)) end
      ok, e = pcall(stream.addAbortSignal, ac.signal, {})
      if ok then L("ok") else L("throw", errtext(e)) end
      local r = Readable.new({ read = function() end })
      L(rawequal(stream.addAbortSignal(ac.signal, r), r))
      r:on("error", function(err) L("error", err.name, errtext(err), rawequal(err.cause, ac.signal.reason)) end)
      r:on("close", function() L("close") end)
      ac:abort()
    end,
  },
}

local node = twin.run("test/twins/finished/end_of_streams.js")

describe("test-stream-end-of-streams", function()
  helper.twin_cases(cases, node, "test/twins/finished/end_of_streams.js")
  helper.twin_covers(cases, node)
end)
