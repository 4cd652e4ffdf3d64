-- Lua-level view: runs a workload under a count hook and prints which Lua
-- functions the VM was executing, every 1000 instructions.  It counts VM
-- instructions, not time: C functions (the binding, string.upper) are
-- invisible here; perf shows those.
-- usage: lua5.4 bench/prof/luahook.lua bench/lua/w3.lua [args]
local script = assert(arg[1], "usage: luahook.lua SCRIPT [args]")
local counts, total = {}, 0
local getinfo = debug.getinfo

local function hook()
  local info = getinfo(2, "Sn")
  if info then
    local k = string.format("%s:%d %s", info.short_src, info.linedefined, info.name or "?")
    counts[k] = (counts[k] or 0) + 1
    total = total + 1
  end
end

-- The script sees its own arg table, as if run directly.
local args = { [0] = script }
for i = 2, #arg do args[i - 1] = arg[i] end
arg = args
local chunk = assert(loadfile(script))
debug.sethook(hook, "", 1000)
chunk(table.unpack(args))
debug.sethook()

local rows = {}
for k, v in pairs(counts) do rows[#rows + 1] = { k, v } end
table.sort(rows, function(a, b) return a[2] > b[2] end)
io.stderr:write(string.format("-- Lua functions by VM instructions (%d samples of 1000)\n", total))
for i = 1, math.min(tonumber(os.getenv("TOP") or "") or 20, #rows) do
  io.stderr:write(string.format("%6.2f%%  %s\n", 100 * rows[i][2] / total, rows[i][1]))
end
