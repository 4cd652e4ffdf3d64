-- test-stream-decoder-objectmode.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/decoder_objectmode.js. See spec/README.md.
-- An object-mode Readable with an encoding keeps each pushed chunk apart.
-- Node's test pushes Buffers, which its decoder turns into text chunk by chunk;
-- a Lua string pushed into an object-mode stream is a value, passed through as
-- Node passes a JS string (the twin's case `strings`); so the Buffer case is
-- written out below with cstream's result (docs/API.md, "Differences from Node
-- 20": Buffer and string are one type).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "strings", "strings pushed into an object-mode hex stream stay apart, undecoded",
    function(L)
      local r = Readable.new({ read = function() end, encoding = "hex", objectMode = true })
      r:push("ab"); r:push("cd"); r:push(nil)
      L(r.readableLength); L(r:read()); L(r:read()); L(helper.nullstr(r:read()))
    end,
  },
  { "utf8_strings", "utf8 strings stay apart in object mode",
    function(L)
      local r = Readable.new({ read = function() end, encoding = "utf8", objectMode = true })
      r:push("abc"); r:push("def"); r:push(nil)
      L(r:read()); L(r:read()); L(helper.nullstr(r:read()))
    end,
  },
}

local node = twin.run("test/twins/readable/decoder_objectmode.js")

describe("test-stream-decoder-objectmode", function()
  helper.twin_cases(cases, node, "test/twins/readable/decoder_objectmode.js")
  helper.twin_covers(cases, node)

  -- Written out: Node's test pushes Buffer.from('abc', 'utf16le') and reads
  -- "abc", "def" (its decoder decodes each Buffer); a Lua string is the
  -- value itself in object mode, so the UTF-16 bytes come out as pushed.
  it("bytes pushed into an object-mode utf16le stream are values, not decoded", function()
    local r = Readable.new({ read = function() end, encoding = "utf16le", objectMode = true })
    r:push("a\0b\0c\0")
    r:push("d\0e\0f\0")
    r:push(nil)
    assert.are.same({ "a\0b\0c\0", "d\0e\0f\0" }, { r:read(), r:read() })
    assert.is_nil(r:read())
  end)
end)
