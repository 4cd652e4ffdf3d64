-- stream.spawn (Node's test-child-process-*.js; event orders from Node 20's
-- child_process.spawn in the same scenarios), the process's own stdio, and
-- the examples run as child processes.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")

-- Entries of /proc/self/fd (libuv's spare fd is opened first, see
-- helper.open_fd_reserve).
helper.open_fd_reserve()

-- Child events as strings: "exit:<code>:<signal>", "error:<code>", ...
local function record(child)
  local rec = {}
  child:on("spawn", function() rec[#rec + 1] = "spawn" end)
  child:on("exit", function(code, sig)
    rec[#rec + 1] = "exit:" .. tostring(code) .. ":" .. tostring(sig)
  end)
  child:on("close", function(code, sig)
    rec[#rec + 1] = "close:" .. tostring(code) .. ":" .. tostring(sig)
  end)
  child:on("error", function(e) rec[#rec + 1] = "error:" .. tostring(e.code) end)
  return rec
end

local function collect(s)
  local out = { text = "" }
  s:on("data", function(c) out.text = out.text .. c end)
  return out
end

-- The environment the examples need to find the in-tree modules.
local ENV = {
  PATH = os.getenv("PATH"),
  LUA = helper.LUA, -- the commands say $LUA
  ["LUA_PATH" .. helper.ENV_SUFFIX] = "lua/?.lua;lua/?/init.lua;;",
  -- `make`'s module for this interpreter: not a sanitizer build, which
  -- would need its runtime preloaded into sh, script and the rest.
  ["LUA_CPATH" .. helper.ENV_SUFFIX] =
    (helper.LUA == "lua5.4" and "./" or "./build-" .. helper.LUA .. "/") .. "?.so;;",
}

-- Runs `sh -c cmd` with the examples' environment; returns the result
-- table filled in once helper.run() returns.
local function sh(cmd, input)
  local child = stream.spawn("sh", { "-c", cmd }, { env = ENV })
  local res = { rec = record(child) }
  local out, err = collect(child.stdout), collect(child.stderr)
  child:on("close", function(code)
    res.code, res.out, res.err = code, out.text, err.text
  end)
  if input then child.stdin:finish(input) else child.stdin:finish() end
  return res
end

describe("stream.spawn", function()
  local fds0

  before_each(function()
    fds0 = helper.fdcount()
  end)

  after_each(function()
    assert.are.same({}, select(2, helper.open_handles()))
    assert.are.equal(fds0, helper.fdcount(), "fd leaked")
  end)

  it("runs cat: stdin in, stdout out (test-child-process-stdin)", function()
    local child = stream.spawn("cat", {})
    local rec = record(child)
    local out = collect(child.stdout)
    local srec = {}
    child.stdin:on("finish", function() srec[#srec + 1] = "stdin finish" end)
    child.stdout:on("end", function() srec[#srec + 1] = "stdout end" end)
    child.stdin:write("hello ")
    child.stdin:finish("world\n")
    assert.is_true(require("cstream.compat").mathtype(child.pid) == "integer" and child.pid > 0)
    helper.run()
    assert.are.same({ "spawn", "exit:0:nil", "close:0:nil" }, rec)
    assert.are.same({ "stdin finish", "stdout end" }, srec)
    assert.are.equal("hello world\n", out.text)
    assert.are.equal(0, child.exitCode)
    assert.is_nil(child.signalCode)
    assert.is_true(child.stdin.destroyed)
  end)

  it("reports the exit code (sh -c 'exit 3')", function()
    local child = stream.spawn("sh", { "-c", "exit 3" })
    local rec = record(child)
    helper.run()
    assert.are.same({ "spawn", "exit:3:nil", "close:3:nil" }, rec)
    assert.are.equal(3, child.exitCode)
  end)

  it("kill() ends the child with SIGTERM (test-child-process-kill)", function()
    local child = stream.spawn("sleep", { "10" })
    local rec = record(child)
    child:on("spawn", function() rec[#rec + 1] = "kill:" .. tostring(child:kill()) end)
    helper.run()
    assert.are.same({ "spawn", "kill:true", "exit:nil:SIGTERM", "close:nil:SIGTERM" },
      rec)
    assert.is_true(child.killed)
    assert.are.equal("SIGTERM", child.signalCode)
    assert.is_nil(child.exitCode)
    assert.is_false(child:kill()) -- already gone
  end)

  it("kill(name) sends that signal; an unknown name raises", function()
    local child = stream.spawn("sleep", { "10" })
    local rec = record(child)
    local ok, err = pcall(child.kill, child, "SIGNOPE")
    assert.is_false(ok)
    assert.are.equal("ERR_UNKNOWN_SIGNAL", err.code)
    assert.is_true(child:kill("SIGKILL"))
    helper.run()
    assert.are.same({ "spawn", "exit:nil:SIGKILL", "close:nil:SIGKILL" }, rec)
  end)

  it("reports ENOENT as 'error' then 'close' (test-child-process-spawn-error)",
  function()
    local child = stream.spawn("/nonexistent/program", { "a" })
    local rec = record(child)
    local e
    child:on("error", function(err) e = err end)
    local srec = {}
    child.stdout:on("end", function() srec[#srec + 1] = "stdout end" end)
    helper.run()
    assert.are.same({ "error:ENOENT", "close:-2:nil" }, rec)
    assert.are.same({ "stdout end" }, srec)
    assert.are.equal("spawn /nonexistent/program", e.syscall)
    assert.are.equal("/nonexistent/program", e.path)
    assert.are.same({ "a" }, e.spawnargs)
    assert.is_nil(child.pid)
  end)

  it("separates stdout and stderr", function()
    local res = sh("echo out; echo err >&2; exit 1")
    helper.run()
    assert.are.same({ "spawn", "exit:1:nil", "close:1:nil" }, res.rec)
    assert.are.equal("out\n", res.out)
    assert.are.equal("err\n", res.err)
  end)

  it("closes when stdout is never read (flushStdio)", function()
    local child = stream.spawn("sh", { "-c", "echo unread" })
    local rec = record(child)
    helper.run()
    assert.are.same({ "spawn", "exit:0:nil", "close:0:nil" }, rec)
    assert.is_true(child.stdout.destroyed)
  end)

  it("stops reading a child's stdout while the consumer is full", function()
    local total = 4 * 1024 * 1024
    local child = stream.spawn("head", { "-c", tostring(total), "/dev/zero" })
    local rec = record(child)
    local snap = {}
    local t = uv.new_timer()
    t:start(150, 0, helper.guard(function()
      t:close()
      snap.reading = child.stdout._reading
      snap.buffered = child.stdout.readableLength
      snap.exited = child.exitCode
      local got = 0
      child.stdout:on("data", function(c) got = got + #c end)
      child.stdout:on("end", function() snap.got = got end)
    end))
    helper.run(5000)
    assert.is_false(snap.reading)
    assert.is_true(snap.buffered >= 16384 and snap.buffered <= 16384 + 65536,
      "buffered " .. tostring(snap.buffered))
    assert.is_nil(snap.exited) -- head was blocked on the full pipe
    assert.are.equal(total, snap.got)
    assert.are.same({ "spawn", "exit:0:nil", "close:0:nil" }, rec)
  end)

  it("passes env and cwd", function()
    local child = stream.spawn("sh", { "-c", "echo $FOO; pwd" },
      { env = { FOO = "bar" }, cwd = "/tmp" })
    local out = collect(child.stdout)
    helper.run()
    assert.are.equal("bar\n/tmp\n", out.text)
  end)

  it("stdio = 'ignore' gives no streams and closes on exit", function()
    local child = stream.spawn("sh", { "-c", "echo hidden" }, { stdio = "ignore" })
    local rec = record(child)
    helper.run()
    assert.is_nil(child.stdin)
    assert.is_nil(child.stdout)
    assert.is_nil(child.stderr)
    assert.are.same({ "spawn", "exit:0:nil", "close:0:nil" }, rec)
  end)

  it("stdio array takes an fd for the child's stdout", function()
    local path = os.tmpname()
    local fd = assert(uv.fs_open(path, "w", tonumber("600", 8)))
    local child = stream.spawn("sh", { "-c", "echo to-file" },
      { stdio = { "pipe", fd, "pipe" } })
    local rec = record(child)
    helper.run()
    assert(uv.fs_close(fd))
    assert.is_nil(child.stdout)
    assert.are.same({ "spawn", "exit:0:nil", "close:0:nil" }, rec)
    assert.are.equal("to-file\n", helper.readfile(path))
    os.remove(path)
  end)

  it("stdio array mixes pipe and ignore", function()
    local child = stream.spawn("sh", { "-c", "echo out; echo err >&2" },
      { stdio = { "ignore", "ignore", "pipe" } })
    local err = collect(child.stderr)
    helper.run()
    assert.is_nil(child.stdout)
    assert.are.equal("err\n", err.text)
  end)
end)

describe("process stdio and the examples", function()
  local dir, fds0

  setup(function()
    dir = assert(uv.fs_mkdtemp("/tmp/cstream-proc-XXXXXX"))
  end)

  teardown(function() helper.remove_dir(dir) end)

  before_each(function()
    fds0 = helper.fdcount()
  end)

  after_each(function()
    assert.are.same({}, select(2, helper.open_handles()))
    assert.are.equal(fds0, helper.fdcount(), "fd leaked")
  end)

  local data = {}
  for i = 1, 40000 do data[i] = ("line %d of the input\n"):format(i) end
  data = table.concat(data) -- about 1 MiB

  it("picks fs streams for files and luv handles for pipes and TTYs",
  function()
    helper.writefile(dir .. "/probe.lua", 'local s = require("cstream")\n' ..
      'io.stderr:write(tostring(s.stdin()), " ", tostring(s.stdout()), "\\n")\n')
    local probe = helper.LUA .. " " .. dir .. "/probe.lua"
    local f = sh(probe .. (" < /dev/null > %s/probe.out"):format(dir))
    local p = sh("echo | " .. probe .. " | cat")
    local t = sh("script -qec '" .. probe .. " 2>&1' /dev/null")
    helper.run(10000)
    assert.are.equal("cstream.ReadStream cstream.WriteStream\n", f.err)
    assert.are.equal("cstream.Socket cstream.Socket\n", p.err)
    assert.are.equal("cstream.Socket cstream.Socket\r\n", t.out)
  end)

  it("cat.lua copies a pipe to a pipe (stdin/stdout over uv pipes)", function()
    local res = sh("$LUA examples/cat.lua", data)
    helper.run(10000)
    assert.are.equal(0, res.code)
    assert.are.equal("", res.err)
    assert.is_true(res.out == data)
  end)

  it("cat.lua copies a file to a file (stdin/stdout as fs streams)", function()
    helper.writefile(dir .. "/in.txt", data)
    local res = sh(("$LUA examples/cat.lua < %s/in.txt > %s/out.txt")
      :format(dir, dir))
    helper.run(10000)
    assert.are.equal(0, res.code)
    assert.are.equal("", res.err)
    assert.is_true(helper.readfile(dir .. "/out.txt") == data)
  end)

  it("cat.lua appends to a file opened by the shell (stdout keeps its offset)",
  function()
    helper.writefile(dir .. "/log.txt", "first\n")
    local res = sh(("printf 'second\\n' | $LUA examples/cat.lua >> %s/log.txt")
      :format(dir))
    helper.run(10000)
    assert.are.equal(0, res.code)
    assert.are.equal("first\nsecond\n", helper.readfile(dir .. "/log.txt"))
  end)

  it("cat.lua copies a terminal to a terminal (stdin/stdout as TTYs)",
  function()
    -- ^D at the start of a line is the terminal's end of input.
    local res = sh("script -qec '$LUA examples/cat.lua' /dev/null",
      "tty in\n\4")
    helper.run(10000)
    assert.are.equal(0, res.code)
    -- The terminal's echo of the line, then cat's copy.
    assert.are.equal("tty in\r\ntty in\r\n", res.out)
  end)

  it("upper.lua writes to a terminal (stdout as a TTY)", function()
    local res = sh("script -qec '$LUA examples/upper.lua' /dev/null")
    helper.run(10000)
    assert.are.equal(0, res.code)
    local out = res.out:gsub("\r\n", "\n")
    assert.are.equal("STREAMS ARE COLLECTIONS OF DATA THAT MIGHT NOT BE AVAILABLE\n" ..
      "ALL AT ONCE AND DON'T HAVE TO FIT IN MEMORY.\n", out)
  end)

  it("upper.lua uppercases a file into a pipe", function()
    helper.writefile(dir .. "/words.txt", "abc\ndef\n")
    local res = sh(("$LUA examples/upper.lua %s/words.txt"):format(dir))
    helper.run(10000)
    assert.are.equal(0, res.code)
    assert.are.equal("ABC\nDEF\n", res.out)
  end)

  it("upper.lua reports a missing file with its code", function()
    local res = sh(("$LUA examples/upper.lua %s/missing"):format(dir))
    helper.run(10000)
    assert.are.equal(1, res.code)
    assert.is_truthy(res.err:find("ENOENT", 1, true))
  end)

  it("lines.lua numbers lines as cat -n: stdin, a command's output, a missing command",
  function()
    local mine = sh("$LUA examples/lines.lua", data)
    local ref = sh("cat -n", data)
    local breaks = sh("$LUA examples/lines.lua", "one\r\ntwo\rthree\n\nlast")
    local cmd = sh("$LUA examples/lines.lua printf 'x\\ny'")
    local missing = sh("$LUA examples/lines.lua no-such-command-here")
    helper.run(20000)
    assert.are.equal(0, mine.code)
    assert.are.equal(ref.out, mine.out)
    assert.are.equal("     1\tone\n     2\ttwo\n     3\tthree\n     4\t\n     5\tlast\n",
      breaks.out)
    assert.are.same({ 0, "     1\tx\n     2\ty\n" }, { cmd.code, cmd.out })
    assert.are.equal(1, missing.code)
    assert.are.equal("lines: Error [ENOENT]: spawn no-such-command-here ENOENT\n", missing.err)
  end)

  it("wc.lua counts like wc, from stdin and from a file", function()
    helper.writefile(dir .. "/wc.txt", data .. "  trailing  words\tand\n\nmore")
    local mine = sh(("$LUA examples/wc.lua < %s/wc.txt"):format(dir))
    local mineFile = sh(("$LUA examples/wc.lua %s/wc.txt"):format(dir))
    local ref = sh(("wc < %s/wc.txt"):format(dir))
    helper.run(10000)
    local function nums(s)
      local t = {}
      for n in s:gmatch("%d+") do t[#t + 1] = tonumber(n) end
      return { t[1], t[2], t[3] }
    end
    assert.are.equal(0, mine.code)
    assert.are.same(nums(ref.out), nums(mine.out))
    assert.are.same(nums(ref.out), nums(mineFile.out))
    assert.is_truthy(mineFile.out:find("wc.txt", 1, true))
  end)

  it("tcp-echo.lua echoes its lines and exits by itself", function()
    local res = sh("$LUA examples/tcp-echo.lua")
    helper.run(10000)
    assert.are.equal(0, res.code)
    assert.are.equal("", res.err)
    assert.is_truthy(res.out:find("echoed: hello\nstreams\non luv\n", 1, true))
    assert.is_truthy(res.out:find("client closed\n", 1, true))
  end)

  it("gzip.lua output is read by gzip -d, gunzip.lua reads gzip's", function()
    helper.writefile(dir .. "/plain.txt", data)
    local a = sh(("$LUA examples/gzip.lua %s/plain.txt %s/mine.gz && " ..
      "gzip -dc %s/mine.gz > %s/back.txt"):format(dir, dir, dir, dir))
    local b = sh(("gzip -c %s/plain.txt > %s/theirs.gz && " ..
      "$LUA examples/gunzip.lua %s/theirs.gz %s/unz.txt"):format(dir, dir, dir, dir))
    helper.run(20000)
    assert.are.equal(0, a.code, a.err)
    assert.are.equal(0, b.code, b.err)
    assert.is_true(helper.readfile(dir .. "/back.txt") == data)
    assert.is_true(helper.readfile(dir .. "/unz.txt") == data)
  end)

  it("operators.lua, cancel.lua and await.lua print what they show", function()
    local ops = sh("$LUA examples/operators.lua")
    local cancel = sh("$LUA examples/cancel.lua")
    local aw = sh("$LUA examples/await.lua")
    helper.run(10000)
    assert.are.equal(0, ops.code, ops.err)
    assert.are.equal("STREAMS FOR LUA WITH OPERATORS\nsquares: 1 4 9 16 25 36\n", ops.out)
    assert.are.equal(0, cancel.code, cancel.err)
    assert.is_truthy(cancel.out:find("^tick 1\ntick 2\n"))
    assert.is_truthy(cancel.out:find("\nstopped: AbortError %(TimeoutError%)\nletter a\nletter b\n" ..
      "forEach: AbortError %(ABORT_ERR%)\n$"))
    assert.are.equal(0, aw.code, aw.err)
    assert.are.equal("bytes: 14\nsum: 10\nready: port 8080\nfinished: false EBROKEN\n", aw.out)
  end)

  it("gunzip.lua reports corrupt input", function()
    helper.writefile(dir .. "/bad.gz", "this is not gzip data")
    local res = sh(("$LUA examples/gunzip.lua %s/bad.gz %s/bad.out")
      :format(dir, dir))
    helper.run(10000)
    assert.are.equal(1, res.code)
    assert.is_truthy(res.err:find("gunzip:", 1, true))
  end)
end)
