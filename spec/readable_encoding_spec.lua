-- Readable with encodings (setEncoding, the encoding option, push/unshift with an
-- encoding), translated from Node 20's tests. Every sequence comes from the JS
-- twin test/twins/readable/readable_encoding.js, chunks as the UTF-8 bytes of
-- the string Node delivered (API.md section 2). Lengths count UTF-16 code units, as
-- Node counts a JS string (spec/readable_text_spec.lua has the rest of that).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local guard = helper.guard

local finish = helper.settle

-- A luv timer that closes itself, made from a tick so that it cannot fire
-- before the ticks the spec body queued (Node runs those first).
local setTimeout = helper.setTimeout
local nextTick = helper.nextTick
local put = helper.put
local hex = helper.hex
local code = helper.errcode

-- Node's TestReader from test-stream2-set-encoding: n 'a' bytes in total, each
-- _read answered 1 ms later, and a double push(nil) at the end.
local TestReader = Readable:extend()

function TestReader:initialize(_, n)
  self.pos = 0
  self.len = n or 100
end

function TestReader:_read(n)
  setTimeout(function()
    if self.pos >= self.len then
      self:push(nil)
      return self:push(nil)
    end
    n = math.min(n, self.len - self.pos)
    if n <= 0 then
      self:push(nil)
      return self:push(nil)
    end
    self.pos = self.pos + n
    return self:push(string.rep("a", n))
  end, 1)
end

local node = twin.run("test/twins/readable/readable_encoding.js")

describe("test-stream2-set-encoding", function()
  local cases = { { "utf8", 10 }, { "hex", 10 }, { "hex", 13 }, { "base64", 10 } }
  for _, how in ipairs({ "setEncoding", "encoding option" }) do
    for _, c in ipairs(cases) do
      local enc, size = c[1], c[2]
      -- twin: setEncoding_utf8_10 ... option_base64_10
      local expected = node[(how == "setEncoding" and "setEncoding" or "option") .. "_" .. enc .. "_" .. size]
      it(how .. " " .. enc .. " with read(" .. size .. ")", function()
        local log = {}
        local tr
        if how == "setEncoding" then
          tr = TestReader.new(nil, 100)
          tr:setEncoding(enc)
        else
          tr = TestReader.new({ encoding = enc }, 100)
        end
        tr:on("readable", guard(function()
          local chunk = tr:read(size)
          while chunk ~= nil do
            put(log, chunk)
            chunk = tr:read(size)
          end
        end))
        tr:on("end", function() put(log, "end") end)
        tr:on("error", function(e) put(log, "error:" .. tostring(code(e))) end)
        finish()
        assert.are.same(expected, log)
      end)
    end
  end

  it("setEncoding() is chainable", function()
    local tr = TestReader.new(nil, 100)
    assert.are.equal(tr, tr:setEncoding("utf8"))
    finish()
  end)
end)

describe("test-stream-readable-setEncoding-existing-buffers", function()
  -- twin: existing_ab
  it("setEncoding() with bytes already buffered", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:push("b")
    r:setEncoding("utf8")
    r:on("data", function(c) put(log, c) end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same(node.existing_ab, log)
  end)

  -- twin: existing_whole_char
  it("setEncoding() while the buffer holds a complete character in pieces", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    for _, b in ipairs({ 0xf0, 0x9f, 0x8e, 0x89 }) do r:push(string.char(b)) end
    r:setEncoding("utf8")
    r:on("data", function(c) put(log, hex(c)) end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same(node.existing_whole_char, log)
  end)

  -- twin: existing_char_finished_later
  it("setEncoding() while the buffer holds an incomplete character finished later", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("\xf0")
    r:push("\x9f")
    r:setEncoding("utf8")
    r:push("\x8e")
    r:push("\x89")
    r:on("data", function(c) put(log, hex(c)) end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same(node.existing_char_finished_later, log)
  end)

  -- twin: existing_half_read
  it("setEncoding() after _read buffered the first half of a character", function()
    local log = {}
    local chunks = { "\xf0\x9f", "\x8e\x89" }
    local r = Readable.new({ read = function(self) self:push(table.remove(chunks, 1)) end })
    r:read(0)
    put(log, tostring(r.readableFlowing), r.readableLength)
    r:setEncoding("utf8")
    r:on("data", function(c) put(log, hex(c)) end)
    r:on("end", function() put(log, "end") end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same(node.existing_half_read, twin.strings(log))
  end)

  -- twin: existing_after_eof
  it("setEncoding() after EOF with an incomplete character buffered", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("\xf0")
    r:push("\x9f")
    r:push(nil)
    r:setEncoding("utf8")
    r:on("data", function(c) put(log, hex(c)) end)
    r:on("end", function() put(log, "end") end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same(node.existing_after_eof, log)
  end)
end)

describe("test-stream-readable-setEncoding-null", function()
  -- twin: set_encoding_null
  it("setEncoding(nil) means utf8", function()
    local r = Readable.new({ encoding = "hex" })
    local got = { r.readableEncoding }
    r:setEncoding(nil)
    put(got, r.readableEncoding)
    assert.are.same(node.set_encoding_null, got)
    finish()
  end)

  it("readableEncoding is nil until setEncoding()", function()
    local r = Readable.new({ read = function() end })
    assert.is_nil(r.readableEncoding)
    r:setEncoding("base64")
    assert.are.equal("base64", r.readableEncoding)
    finish()
  end)
end)

describe("encoding names (Node's normalizeEncoding)", function()
  -- twin: aliases
  it("aliases are normalized in readableEncoding", function()
    local got = {}
    for _, e in ipairs({ "utf8", "utf-8", "UTF8", "hex", "base64", "latin1", "binary", "ascii",
      "utf16le", "ucs2", "ucs-2", "utf-16le" }) do
      local r = Readable.new({ read = function() end })
      r:setEncoding(e)
      put(got, r.readableEncoding)
    end
    assert.are.same(node.aliases, got)
    finish()
  end)

  it("setEncoding('bogus') raises ERR_UNKNOWN_ENCODING and changes nothing", function()
    local r = Readable.new({ read = function() end })
    local ok, err = pcall(r.setEncoding, r, "bogus")
    assert.is_false(ok)
    assert.are.equal("ERR_UNKNOWN_ENCODING", code(err))
    assert.is_nil(r.readableEncoding)
    finish()
  end)

  it("an unknown encoding option raises ERR_UNKNOWN_ENCODING", function()
    local ok, err = pcall(Readable.new, { read = function() end, encoding = "bogus" })
    assert.is_false(ok)
    assert.are.equal("ERR_UNKNOWN_ENCODING", code(err))
    finish()
  end)
end)

describe("decoding bytes with setEncoding (Node's StringDecoder)", function()
  local function decode(enc, pieces)
    local log = {}
    local r = Readable.new({ read = function() end })
    r:setEncoding(enc)
    r:on("data", function(c) put(log, hex(c)) end)
    for _, p in ipairs(pieces) do r:push(p) end
    r:push(nil)
    r:on("end", function() put(log, "end") end)
    finish()
    return log
  end

  -- twin: decode_latin1
  it("latin1: each byte as its code point", function()
    assert.are.same(node.decode_latin1, decode("latin1", { "\x41\xe9\xff" }))
  end)

  -- twin: decode_ascii
  it("ascii: the high bit cleared", function()
    assert.are.same(node.decode_ascii, decode("ascii", { "\x41\xe9\xff" }))
  end)

  -- twin: decode_hex
  it("hex: the notation of each chunk", function()
    assert.are.same(node.decode_hex, decode("hex", { "\x01\xff", "\xab" }))
  end)

  -- twin: decode_utf16le
  it("utf16le: code units to text", function()
    assert.are.same(node.decode_utf16le, decode("utf16le", { "a\0b\0" }))
  end)

  -- twin: decode_utf16le_pair
  it("utf16le: a surrogate pair split between chunks stays whole", function()
    assert.are.same(node.decode_utf16le_pair,
      decode("utf16le", { "a\0\x3d\xd8", "\x0e\xde\x62\0" }))
  end)

  -- twin: decode_utf16le_split_unit
  it("utf16le: a code unit split between chunks", function()
    assert.are.same(node.decode_utf16le_split_unit, decode("utf16le", { "a", "\0b", "\0" }))
  end)

  -- twin: decode_utf16le_odd_byte
  it("utf16le: an odd byte at the end is dropped", function()
    assert.are.same(node.decode_utf16le_odd_byte, decode("utf16le", { "a\0b" }))
  end)

  -- twin: decode_utf8_split
  it("utf8: a character split over three pushes comes out whole", function()
    assert.are.same(node.decode_utf8_split, decode("utf8", { "\xe2", "\x82", "\xac\x41" }))
  end)

  -- twin: decode_utf8_invalid
  it("utf8: invalid bytes become U+FFFD, an incomplete tail too at the end", function()
    assert.are.same(node.decode_utf8_invalid, decode("utf8", { "a\xffb\xc3" }))
  end)

  -- twin: decode_utf8_lone
  it("utf8: a lone continuation byte becomes U+FFFD", function()
    assert.are.same(node.decode_utf8_lone, decode("utf8", { "\x80\x41" }))
  end)

  -- twin: decode_base64_bytes
  it("base64: byte-by-byte pushes come out in whole quanta", function()
    assert.are.same(node.decode_base64_bytes, decode("base64", { "a", "b", "c", "d" }))
  end)

  -- twin: decode_base64_tail
  it("base64: the padded tail comes at the end", function()
    assert.are.same(node.decode_base64_tail, decode("base64", { "abcd" }))
  end)
end)

describe("push(str, encoding) into a byte stream (Node's Buffer.from)", function()
  local function pushed(enc, str)
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function(c) put(log, hex(c)) end)
    r:push(str, enc)
    finish()
    return log
  end

  -- twin: push_hex
  it("hex", function() assert.are.same(node.push_hex, pushed("hex", "616263")) end)
  -- twin: push_base64
  it("base64", function() assert.are.same(node.push_base64, pushed("base64", "YWJj")) end)
  -- twin: push_latin1
  it("latin1: one byte per character", function()
    assert.are.same(node.push_latin1, pushed("latin1", "a\u{e9}"))
  end)
  -- twin: push_utf16le
  it("utf16le: two bytes per character", function()
    assert.are.same(node.push_utf16le, pushed("utf16le", "ab"))
  end)
  -- twin: push_utf8
  it("utf8: the bytes unchanged", function()
    assert.are.same(node.push_utf8, pushed("utf8", "a\u{e9}"))
  end)
  -- twin: push_ascii
  it("ascii", function() assert.are.same(node.push_ascii, pushed("ascii", "az")) end)

  -- twin: push_into_encoded
  it("into a stream with an encoding: decoded, then re-encoded", function()
    local log = {}
    local r = Readable.new({ read = function() end, encoding = "utf8" })
    r:on("data", function(c) put(log, c) end)
    r:push("616263", "hex")
    r:push("YWJj", "base64")
    r:push("plain")
    finish()
    assert.are.same(node.push_into_encoded, log)
  end)
end)

describe("lengths with an encoding", function()
  -- twin: hwm_counts_text
  it("highWaterMark counts the decoded text", function()
    local r = Readable.new({ read = function() end, encoding = "utf8", highWaterMark = 4 })
    local got = { r:push("ab"), r.readableLength, r:push("cd"), r.readableLength }
    assert.are.same(node.hwm_counts_text, twin.strings(got))
    finish()
  end)

  it("readableLength counts the UTF-16 code units of the text, as Node", function()
    local r = Readable.new({ read = function() end })
    r:setEncoding("latin1")
    r:push("\xe9\xe9")
    local len = r.readableLength
    local text = r:read()
    assert.are.equal(2, len)
    assert.are.equal("c3a9c3a9", hex(text))
    finish()
  end)

  -- twin: data_is_string
  it("'data' chunks are strings in the stream's encoding", function()
    local log = {}
    local r = Readable.new({ read = function() end, encoding = "hex" })
    r:on("data", function(c) put(log, type(c), c) end)
    r:push("ab")
    r:push(nil)
    finish()
    assert.are.same(node.data_is_string, log)
  end)
end)

-- A chunk that is whole, valid UTF-8 is its own text, kept as pushed rather
-- than decoded into a copy (cs_decoder_same); the rest goes through the
-- decoder. Both must deliver what Node's StringDecoder does.
describe("decoded text kept as pushed", function()
  local kept = twin.run("test/twins/readable/decode_kept.js")
  local PUSHES = {
    "abcdefghij",                          -- ASCII, ten bytes
    "h\xc3\xa9llo w\xc3\xb6rld",           -- two-byte characters
    "\xef\xbf\xbdxyz",                     -- U+FFFD spelled out
    "ab\xff cd",                           -- an invalid byte
    "12345678\xe2\x82",                    -- ends inside a character
    "\xac after",                          -- which this completes
    "plain again",                         -- ASCII again
  }

  local function pushAll(r, log)
    for _, c in ipairs(PUSHES) do
      local ok = r:push(c)
      put(log, string.format("push %s %d", tostring(ok), r.readableLength))
    end
    r:push(nil)
  end

  -- twin: flowing
  it("flowing: one 'data' per chunk, the invalid byte and the split character decoded", function()
    local log = {}
    local r = Readable.new({ read = function() end, highWaterMark = 1024 })
    r:setEncoding("utf8")
    pushAll(r, log)
    r:on("data", function(c) put(log, "data " .. hex(c)) end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same(kept.flowing, log)
  end)

  -- twin: paused
  it("paused: read() joins kept and decoded text", function()
    local log = {}
    local r = Readable.new({ read = function() end, highWaterMark = 1024 })
    r:setEncoding("utf8")
    pushAll(r, log)
    r:once("readable", function()
      local c = r:read()
      put(log, string.format("read %s %d", hex(c), r.readableLength))
    end)
    finish()
    assert.are.same(kept.paused, log)
  end)
end)
