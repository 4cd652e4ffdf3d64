-- Errors nobody catches (API.md §4): each escape route runs in a child
-- interpreter under test (helper.LUA), which must print "Uncaught Error: <tostring of the error>" and the
-- stack where the error was raised (the user's frames, not the loop's) on
-- stderr, and exit with status 1, as Node reports an uncaught exception.
-- twin: test/twins/uncaught/status.js (node's status is 1 on every path)

-- Runs src in a child helper.LUA (the in-tree modules first); returns its
-- stdout, stderr and exit status.
local helper = require("spec.helper")

local function child(src)
  local path, out, err = os.tmpname(), os.tmpname(), os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write("local uv = require('luv')\nlocal stream = require('cstream')\n", src)
  f:close()
  local cmd = ("%s %s %s >%s 2>%s"):format(
    helper.lua_env("./lua/?.lua;./lua/?/init.lua;;", helper.CPATH()), helper.LUA, path, out, err)
  local _, _, rc = helper.execute(cmd)
  local function slurp(p)
    local h = assert(io.open(p))
    local s = h:read("a")
    h:close()
    os.remove(p)
    return s
  end
  os.remove(path)
  return slurp(out), slurp(err), rc, path
end

-- The report's first line, and whether the traceback names line n of the
-- child's file and leaves out the loop's frames.
local function check(err, first, path, n)
  assert.are.equal(first, err:match("^[^\n]*"))
  assert.matches("\nstack traceback:\n", err, 1, true)
  assert.is_nil(err:find("loop.lua", 1, true), err)
  assert.is_nil(err:find("core.drain", 1, true), err)
  if n then
    assert.is_truthy(err:find(path .. ":" .. n .. ":", 1, true), err)
  end
end

describe("an uncaught error", function()
  it("raised by a tick the main chunk queued", function()
    local out, err, rc, path = child([[
print("before")
stream.nextTick(function()
  error(stream.errors.new("ERR_X", "boom"))
end)
uv.run()
print("not reached")
]])
    assert.are.equal("before\n", out)
    check(err, "Uncaught Error: Error [ERR_X]: boom", path, 5)
    assert.are.equal(1, rc)
  end)

  it("raised by a tick queued from a luv callback", function()
    local _, err, rc, path = child([[
local t = uv.new_timer()
t:start(1, 0, function()
  t:close()
  stream.nextTick(function() error("late", 0) end)
end)
uv.run()
]])
    check(err, "Uncaught Error: late", path, 6)
    assert.are.equal(1, rc)
  end)

  it("raised by the user's own luv callback, a table printed with its __tostring", function()
    local _, err, rc, path = child([[
local t = uv.new_timer()
t:start(1, 0, function()
  t:close()
  local w = stream.PassThrough.new()
  w:emit("error", stream.errors.new("ERR_Z", "sync"))
end)
uv.run()
]])
    check(err, "Uncaught Error: Error [ERR_Z]: sync", path, 7)
    assert.are.equal(1, rc)
  end)

  it("an 'error' event with no listener (destroy(err))", function()
    local _, err, rc = child([[
local r = stream.Readable.new({ read = function() end })
r:destroy(stream.errors.new("ERR_Y", "bad"))
uv.run()
]])
    check(err, "Uncaught Error: Error [ERR_Y]: bad")
    assert.are.equal(1, rc)
  end)

  it("raised by a listener", function()
    local _, err, rc, path = child([[
local r = stream.Readable.new({ read = function(s) s:push("x"); s:push(nil) end })
r:on("data", function(c)
  error("listener failed on " .. c)
end)
uv.run()
]])
    check(err, "Uncaught Error: " .. path .. ":5: listener failed on x", path, 5)
    assert.are.equal(1, rc)
  end)

  it("raised by a listener of a stream fed by a luv callback (fs)", function()
    local _, err, rc, path = child([[
local r = stream.fs.createReadStream("/etc/hostname")
r:on("data", function()
  error({ code = "EMINE" })
end)
uv.run()
]])
    assert.matches("^Uncaught Error: table: 0x", err)
    check(err, err:match("^[^\n]*"), path, 5)
    assert.are.equal(1, rc)
  end)

  it("raised in a coroutine that the loop resumed (a for over r:lines())", function()
    local _, err, rc, path = child([[
coroutine.wrap(function()
  local r = stream.Readable.from({ "a\n", "b\n" }, { objectMode = false })
  for line in r:lines() do
    if line == "b" then error("bad line " .. line) end
  end
end)()
uv.run()
]])
    check(err, "Uncaught Error: " .. path .. ":6: bad line b", path, 6)
    assert.is_nil(err:find("iter.lua", 1, true), err)
    assert.are.equal(1, rc)
  end)

  it("whose __tostring fails", function()
    local _, err, rc = child([[
stream.nextTick(function()
  error(setmetatable({}, { __tostring = function() error("no") end }))
end)
uv.run()
]])
    -- the words of lua.c and errors.tostring
    assert.matches("^Uncaught Error: %(error object is a table value%)\n", err)
    assert.are.equal(1, rc)
  end)

  it("ENOENT from spawn with no 'error' listener names the command", function()
    local _, err, rc = child([[
stream.spawn("no-such-command-here", { "x" })
uv.run()
]])
    check(err, "Uncaught Error: Error [ENOENT]: spawn no-such-command-here ENOENT")
    assert.are.equal(1, rc)
  end)
end)

describe("spawn's ENOENT", function()
  it("is Node's error: message, errno, syscall, path, spawnargs", function()
    local uv = require("luv")
    local stream = require("cstream")
    local got
    local p = stream.spawn("no-such-command-here", { "a" })
    p:on("error", function(e) got = e end)
    uv.run()
    -- node: spawn('no-such-command-here', ['a']).on('error', e => ...)
    assert.are.equal("spawn no-such-command-here ENOENT", got.message)
    assert.are.equal("ENOENT", got.code)
    assert.are.equal(-2, got.errno)
    assert.are.equal("spawn no-such-command-here", got.syscall)
    assert.are.equal("no-such-command-here", got.path)
    assert.are.same({ "a" }, got.spawnargs)
  end)
end)
