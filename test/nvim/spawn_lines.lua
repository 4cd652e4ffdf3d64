-- cstream inside a headless Neovim, on the loop Neovim owns (vim.loop):
-- spawn `cat`, write 4 MiB into its stdin with backpressure, split its
-- stdout into lines with a stream, check every line came back in order.
-- Then how cstream lives on a loop it does not own: ticks queued by a
-- callback cstream did not wrap run right after it (the check handle),
-- before the next timer; an error escaping a tick is reported by Neovim,
-- which goes on running, and so do the ticks queued after it.
-- Run: nvim --headless -u NONE -c "luafile test/nvim/spawn_lines.lua"
-- from the repository root, after `make LUA=luajit` (make test LUA=luajit
-- runs it); exits 0 on success.  CSTREAM_CPATH: the module's C path
-- (default ./build-luajit/?.so).
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = (os.getenv("CSTREAM_CPATH") or "./build-luajit/?.so") .. ";" .. package.cpath

local function check()
  local uv = vim.uv or vim.loop
  local run = uv.run
  local stream = require("cstream")
  assert(uv.run == run, "cstream replaced the host's uv.run")
  assert(rawget(uv, "__cstream_hooked") == nil, "cstream hooked luv's callbacks")

  local N = 65536 -- lines of 64 bytes: 4 MiB through the pipe
  local child = stream.spawn("cat", {})
  local got, waits, done = 0, 0, false
  local bad

  local lines = stream.lines()
  lines:on("data", function(line)
    got = got + 1
    if not bad and line ~= ("%063d"):format(got) then
      bad = ("line %d: %q"):format(got, tostring(line))
    end
  end)
  lines:on("end", function() done = true end)
  child.stdout:pipe(lines)

  local i = 0
  local function write()
    while i < N do
      i = i + 1
      if not child.stdin:write(("%063d\n"):format(i)) then
        waits = waits + 1
        child.stdin:once("drain", write)
        return
      end
    end
    child.stdin:finish()
  end
  write()

  vim.wait(30000, function() return done end, 10)
  assert(done, ("no 'end' after %d lines"):format(got))
  assert(not bad, bad)
  assert(got == N, ("%d lines, expected %d"):format(got, N))
  assert(waits > 0, "write() never asked to wait: no backpressure")

  -- A plugin's own luv callback (an fs request, completed in the loop's
  -- poll phase) queues a tick and starts a 0 ms timer: the tick first.
  local order = {}
  uv.fs_stat(".", function()
    stream.nextTick(function() order[#order + 1] = "tick" end)
    local t = uv.new_timer()
    t:start(0, 0, function()
      order[#order + 1] = "timer"
      t:close()
    end)
  end)
  vim.wait(2000, function() return #order == 2 end, 5)
  assert(table.concat(order, ",") == "tick,timer",
    "ticks after a host callback ran: " .. table.concat(order, ","))

  -- An error escaping a tick: Neovim reports it; nothing exits.
  local after = false
  stream.nextTick(function() error("boom from a tick") end)
  stream.nextTick(function() after = true end)
  vim.wait(2000, function() return after end, 5)
  assert(after, "the tick after an uncaught error never ran")
  return ("ok: %d lines, %d drains; ticks after host callbacks; errors reported, not fatal")
    :format(got, waits)
end

local ok, msg = pcall(check)
io.stdout:write(tostring(msg), "\n")
vim.cmd(ok and "qa!" or "cq!")
