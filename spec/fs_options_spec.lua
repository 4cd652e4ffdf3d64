-- fs streams' options as Node checks them: start/end through validateInteger
-- (its three messages: not a number, not an integer, out of range) and the
-- flags through stringToFlags (an unknown string fails the open: 'error'
-- ERR_INVALID_ARG_VALUE, then 'close'; the synchronous appends 'as'/'sa+'
-- append). Twin: test/twins/fs/options.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local uv = require("luv")

local fs = stream.fs
local node = twin.run("test/twins/fs/options.js")

describe("fs stream options", function()
  local dir
  before_each(function() dir = assert(uv.fs_mkdtemp("/tmp/cstream-fsopt-XXXXXX")) end)
  after_each(function() helper.remove_dir(dir) end)
  local function P(name) return dir .. "/" .. name end

  -- twin: range_checks
  it("start and end: validateInteger's messages, then start <= end", function()
    local log, L = helper.line_recorder()
    helper.writefile(P("f"), "abc")
    local bad = { { start = -1 }, { start = "x" }, { ["end"] = -1 }, { start = 1.5 },
                  { ["end"] = 2 ^ 53 }, { start = 3, ["end"] = 1 } }
    for _, o in ipairs(bad) do
      local ok, e = pcall(fs.createReadStream, P("f"), o)
      if ok then e:destroy(); L("ok") else L(e.code, e.message) end
    end
    for _, o in ipairs({ { start = -1 }, { start = 0.5 } }) do
      local ok, e = pcall(fs.createWriteStream, P("g"), o)
      if ok then e:destroy(); L("ok") else L(e.code, e.message) end
    end
    helper.settle()
    assert.are.same(node.range_checks, log)
  end)

  -- twin: arg_types
  it("path, options and fd: Node's type and range messages", function()
    local log, L = helper.line_recorder()
    local calls = {
      function() return fs.createReadStream(123) end,
      function() return fs.createReadStream(true) end,
      function() return fs.createReadStream(nil) end,
      function() return fs.createReadStream(P("f"), 5) end,
      function() return fs.createReadStream(nil, { fd = "a" }) end,
      function() return fs.createReadStream(nil, { fd = 1.5 }) end,
      function() return fs.createWriteStream({}) end,
      function() return fs.createReadStream(nil, { fd = -1 }) end,
      function() return fs.createReadStream(nil, { fd = 2 ^ 31 }) end,
      function() return fs.createReadStream(nil, { fd = 0 / 0 }) end,
    }
    for _, f in ipairs(calls) do
      local ok, e = pcall(f)
      if ok then e:destroy(); L("ok") else L(e.code, e.message) end
    end
    helper.settle()
    assert.are.same(node.arg_types, log)
  end)

  -- twin: unknown_flags
  it("an unknown flags string fails the open", function()
    local log, L = helper.line_recorder()
    local w = fs.createWriteStream(P("h"), { flags = "zz" })
    w:on("open", function() L("open") end)
    w:on("error", function(e) L("error", e.code, e.message) end)
    w:on("close", function() L("close") end)
    helper.settle()
    assert.are.same(node.unknown_flags, log)
  end)

  -- twin: sync_append
  it("'sa+' and 'as' append", function()
    local log, L = helper.line_recorder()
    helper.writefile(P("a"), "x")
    local w = fs.createWriteStream(P("a"), { flags = "sa+" })
    w:finish("y", function()
      L("content", helper.readfile(P("a")))
      local w2 = fs.createWriteStream(P("a"), { flags = "as" })
      w2:finish("z", function() L("content", helper.readfile(P("a"))) end)
    end)
    helper.settle()
    assert.are.same(node.sync_append, log)
  end)
end)
