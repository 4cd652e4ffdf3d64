-- fs streams' errors in Node's shape (its uvException): the message
-- "CODE: description, syscall 'path'", the negative errno, syscall and path,
-- with the events around them. Twin: test/twins/fs/error_shape.js (its paths
-- printed relative to its scratch directory, as DIR).
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local uv = require("luv")

local fs = stream.fs
local node = twin.run("test/twins/fs/error_shape.js")

describe("fs stream errors", function()
  local dir
  before_each(function() dir = assert(uv.fs_mkdtemp("/tmp/cstream-fserr-XXXXXX")) end)
  after_each(function()
    uv.fs_rmdir(dir .. "/nodir")
    helper.remove_dir(dir)
  end)

  local function rel(s)
    if s == nil then return "undefined" end
    local out = tostring(s):gsub(dir:gsub("%p", "%%%0"), "DIR")
    return out
  end
  local function shape(e)
    return table.concat({ "error", tostring(e.code), tostring(e.errno), tostring(e.syscall),
                          rel(e.path), rel(e.message) }, " ")
  end
  local function watch(s, L, names)
    for _, name in ipairs(names) do s:on(name, function() L(name) end) end
  end

  -- twin: read_enoent
  it("a missing file: ENOENT from open, then 'close'; no 'open' or 'ready'", function()
    local log, L = helper.line_recorder()
    local r = fs.createReadStream(dir .. "/missing")
    watch(r, L, { "open", "ready", "end", "close" })
    r:on("error", function(e) L(shape(e)) end)
    r:on("data", function() L("data") end)
    L("pending", r.pending)
    helper.settle()
    assert.are.same(node.read_enoent, log)
  end)

  -- twin: read_eisdir
  it("a directory: opens, then EISDIR from read, without a path", function()
    local log, L = helper.line_recorder()
    local r = fs.createReadStream(dir)
    watch(r, L, { "open", "ready", "end", "close" })
    r:on("error", function(e) L(shape(e)) end)
    r:resume()
    helper.settle()
    assert.are.same(node.read_eisdir, log)
  end)

  -- twin: write_wx_exists
  it("flags 'wx' on an existing file: the write's callback, then EEXIST", function()
    local log, L = helper.line_recorder()
    helper.writefile(dir .. "/there", "xy")
    local w = fs.createWriteStream(dir .. "/there", { flags = "wx" })
    watch(w, L, { "open", "ready", "finish", "close" })
    w:on("error", function(e) L(shape(e)) end)
    w:write("q", function(e) L("write cb", e and e.code) end)
    helper.settle()
    assert.are.same(node.write_wx_exists, log)
  end)

  -- twin: write_enoent_dir
  it("a file in a missing directory: ENOENT from open", function()
    local log, L = helper.line_recorder()
    local w = fs.createWriteStream(dir .. "/nodir/x")
    watch(w, L, { "open", "ready", "finish", "close" })
    w:on("error", function(e) L(shape(e)) end)
    w:finish("q")
    helper.settle()
    assert.are.same(node.write_enoent_dir, log)
  end)
end)
