-- test-stream-writable-change-default-encoding.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_change_default_encoding.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- pcall(f, ...) that returns the raised value's code, or "no error".
local function raises(f, ...)
  local ok, err = pcall(f, ...)
  if ok then return "no error" end
  return type(err) == "table" and err.code or tostring(err)
end

local node = twin.run("test/twins/writable/writable_change_default_encoding.js")

describe("test-stream-writable-change-default-encoding", function()
  local function mk(log, opts)
    opts = opts or {}
    if opts.decodeStrings == nil then opts.decodeStrings = false end
    opts.write = function(self, chunk, enc, cb)
      helper.put(log, enc .. "/" .. (enc == "buffer" and helper.hex(chunk) or chunk))
      cb()
    end
    return Writable.new(opts)
  end

  -- twin: default_utf8
  it("the default encoding is utf8", function()
    local log = {}
    local m = mk(log)
    m:write("foo")
    m:finish()
    helper.settle()
    assert.are.same(node.default_utf8, log)
  end)

  -- twin: set_ascii
  it("setDefaultEncoding('ascii') applies and returns the stream", function()
    local log = {}
    local m = mk(log)
    helper.put(log, "self=" .. tostring(m:setDefaultEncoding("ascii") == m))
    m:write("bar")
    m:finish()
    helper.settle()
    assert.are.same(node.set_ascii, log)
  end)

  -- Node raises ERR_UNKNOWN_ENCODING for a non-string; API.md §4 makes a wrong
  -- argument type ERR_INVALID_ARG_TYPE.
  it("setDefaultEncoding({}) raises ERR_INVALID_ARG_TYPE", function()
    local m = mk({})
    assert.are.equal("ERR_INVALID_ARG_TYPE", raises(m.setDefaultEncoding, m, {}))
    helper.settle()
  end)

  it("setDefaultEncoding('bogus') raises ERR_UNKNOWN_ENCODING", function()
    local m = mk({})
    assert.are.equal("ERR_UNKNOWN_ENCODING", raises(m.setDefaultEncoding, m, "bogus"))
    helper.settle()
  end)

  -- twin: ignores_case
  it("setDefaultEncoding ignores case", function()
    local log = {}
    local m = mk(log)
    m:setDefaultEncoding("AsCii")
    m:write("bar")
    m:finish()
    helper.settle()
    assert.are.same(node.ignores_case, log)
  end)

  -- twin: write_bogus
  it("write(chunk, 'bogus') raises ERR_UNKNOWN_ENCODING and emits nothing", function()
    local log = {}
    local m = mk(log)
    helper.on(m, log, "error", "close")
    helper.put(log, raises(m.write, m, "bar", "bogus"))
    helper.settle()
    assert.are.same(node.write_bogus, log)
  end)

  -- twin: option
  it("the defaultEncoding option; an explicit encoding wins", function()
    local log = {}
    local m = mk(log, { defaultEncoding = "hex" })
    m:write("6869")
    m:write("6869", "utf8")
    m:finish()
    helper.settle()
    assert.are.same(node.option, log)
  end)

  -- twin: decode_hex
  it("decodeStrings: a hex default decodes; an explicit utf8 does not", function()
    local log = {}
    local m = mk(log, { decodeStrings = true })
    m:setDefaultEncoding("hex")
    m:write("616263")
    m:write("zz", "utf8")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_hex, log)
  end)

  -- twin: decode_base64
  it("decodeStrings: a base64 default decodes", function()
    local log = {}
    local m = mk(log, { decodeStrings = true })
    m:setDefaultEncoding("base64")
    m:write("aGVsbG8=")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_base64, log)
  end)

  -- twin: decode_latin1
  it("decodeStrings: a latin1 default makes one byte per character", function()
    local log = {}
    local m = mk(log, { decodeStrings = true })
    m:setDefaultEncoding("latin1")
    m:write("\u{e9}t\u{e9}")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_latin1, log)
  end)

  -- twin: decode_utf16le
  it("decodeStrings: a UTF16LE default (any case) makes two bytes per character", function()
    local log = {}
    local m = mk(log, { decodeStrings = true })
    m:setDefaultEncoding("UTF16LE")
    m:write("hi")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_utf16le, log)
  end)

  -- twin: decode_option
  it("decodeStrings with the defaultEncoding option", function()
    local log = {}
    local m = mk(log, { decodeStrings = true, defaultEncoding = "base64" })
    m:write("AAEC")
    m:finish()
    helper.settle()
    assert.are.same(node.decode_option, log)
  end)
end)
