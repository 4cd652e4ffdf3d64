-- test-stream-readable-setEncoding-existing-buffers.js, test-stream-readable-setEncoding-null.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/readable_setEncoding_existing_buffers.js. See spec/README.md.
-- setEncoding() over bytes already buffered: they go through the new decoder,
-- a character split across chunks included; readableLength becomes text's. And
-- setEncoding(nil) is utf8 (test-stream-readable-setEncoding-null.js).
-- Node 20 drops an incomplete character buffered after EOF (no data at all);
-- the Node test's '\ufffd' there is a later Node's.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "two_bytes", "two buffered chunks become one string",
    function(L)
      local r = Readable.new({ read = function() end })
      r:push("a"); r:push("b")
      r:setEncoding("utf8")
      r:on("data", function(c) L("data", c) end)
      stream.nextTick(function() L("tick") end)
    end,
  },
  { "whole_split_char", "a whole character in four chunks",
    function(L)
      local r = Readable.new({ read = function() end })
      for _, b in ipairs({ 0xf0, 0x9f, 0x8e, 0x89 }) do r:push(string.char(b)) end
      L(r.readableLength)
      r:setEncoding("utf8")
      L(r.readableLength)
      r:on("data", function(c) L("data", c) end)
    end,
  },
  { "finished_later", "an incomplete character finished by later pushes",
    function(L)
      local r = Readable.new({ read = function() end })
      r:push("\xf0"); r:push("\x9f")
      r:setEncoding("utf8")
      L(r.readableLength)
      r:push("\x8e"); r:push("\x89")
      L(r.readableLength)
      r:on("data", function(c) L("data", c) end)
    end,
  },
  { "after_read0", "after read(0) buffered half a character",
    function(L)
      local chunks, i = { "\xf0\x9f", "\x8e\x89" }, 0
      local r = Readable.new({ read = function(self) i = i + 1; self:push(chunks[i]) end })
      r:read(0)
      L(helper.nullstr(r.readableFlowing), r.readableLength)
      r:setEncoding("utf8")
      L(r.readableLength)
      r:on("data", function(c) L("data", c) end)
      r:on("end", function() L("end") end)
    end,
  },
  { "after_eof", "after EOF an incomplete character is dropped (Node 20)",
    function(L)
      local r = Readable.new({ read = function() end })
      r:push("\xf0"); r:push("\x9f"); r:push(nil)
      r:setEncoding("utf8")
      L(r.readableLength)
      r:on("data", function(c) L("data", c) end)
      r:on("end", function() L("end") end)
    end,
  },
  { "null", "setEncoding(nil) and setEncoding() are utf8",
    function(L)
      local r = Readable.new({ read = function() end })
      r:setEncoding(nil)
      L(r.readableEncoding)
      r:setEncoding("hex")
      L(r.readableEncoding)
      r:setEncoding()
      L(r.readableEncoding)
      r:push("ab")
      r:on("data", function(c) L("data", type(c), c) end)
    end,
  },
}

local node = twin.run("test/twins/readable/readable_setEncoding_existing_buffers.js")

describe("test-stream-readable-setEncoding-existing-buffers", function()
  helper.twin_cases(cases, node, "test/twins/readable/readable_setEncoding_existing_buffers.js")
  helper.twin_covers(cases, node)
end)
