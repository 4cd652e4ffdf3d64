-- Readable with encodings (setEncoding, the encoding option, push/unshift with an
-- encoding), translated from Node 20's tests and checked against node v20: every
-- expected value below is what a JS twin printed, as the UTF-8 bytes of the
-- string Node delivered (API.md section 2). Lengths count UTF-16 code units, as
-- Node counts a JS string (spec/readable_text_spec.lua has the rest of that).

local helper = require("spec.helper")
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
local rep = helper.rep

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

local BASE64 = {}
for _ = 1, 6 do
  BASE64[#BASE64 + 1] = "YWFhYWFhYW"
  BASE64[#BASE64 + 1] = "FhYWFhYWFh"
end
BASE64[#BASE64 + 1] = "YWFhYWFhYW"
BASE64[#BASE64 + 1] = "FhYQ=="
BASE64[#BASE64 + 1] = "end"

local HEX13 = {}
for _ = 1, 7 do
  HEX13[#HEX13 + 1] = "6161616161616"
  HEX13[#HEX13 + 1] = "1616161616161"
end
HEX13[#HEX13 + 1] = "6161616161616"
HEX13[#HEX13 + 1] = "16161"
HEX13[#HEX13 + 1] = "end"

describe("test-stream2-set-encoding", function()
  local cases = {
    { "utf8", 10, rep("aaaaaaaaaa", 10, { "end" }) },
    { "hex", 10, rep("6161616161", 20, { "end" }) },
    { "hex", 13, HEX13 },
    { "base64", 10, BASE64 },
  }
  for _, how in ipairs({ "setEncoding", "encoding option" }) do
    for _, c in ipairs(cases) do
      local enc, size, expected = c[1], c[2], c[3]
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
  it("setEncoding() with bytes already buffered", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:push("b")
    r:setEncoding("utf8")
    r:on("data", function(c) put(log, c) end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same({ "ab", "tick" }, log)
  end)

  it("setEncoding() while the buffer holds a complete character in pieces", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    for _, b in ipairs({ 0xf0, 0x9f, 0x8e, 0x89 }) do r:push(string.char(b)) end
    r:setEncoding("utf8")
    r:on("data", function(c) put(log, hex(c)) end)
    nextTick(function() put(log, "tick") end)
    finish()
    assert.are.same({ "f09f8e89", "tick" }, log)
  end)

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
    assert.are.same({ "f09f8e89", "tick" }, log)
  end)

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
    assert.are.same({ "nil", 2, "f09f8e89", "tick", "end" }, log)
  end)

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
    assert.are.same({ "tick", "end" }, log)
  end)
end)

describe("test-stream-readable-setEncoding-null", function()
  it("setEncoding(nil) means utf8", function()
    local r = Readable.new({ encoding = "hex" })
    local got = { r.readableEncoding }
    r:setEncoding(nil)
    put(got, r.readableEncoding)
    assert.are.same({ "hex", "utf8" }, got)
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
  it("aliases are normalized in readableEncoding", function()
    local got = {}
    for _, e in ipairs({ "utf8", "utf-8", "UTF8", "hex", "base64", "latin1", "binary", "ascii",
      "utf16le", "ucs2", "ucs-2", "utf-16le" }) do
      local r = Readable.new({ read = function() end })
      r:setEncoding(e)
      put(got, r.readableEncoding)
    end
    assert.are.same({ "utf8", "utf8", "utf8", "hex", "base64", "latin1", "latin1", "ascii",
      "utf16le", "utf16le", "utf16le", "utf16le" }, got)
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

  it("latin1: each byte as its code point", function()
    assert.are.same({ "41c3a9c3bf", "end" }, decode("latin1", { "\x41\xe9\xff" }))
  end)

  it("ascii: the high bit cleared", function()
    assert.are.same({ "41697f", "end" }, decode("ascii", { "\x41\xe9\xff" }))
  end)

  it("hex: the notation of each chunk", function()
    assert.are.same({ "30316666", "6162", "end" }, decode("hex", { "\x01\xff", "\xab" }))
  end)

  it("utf16le: code units to text", function()
    assert.are.same({ "6162", "end" }, decode("utf16le", { "a\0b\0" }))
  end)

  it("utf16le: a surrogate pair split between chunks stays whole", function()
    assert.are.same({ "61", "f09f988e62", "end" },
      decode("utf16le", { "a\0\x3d\xd8", "\x0e\xde\x62\0" }))
  end)

  it("utf16le: a code unit split between chunks", function()
    assert.are.same({ "61", "62", "end" }, decode("utf16le", { "a", "\0b", "\0" }))
  end)

  it("utf16le: an odd byte at the end is dropped", function()
    assert.are.same({ "61", "end" }, decode("utf16le", { "a\0b" }))
  end)

  it("utf8: a character split over three pushes comes out whole", function()
    assert.are.same({ "e282ac41", "end" }, decode("utf8", { "\xe2", "\x82", "\xac\x41" }))
  end)

  it("utf8: invalid bytes become U+FFFD, an incomplete tail too at the end", function()
    assert.are.same({ "61efbfbd62", "efbfbd", "end" }, decode("utf8", { "a\xffb\xc3" }))
  end)

  it("utf8: a lone continuation byte becomes U+FFFD", function()
    assert.are.same({ "efbfbd41", "end" }, decode("utf8", { "\x80\x41" }))
  end)

  it("base64: byte-by-byte pushes come out in whole quanta", function()
    assert.are.same({ "59574a6a", "5a413d3d", "end" }, decode("base64", { "a", "b", "c", "d" }))
  end)

  it("base64: the padded tail comes at the end", function()
    assert.are.same({ "59574a6a", "5a413d3d", "end" }, decode("base64", { "abcd" }))
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

  it("hex", function() assert.are.same({ "616263" }, pushed("hex", "616263")) end)
  it("base64", function() assert.are.same({ "616263" }, pushed("base64", "YWJj")) end)
  it("latin1: one byte per character", function()
    assert.are.same({ "61e9" }, pushed("latin1", "a\u{e9}"))
  end)
  it("utf16le: two bytes per character", function()
    assert.are.same({ "61006200" }, pushed("utf16le", "ab"))
  end)
  it("utf8: the bytes unchanged", function()
    assert.are.same({ "61c3a9" }, pushed("utf8", "a\u{e9}"))
  end)
  it("ascii", function() assert.are.same({ "617a" }, pushed("ascii", "az")) end)

  it("into a stream with an encoding: decoded, then re-encoded", function()
    local log = {}
    local r = Readable.new({ read = function() end, encoding = "utf8" })
    r:on("data", function(c) put(log, c) end)
    r:push("616263", "hex")
    r:push("YWJj", "base64")
    r:push("plain")
    finish()
    assert.are.same({ "abc", "abc", "plain" }, log)
  end)
end)

describe("lengths with an encoding", function()
  it("highWaterMark counts the decoded text", function()
    local r = Readable.new({ read = function() end, encoding = "utf8", highWaterMark = 4 })
    local got = { r:push("ab"), r.readableLength, r:push("cd"), r.readableLength }
    assert.are.same({ true, 2, false, 4 }, got)
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

  it("'data' chunks are strings in the stream's encoding", function()
    local log = {}
    local r = Readable.new({ read = function() end, encoding = "hex" })
    r:on("data", function(c) put(log, type(c), c) end)
    r:push("ab")
    r:push(nil)
    finish()
    assert.are.same({ "string", "6162" }, log)
  end)
end)
