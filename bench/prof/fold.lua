-- Reads `perf script` output (samples with call chains) on stdin and prints
-- three views:
--   self     the leaf function of each sample (perf report --no-children)
--   owner    the innermost cstream.so frame of each sample, so that the Lua API
--            calls a binding function makes are charged to it; samples under
--            the Lua VM (Lua code) before any cstream.so frame are charged to
--            "Lua code -> <C function the VM called>", and samples inside the
--            collector to "Lua GC"
--   incl     every cstream.so function with the share of samples it is on the
--            stack of (perf report --children)
-- usage: perf script -i FILE | lua5.4 bench/prof/fold.lua [TOP]
local TOP = tonumber(arg and arg[1]) or 25

local GC = {
  luaC_step = true, luaC_fullgc = true, singlestep = true, propagatemark = true,
  sweepstep = true, ["sweepstep.constprop.0"] = true, reallymarkobject = true,
  atomic = true, sweeplist = true, luaC_freeallobjects = true, GCTM = true,
}

local CALL = {
  luaD_precall = true, precallC = true, luaD_call = true, luaD_callnoyield = true,
  ccall = true, luaD_poscall = true,
}

local function short(dso)
  if not dso then return "?" end
  return dso:match("([^/]+)$") or dso
end

local total = 0
local self, owner, incl = {}, {}, {}

local function add(t, k) t[k] = (t[k] or 0) + 1 end

local function flush(frames)
  if #frames == 0 then return end
  -- An inlined frame shares its address with the real frame below it, which
  -- alone names the object file.
  for i = #frames, 1, -1 do
    local f = frames[i]
    if not f.dso then
      for j = i + 1, #frames do
        if frames[j].addr == f.addr and frames[j].dso then f.dso = frames[j].dso; break end
      end
      if not f.dso and frames[i + 1] then f.dso = frames[i + 1].dso end
    end
  end
  total = total + 1
  local leaf = frames[1]
  add(self, leaf.sym .. "  [" .. short(leaf.dso) .. "]")
  local who
  for i = 1, #frames do
    local f = frames[i]
    if GC[f.sym] then who = "Lua GC"; break end
    if short(f.dso) == "cstream.so" then who = f.sym; break end
    if f.sym == "luaV_execute" then
      -- Name what the VM called, looking through the call machinery.
      local j = i - 1
      while j > 1 and CALL[frames[j].sym] do j = j - 1 end
      who = (i == 1) and "Lua code (the VM itself)" or ("Lua code -> " .. frames[j].sym)
      break
    end
  end
  add(owner, who or ("other: " .. leaf.sym))
  local seen = {}
  for _, f in ipairs(frames) do
    if short(f.dso) == "cstream.so" and not seen[f.sym] then
      seen[f.sym] = true
      add(incl, f.sym)
    end
  end
end

local frames = {}
for line in io.lines() do
  if line:match("^%S") then
    flush(frames)
    frames = {}
  else
    local addr, sym, rest = line:match("^%s+(%x+)%s+(.-)%s+(%(.*%))%s*$")
    if addr then
      sym = sym:gsub("%+0x%x+$", "")
      local dso = rest:match("^%((.*)%)$")
      if dso == "inlined" then dso = nil end
      frames[#frames + 1] = { addr = addr, sym = sym, dso = dso }
    end
  end
end
flush(frames)

local function show(title, t)
  local rows = {}
  for k, v in pairs(t) do rows[#rows + 1] = { k, v } end
  table.sort(rows, function(a, b) return a[2] > b[2] end)
  io.write(string.format("-- %s (%d samples)\n", title, total))
  for i = 1, math.min(TOP, #rows) do
    io.write(string.format("%6.2f%%  %s\n", 100 * rows[i][2] / total, rows[i][1]))
  end
  io.write("\n")
end

show("self: leaf function", self)
show("owner: innermost cstream.so frame, Lua API calls included", owner)
show("incl: cstream.so functions on the stack", incl)
