-- A child process that cannot run (ENOENT, EACCES) keeps Node's stdio
-- streams: stdout and stderr end and finish, 'close' waits for both to
-- close, stdin (destroyed when the failure is reported) closes last; and
-- the stdio sockets' sides (stdout and stderr are writable too, as
-- net.Socket). Twin: test/twins/process/spawn_events.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")

local source = "test/twins/process/spawn_events.js"
local node = twin.run(source)

local function S(x) if x == nil then return "nil" end return tostring(x) end

local function watchAll(c, L)
  c:on("spawn", function() L("spawn") end)
  c:on("exit", function(code, sig) L("exit", S(code), S(sig)) end)
  c:on("close", function(code, sig) L("close", S(code), S(sig)) end)
  c:on("error", function(e)
    L("error", e.code, e.errno, e.syscall, e.path, e.message, table.concat(e.spawnargs, ","))
  end)
  for _, p in ipairs({ { "in", c.stdin }, { "out", c.stdout }, { "err", c.stderr } }) do
    for _, ev in ipairs({ "end", "finish", "close", "error" }) do
      p[2]:on(ev, function() L(p[1], ev) end)
    end
  end
end

local cases = {
  { "enoent_flowing", "ENOENT with stdout read: its end, finish, then the closes", function(L)
    local c = stream.spawn("no-such-command-here", { "a", "b" })
    watchAll(c, L)
    c.stdout:on("data", function(d) L("out data", d) end)
    L("pid", S(c.pid))
  end },
  { "enoent_untouched", "ENOENT, stdio untouched: flushStdio ends stdout and stderr", function(L)
    watchAll(stream.spawn("no-such-command-here"), L)
  end },
  { "eacces", "EACCES: the same sequence", function(L)
    watchAll(stream.spawn("/etc/passwd", {}), L)
  end },
  { "write_after_failure", "stdin is destroyed: a write calls back ERR_STREAM_DESTROYED", function(L)
    local c = stream.spawn("no-such-command-here")
    c:on("error", function() L("error") end)
    c:on("close", function()
      L("stdin", c.stdin.destroyed, c.stdin.writable)
      c.stdin:write("x", function(e) L("write cb", e and e.code) end)
    end)
    c.stdin:on("error", function(e) L("stdin error", e.code) end)
  end },
  { "sides", "stdin writes only; stdout and stderr read and write", function(L)
    local c = stream.spawn("true")
    for _, p in ipairs({ { "in", c.stdin }, { "out", c.stdout }, { "err", c.stderr } }) do
      L(p[1], p[2].readable, p[2].writable)
    end
    c:on("close", function(code) L("close", code) end)
  end },
}

describe("spawn: stdio streams of a failed spawn", function()
  helper.twin_cases(cases, node, source)
  helper.twin_covers(cases, node)
end)
