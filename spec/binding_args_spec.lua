-- Argument errors of the binding's methods: each names the method the user
-- called and the argument, and is an error table (docs/API.md, "Errors").
-- The codes for bad encodings come from test/twins/binding/arg_errors.js.
local cs = require("cstream")

local function raised(f)
  local ok, e = pcall(f)
  assert.is_false(ok)
  assert.are.equal("table", type(e))
  return e.code .. " | " .. e.message
end

describe("binding argument errors", function()
  local function R() return cs.Readable.new{read = function() end} end
  local function W() return cs.Writable.new{write = function(_, _, _, cb) cb() end} end

  local cases = {
    {"push bad encoding type", function() R():push("x", {}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #2 to 'push' (string expected, got table)"},
    {"unshift names unshift", function() R():unshift("x", {}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #2 to 'unshift' (string expected, got table)"},
    {"push unknown encoding", function() R():push("x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"unshift unknown encoding", function() R():unshift("x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setEncoding unknown", function() R():setEncoding("bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setEncoding buffer", function() R():setEncoding("buffer") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: buffer"},
    {"setEncoding bad type", function() R():setEncoding({}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'setEncoding' (string expected, got table)"},
    {"write unknown encoding", function() W():write("x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"write bad encoding type", function() W():write("x", {}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #2 to 'write' (string expected, got table)"},
    {"end unknown encoding", function() local w = W(); w["end"](w, "x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setDefaultEncoding unknown", function() W():setDefaultEncoding("bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setDefaultEncoding bad type", function() W():setDefaultEncoding({}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'setDefaultEncoding' (string expected, got table)"},
    {"new Readable encoding", function() cs.Readable.new{encoding = "bogus"} end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"new Readable encoding buffer", function() cs.Readable.new{encoding = "buffer"} end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: buffer"},
    {"new Writable defaultEncoding", function() cs.Writable.new{defaultEncoding = "bogus"} end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"read bad n", function() R():read("x") end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'read' (number expected, got string)"},
    {"read on bad self (method call)", function()
       local fake = setmetatable({}, {__index = {read = R().read}})
       fake:read()
     end,
     "ERR_INVALID_ARG_TYPE | calling 'read' on bad self (cstream.Readable expected, got table)"},
    {"write on a Readable (method call)", function()
       local r = R()
       r.write = W().write
       r:write("x")
     end,
     "ERR_INVALID_ARG_TYPE | calling 'write' on bad self (cstream.Writable expected, got cstream.Readable)"},
  }
  for _, c in ipairs(cases) do
    it(c[1], function() assert.are.equal(c[3], raised(c[2])) end)
  end
end)
