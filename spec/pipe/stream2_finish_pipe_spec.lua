-- test-stream2-finish-pipe.js, test-stream2-finish-pipe-error.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/pipe/stream2_finish_pipe.js. See spec/README.md.
-- end() on a pipe's destination while the source still flows: the next
-- write is ERR_STREAM_WRITE_AFTER_END, the pipe unpipes. Node's
-- test-stream2-finish-pipe-error.js has no 'error' listener and expects an
-- uncaught exception; here a listener records it.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "sync_cb", "a synchronous _write",
    function(L)
      local r
      r = Readable.new({ read = function() r:push("xxxx") end })
      local w = Writable.new({ write = function(_, _, _, cb) cb(nil) end })
      w:on("error", function(e) L("w error", errtext(e)) end)
      r:on("error", function(e) L("r error", errtext(e)) end)
      w:on("close", function() L("w close") end)
      r:on("close", function() L("r close") end)
      w:on("unpipe", function() L("unpipe") end)
      r:pipe(w)
      w:finish()
      helper.setTimeout(function() L("r flowing", r.readableFlowing, r.destroyed) end, 5)
    end,
  },
  { "async_cb", "a _write calling back on setImmediate",
    function(L)
      local r
      r = Readable.new({ read = function() r:push("x") end })
      local w = Writable.new({ write = function(_, _, _, cb) helper.check_immediate(cb) end })
      w:on("error", function(e) L("w error", errtext(e)) end)
      r:pipe(w)
      w:finish()
      w:on("finish", function() L("finish") end)
      w:on("close", function() L("close") end)
      w:on("unpipe", function() L("unpipe") end)
    end,
  },
}

local node = twin.run("test/twins/pipe/stream2_finish_pipe.js")

describe("test-stream2-finish-pipe", function()
  helper.twin_cases(cases, node, "test/twins/pipe/stream2_finish_pipe.js")
  helper.twin_covers(cases, node)
end)
