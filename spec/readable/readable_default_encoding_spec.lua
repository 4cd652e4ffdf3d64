-- test-stream-readable-default-encoding.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/readable_default_encoding.js. See spec/README.md.
-- A Readable's defaultEncoding is the encoding of a string pushed without one;
-- an unknown one is ERR_UNKNOWN_ENCODING at construction.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext
local hex = helper.hex

local cases = {
  { "hex", "push(s) with defaultEncoding hex is bytes from hex",
    function(L)
      local r = Readable.new({ read = function() end, defaultEncoding = "hex" })
      r:push("ab")
      r:on("data", function(c) L("data", hex(c)) end)
    end,
  },
  { "explicit", "push(s, 'utf-8') overrides it",
    function(L)
      local r = Readable.new({ read = function() end, defaultEncoding = "hex" })
      r:push("ab", "utf-8")
      r:on("data", function(c) L("data", hex(c)) end)
    end,
  },
  { "invalid", "an unknown defaultEncoding is ERR_UNKNOWN_ENCODING",
    function(L)
      for _, C in ipairs({ Readable, Writable }) do
        local ok, e = pcall(C.new, { defaultEncoding = "my invalid encoding" })
        if ok then L("made") else L("throw", errtext(e)) end
      end
    end,
  },
}

local node = twin.run("test/twins/readable/readable_default_encoding.js")

describe("test-stream-readable-default-encoding", function()
  helper.twin_cases(cases, node, "test/twins/readable/readable_default_encoding.js")
  helper.twin_covers(cases, node)
end)
