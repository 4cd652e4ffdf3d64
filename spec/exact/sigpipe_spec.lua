-- SIGPIPE never kills the process: EPIPE on the stream instead. Its JS twins
-- are test/twins/exact/sigpipe_*.js (each run by the shell command at its
-- top; see test/twins/exact/README.md). See spec/README.md.

local uv = require("luv")
local helper = require("spec.helper")
local stream = require("cstream")

-- Each case runs in a child of the interpreter running the spec (the module
-- in ./ is built for it): busted itself has the handler by now.
local LUA = rawget(_G, "jit") and "luajit" or "lua" .. _VERSION:match("%d+%.%d+")

describe("node-exact: SIGPIPE never kills the process (EPIPE on the stream)", function()
  -- The child finds the modules where this process found them.
  local ENV = "LUA_PATH='lua/?.lua;lua/?/init.lua;" .. package.path .. "' LUA_CPATH='"
    .. package.cpath .. "' "
  local big, tmp

  setup(function()
    big = os.tmpname()
    local f = assert(io.open(big, "wb"))
    local line = ("0123456789abcdef"):rep(4) .. "\n"
    f:write(line:rep(8192)) -- 520 KiB: more than any pipe holds
    f:close()
  end)

  teardown(function()
    os.remove(big)
  end)

  before_each(function() tmp = {} end)
  after_each(function()
    for _, p in ipairs(tmp) do os.remove(p) end
  end)

  local function script(src)
    local path = os.tmpname()
    tmp[#tmp + 1] = path
    local f = assert(io.open(path, "w"))
    f:write(src)
    f:close()
    return path
  end

  local function sh(cmd)
    local p = io.popen(cmd)
    local out = p:read("a")
    p:close()
    return out
  end

  it("examples/cat.lua < file | head -1: EPIPE on stdout, exit 1, not 141", function()
    -- node: `cat: EPIPE write` then rc=1 (sigpipe_cat.js)
    local out = sh("{ (" .. ENV .. LUA .. " examples/cat.lua < " .. big ..
      "; echo \"rc=$?\" >&2) | head -1 >/dev/null; } 2>&1")
    assert.are.equal("cat: Error [EPIPE]: write EPIPE\nrc=1\n", out)
  end)

  local PIPELINE = [[
    local uv = require("luv")
    local stream = require("cstream")
    stream.pipeline(stream.stdin(), stream.stdout(), function(err)
      io.stderr:write("pipeline-cb " ..
        (err and (tostring(err.code) .. " " .. tostring(err.syscall)) or "null") .. "\n")
    end)
    uv.run()
  ]]

  it("pipeline(stdin, stdout, cb) from a file into a closed pipe: cb gets EPIPE", function()
    -- node: pipeline-cb EPIPE write, rc=0 (sigpipe_pipeline.js)
    local path = script(PIPELINE)
    local out = sh("{ (" .. ENV .. LUA .. " " .. path .. " < " .. big ..
      "; echo \"rc=$?\" >&2) | head -1 >/dev/null; } 2>&1")
    assert.are.equal("pipeline-cb EPIPE write\nrc=0\n", out)
  end)

  it("pipeline(stdin, stdout, cb) from a pipe into a closed pipe: cb gets EPIPE", function()
    local path = script(PIPELINE)
    local out = sh("{ cat " .. big .. " | (" .. ENV .. LUA .. " " .. path ..
      "; echo \"rc=$?\" >&2) | head -1 >/dev/null; } 2>&1")
    assert.are.equal("pipeline-cb EPIPE write\nrc=0\n", out)
  end)

  it("stdout with no 'error' listener: an uncaught EPIPE, a failure exit, not SIGPIPE", function()
    -- node: exits 1 with "Error: write EPIPE" (sigpipe_stdout_uncaught.js)
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local out = stream.stdout()
      local n = 0
      local idle = uv.new_idle()
      idle:start(stream._wrapcb(function()
        n = n + 1
        out:write(("x"):rep(1000) .. "\n")
        if n >= 2000 then idle:stop(); idle:close() end
      end))
      uv.run()
    ]])
    local out = sh("{ (" .. ENV .. LUA .. " " .. path .. " 2>/tmp/cstream_sigpipe_err.$$; " ..
      "echo \"rc=$?\" >&2; grep -c 'EPIPE' /tmp/cstream_sigpipe_err.$$ >&2; " ..
      "rm -f /tmp/cstream_sigpipe_err.$$) | head -1 >/dev/null; } 2>&1")
    -- Uncaught errors exit with Node's status 1 (loop.lua reports them).
    assert.are.equal("rc=1\n1\n", out)
  end)

  it("an fs write stream into a FIFO whose reader left: 'error' EPIPE", function()
    -- node: open, error EPIPE write, close (sigpipe_fifo.js)
    local fifo = os.tmpname()
    os.remove(fifo)
    tmp[#tmp + 1] = fifo
    -- os.execute is true on success from Lua 5.2 on, 0 on LuaJIT (5.1)
    local made = os.execute("mkfifo " .. fifo)
    assert.is_true(made == true or made == 0)
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local w = stream.fs.createWriteStream(arg[1])
      local log = {}
      w:on("open", function() log[#log + 1] = "open" end)
      w:on("error", function(e) log[#log + 1] = "error " .. tostring(e.code) .. " " .. tostring(e.syscall) end)
      w:on("close", function() log[#log + 1] = "close" end)
      local chunk = ("y"):rep(65536)
      local function pump()
        while w:write(chunk) do end
        if not w.destroyed then w:once("drain", pump) end
      end
      pump()
      uv.run()
      io.write(table.concat(log, "\n"), "\n")
    ]])
    local out = sh("(head -c 1 " .. fifo .. " >/dev/null &); " .. ENV .. LUA .. " " .. path ..
      " " .. fifo .. "; echo \"rc=$?\"")
    assert.are.equal("open\nerror EPIPE write\nclose\nrc=0\n", out)
  end)

  it("a child's stdin the child closed: EPIPE on child.stdin", function()
    -- node: write-cb EPIPE, stdin error EPIPE write, stdin close, exit 0
    -- (sigpipe_spawn_stdin.js)
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local log = {}
      local c = stream.spawn("sh", { "-c", "exec 0<&-; sleep 0.3" })
      c.stdin:on("error", function(e) log[#log + 1] = "stdin error " .. tostring(e.code) .. " " .. tostring(e.syscall) end)
      c.stdin:on("close", function() log[#log + 1] = "stdin close" end)
      local t = uv.new_timer()
      t:start(100, 0, stream._wrapcb(function()
        t:close()
        c.stdin:write(("x"):rep(100000), function(e) log[#log + 1] = "write-cb " .. tostring(e and e.code) end)
      end))
      c:on("exit", function(code) log[#log + 1] = "exit " .. tostring(code) end)
      uv.run()
      io.write(table.concat(log, "\n"), "\n")
    ]])
    local out = sh(ENV .. LUA .. " " .. path .. "; echo \"rc=$?\"")
    assert.are.equal("write-cb EPIPE\nstdin error EPIPE write\nstdin close\nexit 0\nrc=0\n", out)
  end)

  it("one owner: no luv signal handle, and exec'd children keep the default SIGPIPE", function()
    -- A handler (not SIG_IGN) reverts to the default across exec: programs a
    -- cstream program runs (io.popen, os.execute, spawn) keep the default.
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local w = stream.stdout()
      local fds = assert(uv.socketpair())
      local a = uv.new_pipe(false)
      assert(a:open(fds[1]))
      local s = stream.fromHandle(a, { manualStart = true })
      local n = 0
      uv.walk(function(h) if uv.handle_get_type(h) == "signal" then n = n + 1 end end)
      -- SIGPIPE (13) in the SigIgn mask of an exec'd child: SIG_IGN would be inherited
      local p = io.popen("grep '^SigIgn:' /proc/self/status")
      local mask = tonumber(p:read("a"):match("SigIgn:%s*(%x+)"), 16)
      p:close()
      io.stderr:write("signal handles ", n, " child ignores SIGPIPE ", tostring(math.floor(mask / 4096) % 2 == 1), "\n")
      w:destroy()
      s:destroy()
      uv.fs_close(fds[2])
      uv.run()
    ]])
    local out = sh(ENV .. LUA .. " " .. path .. " 2>&1; echo \"rc=$?\"")
    assert.are.equal("signal handles 0 child ignores SIGPIPE false\nrc=0\n", out)
  end)
end)

describe("node-exact: the module loads without starting anything", function()
  it("leaves no handle open", function()
    assert.are.same({}, select(2, helper.open_handles()))
    assert.is_true(stream._ignoreSigpipe())
    uv.run("nowait")
  end)
end)
