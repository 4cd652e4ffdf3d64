-- test-stream-writable-decoded-encoding.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_decoded_encoding.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_decoded_encoding.js")

describe("test-stream-writable-decoded-encoding", function()
  local function mk(log, opts)
    opts.write = function(self, chunk, enc, cb)
      helper.put(log, type(chunk) .. "/" .. tostring(enc) .. "/" .. tostring(chunk))
      cb()
    end
    return Writable.new(opts)
  end

  -- twin: decode_true
  it("decodeStrings = true: _write gets the bytes with encoding 'buffer'", function()
    local log = {}
    local m = mk(log, { decodeStrings = true })
    m:write("some-text", "utf8")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_true, log)
  end)

  -- twin: decode_false
  it("decodeStrings = false: _write gets the string with its encoding", function()
    local log = {}
    local m = mk(log, { decodeStrings = false })
    m:write("some-text", "utf8")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_false, log)
  end)

  -- twin: decode_false_hex
  it("decodeStrings = false: a hex string stays hex; the default is utf8", function()
    local log = {}
    local m = mk(log, { decodeStrings = false })
    m:write("616263", "hex")
    m:write("abc")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_false_hex, log)
  end)

  -- API.md §2: write(str, enc) delivers Buffer.from(text, enc) where text is what
  -- the UTF-8 string str spells.
  local cases = {
    { "hex", "616263", "616263" },
    { "base64", "YWJj", "616263" },
    { "base64", "YWI=", "6162" },
    { "latin1", "caf\u{e9}", "636166e9" },
    { "binary", "\u{ff}\0", "ff00" },
    { "ascii", "abc", "616263" },
    { "utf16le", "ab", "61006200" },
    { "ucs2", "h\u{e9}", "6800e900" },
    { "ucs-2", "x", "7800" },
    { "utf-16le", "y", "7900" },
    { "utf8", "h\u{e9}", "68c3a9" },
    { "utf-8", "\u{20ac}", "e282ac" },
  }
  -- twin: encode_1 ... encode_12
  for i, c in ipairs(cases) do
    local enc, input, want = c[1], c[2], c[3]
    it(("write(%q, %q) delivers the bytes %s"):format(input, enc, want), function()
      local log = {}
      local w = Writable.new({
        write = function(self, chunk, e, cb)
          helper.put(log, e .. "/" .. helper.hex(chunk))
          cb()
        end,
      })
      w:write(input, enc)
      w:finish()
      helper.settle()
      assert.are.same(node["encode_" .. i], log)
    end)
  end
end)
