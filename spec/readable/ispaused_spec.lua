-- test-stream-ispaused.js, test-stream-readableListening-state.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/ispaused.js. See spec/README.md.
-- isPaused() through 'data', pause(), pipe() and resume(); a 'readable'
-- listener (Node's readableListening) reads in paused mode, a 'data' one
-- flows (test-stream-readableListening-state.js, whose state field is
-- internal: what it implies is readableFlowing).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "ispaused", "isPaused() as the stream flows and pauses",
    function(L)
      local r = Readable.new({ read = function() end })
      L(r:isPaused(), helper.nullstr(r.readableFlowing))
      r:on("data", function() end)
      L(r:isPaused(), r.readableFlowing)
      r:pause()
      L(r:isPaused(), r.readableFlowing)
      r:pipe(Writable.new({ write = function(_, _, _, cb) cb() end }))
      L(r:isPaused(), r.readableFlowing)
      r:resume()
      L(r:isPaused(), r.readableFlowing)
    end,
  },
  { "readable_listening", "'readable' reads in paused mode",
    function(L)
      local r = Readable.new({ read = function() end })
      r:on("readable", function() L("readable", r.readableFlowing, r:read()) end)
      r:push("Testing readableListening state")
    end,
  },
  { "data_listening", "'data' alone flows",
    function(L)
      local r = Readable.new({ read = function() end })
      r:on("data", function(c) L("data", r.readableFlowing, c) end)
      r:push("Testing readableListening state")
    end,
  },
}

local node = twin.run("test/twins/readable/ispaused.js")

describe("test-stream-ispaused", function()
  helper.twin_cases(cases, node, "test/twins/readable/ispaused.js")
  helper.twin_covers(cases, node)
end)
