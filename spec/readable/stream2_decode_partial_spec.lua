-- test-stream2-decode-partial.js, test-stream2-base64-single-char-read-end.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/stream2_decode_partial.js. See spec/README.md.
-- A utf8 Readable decodes characters cut across pushes; a base64 one piping a
-- single byte ends with its padded quantum (test-stream2-base64-single-char-read-end.js).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "partial", "euro and cent cut in three pushes",
    function(L)
      local r = Readable.new({ read = function() end, encoding = "utf8" })
      local src = "\xE2\x82\xAC\xC2\xA2"
      r:push(src:sub(1, 2)); r:push(src:sub(3, 4)); r:push(src:sub(5, 6)); r:push(nil)
      r:on("data", function(c) L("data", c) end)
      r:on("end", function() L("end") end)
    end,
  },
  { "base64_single", "one byte through a base64 source into a pipe",
    function(L)
      local src = Readable.new({ encoding = "base64" })
      local dst = Writable.new()
      local hasRead = false
      local acc = {}
      src._read = function()
        if not hasRead then
          hasRead = true
          stream.nextTick(function() src:push("1"); src:push(nil) end)
        end
      end
      dst._write = function(_, chunk, enc, cb) L("write", chunk, enc); acc[#acc + 1] = chunk; cb() end
      src:on("end", function() L("end", table.concat(acc)) end)
      src:pipe(dst)
    end,
  },
}

local node = twin.run("test/twins/readable/stream2_decode_partial.js")

describe("test-stream2-decode-partial", function()
  helper.twin_cases(cases, node, "test/twins/readable/stream2_decode_partial.js")
  helper.twin_covers(cases, node)
end)
