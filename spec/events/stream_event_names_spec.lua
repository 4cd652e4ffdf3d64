-- test-stream-event-names.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/events/stream_event_names.js. See spec/README.md.
-- A new stream lists no event names (a Transform lists 'prefinish', the
-- listener it gets when made); names come in the order of the stream's shape,
-- then the others.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "fresh", "new streams",
    function(L)
      for _, C in ipairs({ Readable, Writable, Duplex, Transform, PassThrough }) do
        L("[" .. table.concat((function()
          local t = {}
          for i, n in ipairs(C.new():eventNames()) do t[i] = '"' .. n .. '"' end
          return t
        end)(), ",") .. "]")
      end
    end,
  },
  { "readable", "a Readable's names",
    function(L)
      local s = Readable.new()
      s:on("foo", function() end); s:on("data", function() end); s:on("error", function() end)
      L(table.concat(s:eventNames(), ","))
      s:removeAllListeners("data")
      L(table.concat(s:eventNames(), ","))
    end,
  },
  { "writable", "a Writable's names",
    function(L)
      local s = Writable.new()
      s:on("foo", function() end); s:on("drain", function() end); s:on("prefinish", function() end)
      L(table.concat(s:eventNames(), ","))
    end,
  },
  { "duplex", "a Duplex's names",
    function(L)
      local s = Duplex.new()
      s:on("foo", function() end); s:on("finish", function() end)
      L(table.concat(s:eventNames(), ","))
    end,
  },
}

local node = twin.run("test/twins/events/stream_event_names.js")

describe("test-stream-event-names", function()
  helper.twin_cases(cases, node, "test/twins/events/stream_event_names.js")
  helper.twin_covers(cases, node)
end)
