-- test-stream-once-readable-pipe.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/pipe/once_readable_pipe.js. See spec/README.md.
-- A 'readable' listener added before or after pipe() does not disrupt it.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "before", "once('readable') before pipe()",
    function(L)
      local w = Writable.new({ write = function(_, c, _, cb) L("w", c); cb() end })
      local r = Readable.new({ read = function() end })
      r:once("readable", function() L("readable") end)
      r:pipe(w)
      r:push("foo"); r:push("bar"); r:push("baz"); r:push(nil)
      w:on("finish", function() L("finish") end)
      r:on("end", function() L("end") end)
    end,
  },
  { "after", "once('readable') after the pushes",
    function(L)
      local w = Writable.new({ write = function(_, c, _, cb) L("w", c); cb() end })
      local r = Readable.new({ read = function() end })
      r:pipe(w)
      r:push("foo"); r:push("bar"); r:push("baz"); r:push(nil)
      r:once("readable", function() L("readable") end)
      w:on("finish", function() L("finish") end)
      r:on("end", function() L("end") end)
    end,
  },
}

local node = twin.run("test/twins/pipe/once_readable_pipe.js")

describe("test-stream-once-readable-pipe", function()
  helper.twin_cases(cases, node, "test/twins/pipe/once_readable_pipe.js")
  helper.twin_covers(cases, node)
end)
