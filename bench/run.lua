-- The driver behind bench/run: runs every workload under cstream (bench/lua),
-- Node (bench/node) and, where there is one, the floor (bench/floor: the same
-- user code joined by bare C calls) in alternating rounds, then prints medians,
-- the medians of the per-round ratios and the targets of issue 12, then the
-- flat-cost bench (bench/flat.lua).  See bench/README.md.
--
-- Environment: ROUNDS (5), QUICK=1 (sizes / 10, W6 for 1 s), ONLY="w1 w3 flat",
-- NODE (node; NODE= skips Node), FLOOR= (skips the floor and the guarded
-- floor, FLOOR_GUARD=1 on the floor scripts), FLAT=0 (skips the
-- flat-cost bench), LUA (lua5.4).  A run that fails its own check shows as
-- FAIL, the rest still runs, and the exit status is 1; targets missed are
-- reported, not failed.
local uv = require("luv")

local LUA = os.getenv("LUA") or "lua5.4"
local ROUNDS = math.tointeger(tonumber(os.getenv("ROUNDS") or "") or 5) or 5
local QUICK = (os.getenv("QUICK") or "") ~= "" and os.getenv("QUICK") ~= "0"
local SCALE = QUICK and 0.1 or 1
local W6_SECONDS = QUICK and 1 or 3
local TIMEOUT = 600

local function sh_quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local function capture(cmd)
  local p = io.popen(cmd, "r")
  local out = p:read("a")
  local ok, _, code = p:close()
  return out, ok, code
end

local function have(cmd)
  local _, ok = capture("command -v " .. sh_quote(cmd) .. " >/dev/null 2>&1")
  return ok
end

local NODE = os.getenv("NODE")
if NODE == nil then NODE = "node" end
if NODE ~= "" and not have(NODE) then NODE = "" end

-- ---- the workloads ------------------------------------------------------------

-- target: cstream / node; floor: cstream / floor (the workloads that have one);
-- cp: cstream / cp.  `unit` names what the per-item table divides by.
local W = {
  { id = "w1", title = "W1 1M x 100 B, 3 PassThrough", target = 2.0, floor = 0.5, unit = "chunk" },
  { id = "w2", title = "W2 16384 x 64 KiB, 3 PassThrough", target = 1.0, unit = "chunk" },
  { id = "w3", title = "W3 1M tables, object Transform", floor = 0.6, unit = "object" },
  { id = "w4", title = "W4 200k x 1 KiB, upper Transform", target = 1.3, floor = 0.5, unit = "chunk" },
  { id = "w5", title = "W5 256 MiB file copy", target = 1.0, cp = 0.5 },
  { id = "w6", title = "W6 slow sink (1 ms/write)" },
  { id = "w7", title = "W7 64 MiB, read(1000) paused", target = 4.0, floor = 0.5, unit = "read" },
}

local FLOOR = os.getenv("FLOOR") ~= ""
local FLAT = os.getenv("FLAT") ~= "0"
local only = os.getenv("ONLY")
if only and only ~= "" then
  local want = {}
  FLAT = FLAT and only:lower():find("flat", 1, true) ~= nil
  for w in only:lower():gmatch("w%d") do want[w] = true end
  local kept = {}
  for _, w in ipairs(W) do
    if want[w.id] then kept[#kept + 1] = w end
  end
  W = kept
end

-- ---- running one script -----------------------------------------------------

local tmp = assert(capture("mktemp -d /tmp/cstream-bench.XXXXXX")):gsub("%s+$", "")
local input, output = tmp .. "/w5.in", tmp .. "/w5.out"
local function cleanup() os.execute("rm -rf " .. sh_quote(tmp)) end

-- The module and the Lua files are copied once, so that a rebuild in the tree
-- while the rounds run (other people work here) cannot mix two versions.
local snap = tmp .. "/snap"
assert(os.execute(string.format("mkdir -p %s && cp cstream.so build/bench/floor.so %s/ && cp -r lua %s/",
  sh_quote(snap), sh_quote(snap), sh_quote(snap))), "cannot copy the modules")
local cpath = (os.getenv("LUA_CPATH_5_4") or ";;"):gsub("%./%?%.so;?", "")
local ENV = string.format("BENCH_SCALE=%s BENCH_W6_SECONDS=%s LUA_PATH_5_4=%s LUA_CPATH_5_4=%s ",
  SCALE, W6_SECONDS, sh_quote(snap .. "/lua/?.lua;" .. snap .. "/lua/?/init.lua;;"),
  sh_quote(snap .. "/?.so;" .. cpath))
local VERSION = (capture("git describe --always --dirty 2>/dev/null") or ""):gsub("%s+$", "")

local function parse(out)
  local line = out:match("RESULT[^\n]*")
  if not line then return nil end
  local f = {}
  for word in line:gmatch("%S+") do f[#f + 1] = word end
  local r = { seconds = tonumber(f[3]), units = tonumber(f[4]), rss = tonumber(f[5]) }
  for i = 6, #f do
    local k, v = f[i]:match("^([%w_]+)=(.*)$")
    if k then r[k] = tonumber(v) or v end
  end
  return r
end

-- Just before each timed copy (cstream's, Node's, cp's), an untimed one by
-- cp, removed again: the input read into the page cache and as much memory
-- as the copy needs just freed.  This machine (a VM) hands memory it sees
-- idle back within seconds, page cache included, and taking it again is
-- slow: without this a copy ran at 0.16 s or 0.06 s by where it fell in the
-- round (after a pause, or after another copy).
local function warm()
  os.execute(string.format("cp %s %s && rm -f %s", sh_quote(input), sh_quote(output),
    sh_quote(output)))
end

local function run(impl, w)
  local cmd
  if impl == "lua" then
    cmd = LUA .. " bench/lua/" .. w.id .. ".lua"
  elseif impl == "floor" then
    cmd = LUA .. " bench/floor/" .. w.id .. ".lua"
  elseif impl == "guard" then
    cmd = "env FLOOR_GUARD=1 " .. LUA .. " bench/floor/" .. w.id .. ".lua"
  else
    cmd = NODE .. " bench/node/" .. w.id .. ".js"
  end
  if w.id == "w5" then
    os.remove(output)
    warm()
    cmd = cmd .. " " .. sh_quote(input) .. " " .. sh_quote(output)
  end
  local out = capture(ENV .. "timeout " .. TIMEOUT .. " " .. cmd .. " 2>&1")
  if w.id == "w5" then os.remove(output) end
  local r = parse(out)
  if not r then
    io.stderr:write(string.format("  %s %s failed:\n%s\n", impl, w.id, out))
  end
  return r
end

-- cp, timed from here: its start-up (about a millisecond) is noise at 256 MiB.
local function run_cp()
  os.remove(output)
  warm()
  local t0 = uv.hrtime()
  local ok = os.execute("cp " .. sh_quote(input) .. " " .. sh_quote(output))
  local dt = (uv.hrtime() - t0) / 1e9
  os.remove(output)
  return ok and { seconds = dt } or nil
end

-- ---- statistics -------------------------------------------------------------------

local function median(t)
  local s = {}
  for i = 1, #t do s[i] = t[i] end
  if #s == 0 then return nil end
  table.sort(s)
  local m = (#s + 1) // 2
  if #s % 2 == 1 then return s[m] end
  return (s[m] + s[m + 1]) / 2
end

local function maxof(t)
  local m
  for _, v in ipairs(t) do if m == nil or v > m then m = v end end
  return m
end

-- ---- the rounds ---------------------------------------------------------------------

local needW5 = false
for _, w in ipairs(W) do if w.id == "w5" then needW5 = true end end
if needW5 then
  local mib = math.max(1, math.floor(256 * SCALE + 0.5))
  io.stderr:write(string.format("creating the %d MiB W5 input in %s\n", mib, tmp))
  -- written out before the rounds (warm() then copies it before each timed
  -- copy: the first copy of a new file is about three times slower than the
  -- next, for cp as well)
  if not os.execute(string.format("head -c %dM /dev/urandom > %s && sync %s",
      mib, sh_quote(input), sh_quote(input))) then
    cleanup()
    error("cannot create " .. input)
  end
end

io.stderr:write(string.format("%d round(s)%s; node: %s\n", ROUNDS,
  QUICK and " (QUICK: sizes / 10)" or "", NODE ~= "" and NODE or "absent, cstream only"))

-- The machine, read before the rounds: these figures mean little without it.
local cpu = (capture("lscpu 2>/dev/null"):match("Model name:%s*([^\n]-)%s*\n") or "?")
local MACHINE = string.format("%s, nproc %s, load average %s", cpu,
  (capture("nproc 2>/dev/null"):gsub("%s+$", "")),
  ((capture("cat /proc/loadavg 2>/dev/null"):match("^(%S+ %S+ %S+)")) or "?"))

-- res[id] = { lua = {runs}, node = {runs}, floor = {runs}, guard = {runs},
--   ratio = {}, fratio = {}, gratio = {}, cp = {}, cpratio = {} }
local res = {}
for _, w in ipairs(W) do
  res[w.id] = { lua = {}, node = {}, floor = {}, guard = {}, ratio = {}, fratio = {},
                gratio = {}, cp = {}, cpratio = {}, fails = 0 }
end
-- The guarded floor: the floor scripts that take floor.pipe's guard.
local GUARDED = { w1 = true, w3 = true, w4 = true }

for round = 1, ROUNDS do
  for _, w in ipairs(W) do
    local R = res[w.id]
    -- Alternate who goes first so that drift (heat, page cache) hits all alike.
    local order = (round % 2 == 1) and { "lua", "node", "floor", "guard" }
                  or { "guard", "floor", "node", "lua" }
    local got = {}
    for _, impl in ipairs(order) do
      if impl == "lua" or (impl == "node" and NODE ~= "") or (impl == "floor" and FLOOR and w.floor)
         or (impl == "guard" and FLOOR and GUARDED[w.id]) then
        got[impl] = run(impl, w)
        if got[impl] then
          table.insert(R[impl], got[impl])
        else
          R.fails = R.fails + 1
        end
      end
    end
    local line = string.format("round %d/%d %-3s cstream %s", round, ROUNDS, w.id,
      got.lua and string.format("%.4fs", got.lua.seconds) or "FAIL")
    if NODE ~= "" then
      line = line .. string.format("  node %s", got.node and string.format("%.4fs", got.node.seconds) or "FAIL")
    end
    if FLOOR and w.floor then
      line = line .. string.format("  floor %s", got.floor and string.format("%.4fs", got.floor.seconds) or "FAIL")
    end
    if FLOOR and GUARDED[w.id] then
      line = line .. string.format("  guarded %s", got.guard and string.format("%.4fs", got.guard.seconds) or "FAIL")
    end
    if got.lua and got.node then
      table.insert(R.ratio, got.node.seconds / got.lua.seconds)
    end
    if got.lua and got.floor then
      table.insert(R.fratio, got.floor.seconds / got.lua.seconds)
    end
    if got.lua and got.guard then
      table.insert(R.gratio, got.guard.seconds / got.lua.seconds)
    end
    if w.cp and got.lua then
      local c = run_cp()
      if c then
        table.insert(R.cp, c.seconds)
        table.insert(R.cpratio, c.seconds / got.lua.seconds)
        line = line .. string.format("  cp %.4fs", c.seconds)
      end
    end
    io.stderr:write(line, "\n")
  end
end
-- ---- the table ----------------------------------------------------------------------

local function field(runs, name)
  local t = {}
  for _, r in ipairs(runs) do
    if r[name] ~= nil then t[#t + 1] = r[name] end
  end
  return t
end

local function fmt(v, f)
  if v == nil then return "-" end
  return string.format(f or "%.4f", v)
end

local function met(ratio, target, atmost)
  if ratio == nil or target == nil then return "n/a" end
  if atmost then return ratio <= target and "yes" or "NO" end
  return ratio >= target and "yes" or "NO"
end

-- ">= 2.0 yes": a target and whether the ratio meets it; "" without a target.
local function want(ratio, target)
  if not target then return "" end
  return string.format(">= %.1f %s", target, met(ratio, target))
end

local ROW = "%-34s %11s %11s %9s %8s  %s\n"
local TROW = "%-34s %9s %9s %9s %7s %-10s %7s %-10s"
local function trow(...)
  io.write((string.format(TROW, ...):gsub("%s+$", "")), "\n")
end
io.write("\n")
io.write(string.format("cstream %s vs Node %s%s, %d round(s)%s\n",
  VERSION ~= "" and VERSION or "(no git)",
  NODE ~= "" and (capture(NODE .. " --version"):gsub("%s+$", "")) or "(absent)",
  FLOOR and " and the floor" or "", ROUNDS, QUICK and ", QUICK sizes (1/10)" or ""))
io.write("machine: ", MACHINE, " (at the start)\n")
io.write("medians of per-round values; c/node, c/floor = cstream throughput / theirs,\n")
io.write("the median of the per-round ratios (above 1: cstream is faster)\n")
trow("workload", "cstream s", "node s", "floor s", "c/node", "target",
  "c/floor", "target")
io.write(string.rep("-", 104), "\n")
for _, w in ipairs(W) do
  local R = res[w.id]
  if w.id ~= "w6" then
    local ls, ns = median(field(R.lua, "seconds")), median(field(R.node, "seconds"))
    local fs = median(field(R.floor, "seconds"))
    local ratio, fratio = median(R.ratio), median(R.fratio)
    trow(w.title, fmt(ls), fmt(ns), w.floor and fmt(fs) or "",
      fmt(ratio, "%.2f"), want(ratio, w.target),
      w.floor and fmt(fratio, "%.2f") or "", want(fratio, w.floor))
    if w.cp then
      local cr = median(R.cpratio)
      trow("W5 vs cp (cp in the floor column)", fmt(ls), "",
        fmt(median(R.cp)), "", "", fmt(cr, "%.2f"), want(cr, w.cp))
    end
    if R.fails > 0 then io.write(string.format("  (%d failed run(s))\n", R.fails)) end
  end
end

-- The same medians as a cost per item, comparable across workloads.
local function perItem(runs, w)
  local t = {}
  for _, r in ipairs(runs) do
    local n = (w.id == "w7") and r.reads or r.units
    if n and n > 0 then t[#t + 1] = r.seconds / n * 1e9 end
  end
  return median(t)
end
local items = false
for _, w in ipairs(W) do items = items or w.unit ~= nil end
if items then
  io.write("\nper item, median ns          cstream       node      floor\n")
  for _, w in ipairs(W) do
    if w.unit then
      local R = res[w.id]
      io.write(string.format("%-3s per %-20s %10s %10s %10s\n", w.id:upper(), w.unit,
        fmt(perItem(R.lua, w), "%.1f"), fmt(perItem(R.node, w), "%.1f"),
        w.floor and fmt(perItem(R.floor, w), "%.1f") or ""))
    end
  end
  if res.w5 then
    local bytes = math.max(1, math.floor(256 * SCALE + 0.5)) * 1048576
    local mb = function(t) return t and (bytes / t / 1e6) end
    io.write(string.format("%-28s %10s %10s %10s\n", "W5 MB/s (cp in the floor col)",
      fmt(mb(median(field(res.w5.lua, "seconds"))), "%.0f"),
      fmt(mb(median(field(res.w5.node, "seconds"))), "%.0f"),
      fmt(mb(median(res.w5.cp)), "%.0f")))
  end
end

-- What the contract's own guards cost on the floor, and cstream against that.
local guarded = false
for _, w in ipairs(W) do guarded = guarded or #res[w.id].guard > 0 end
if guarded then
  io.write("\nthe guarded floor: the floor with each user call protected and self's methods\n")
  io.write("found through a C __index (no target; bench/README.md)\n")
  io.write(string.format("%-34s %9s %9s %11s %11s\n", "workload", "floor s", "guarded s",
    "c/guarded", "floor cost"))
  for _, w in ipairs(W) do
    local R = res[w.id]
    if #R.guard > 0 then
      local fs, gs = median(field(R.floor, "seconds")), median(field(R.guard, "seconds"))
      io.write(string.format("%-34s %9s %9s %11s %11s\n", w.title, fmt(fs), fmt(gs),
        fmt(median(R.gratio), "%.2f"), (fs and gs) and string.format("%.2f x", gs / fs) or "-"))
    end
  end
end

local function rssline(id, label)
  local R = res[id]
  if not R then return end
  local l, n = median(field(R.lua, "rss")), median(field(R.node, "rss"))
  local ratio = (l and n) and l / n or nil
  io.write(string.format(ROW, label, fmt(l, "%d kB"), fmt(n, "%d kB"), fmt(ratio, "%.2f"),
    "<= 0.5", met(ratio, 0.5, true)))
end

if res.w1 or res.w3 then
  io.write("\npeak RSS of the whole process (VmHWM, median); ratio = cstream / node\n")
  rssline("w1", "W1 peak RSS")
  rssline("w3", "W3 peak RSS")
end

if res.w6 then
  io.write("\nW6 slow sink: worst over the rounds; limit = 2 x (source + sink highWaterMark);\n")
  io.write("RSS growth = largest RSS after the first third of the run - RSS at that point (flat: <= 1024 kB)\n")
  local W6ROW = "%-10s %12s %12s %14s %12s %12s  %s\n"
  io.write(string.format(W6ROW, "", "peak buf B", "limit B", "RSS growth kB", "peak RSS kB", "writes", "met?"))
  for _, impl in ipairs({ "lua", "node" }) do
    local runs = res.w6[impl]
    if #runs > 0 then
      local buf = maxof(field(runs, "peak_buffered"))
      local limit = 2 * maxof(field(runs, "hwm_sum"))
      local growth = {}
      for _, r in ipairs(runs) do
        growth[#growth + 1] = (r.rss_peak_after_kb or 0) - (r.rss_settled_kb or 0)
      end
      local g = maxof(growth)
      local ok = buf <= limit and g <= 1024
      io.write(string.format(W6ROW, impl == "lua" and "cstream" or "node",
        fmt(buf, "%d"), fmt(limit, "%d"), fmt(g, "%d"), fmt(maxof(field(runs, "rss")), "%d"),
        fmt(median(field(runs, "writes")), "%d"),
        impl == "lua" and (ok and "yes" or "NO") or "(reference)"))
    end
  end
end

local failed = 0
if FLAT then
  io.stdout:flush()
  if not os.execute(ENV .. LUA .. " bench/flat.lua") then
    io.write("\nthe flat-cost bench failed (see stderr)\n")
    failed = failed + 1
  end
end
cleanup()

for _, w in ipairs(W) do failed = failed + res[w.id].fails end
if failed > 0 then
  io.write(string.format("\n%d run(s) failed (see stderr)\n", failed))
  os.exit(1)
end
