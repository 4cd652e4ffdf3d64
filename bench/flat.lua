-- Cost that does not grow: the per-operation cost of a few cstream operations
-- at a small and a large size of what the operation must not depend on (bytes
-- buffered, writes queued, listeners attached, stages in a pipeline).  A bench,
-- not a test: it prints the costs and flags a growth (largest size / smallest)
-- above 1.5; it never fails.  Run by `make bench` after the workloads, alone by
-- `make bench-flat`.  See bench/README.md.
--
-- Environment: FLAT_REPS (5) repetitions, alternating the sizes; FLAT_MS (30)
-- the time one measurement runs before it stops (at most, as well, the number
-- of calls its case allows); QUICK=1 (3 reps, 10 ms).
local uv = require("luv")
local stream = require("cstream")

local QUICK = (os.getenv("QUICK") or "") ~= "" and os.getenv("QUICK") ~= "0"
local REPS = math.tointeger(tonumber(os.getenv("FLAT_REPS") or "") or (QUICK and 3 or 5)) or 5
local BUDGET = (tonumber(os.getenv("FLAT_MS") or "") or (QUICK and 10 or 30)) * 1e6 -- ns
local LIMIT = 1.5

local hrtime = uv.hrtime
local MiB = 1024 * 1024
local CHUNK4K = string.rep("abcdefgh", 512)
local CHUNK100 = string.rep("a", 100)

-- Calls op() in doubling batches until BUDGET ns have passed or `max` calls
-- were made; returns ns per call (the closure call included, the same at
-- every size).
local function timed(op, max)
  local n, batch, dt = 0, 1, 0
  local t0 = hrtime()
  while n < max do
    local b = batch
    if b > max - n then b = max - n end
    for _ = 1, b do op() end
    n = n + b
    dt = hrtime() - t0
    if dt >= BUDGET then break end
    batch = batch * 2
  end
  return dt / n
end

local function median(t)
  local s = {}
  for i = 1, #t do s[i] = t[i] end
  table.sort(s)
  local m = (#s + 1) // 2
  if #s % 2 == 1 then return s[m] end
  return (s[m] + s[m + 1]) / 2
end

-- Runs the loop until nothing is left to do (the ticks a case queued).
local function settle()
  uv.run("nowait")
  uv.run()
end

-- ---- the cases ---------------------------------------------------------------
-- Each case has sizes; make(size) builds the state once and returns run(),
-- one measurement (ns per operation) that leaves the state as it found it.

local cases = {}

-- read(1000) in paused mode with `mib` MiB buffered as 4 KiB chunks; refilled
-- after each measurement, so the buffer stays between mib - 1 MiB and mib.
local function readCase(enc)
  return function(mib)
    local r = stream.Readable.new({ read = function() end })
    if enc then r:setEncoding(enc) end
    local want = mib * MiB
    local function refill()
      while r.readableLength < want do r:push(CHUNK4K) end
    end
    refill()
    local function op() r:read(1000) end
    return function()
      local ns = timed(op, 1024)  -- at most 1,024,000 bytes
      refill()
      return ns
    end
  end
end

cases[#cases + 1] = {
  name = "read(1000), 4 KiB chunks buffered",
  sizes = { 4, 16, 64 }, unit = "MiB", make = readCase(nil),
}
cases[#cases + 1] = {
  name = "read(1000), setEncoding('utf8')",
  sizes = { 4, 16, 64 }, unit = "MiB", make = readCase("utf8"),
}

-- write() of 100 B with `n` writes queued behind one in flight; each operation
-- is one write and the completion of the write in flight, which starts the
-- next queued one, so the queue stays at n.
cases[#cases + 1] = {
  name = "write + callback, n writes queued",
  sizes = { 10, 10000 }, unit = "queued",
  make = function(n)
    local held
    local w = stream.Writable.new({
      write = function(_, _, _, cb) held = cb end,
    })
    for _ = 1, n + 1 do w:write(CHUNK100) end
    local expect = w.writableLength
    assert(expect == (n + 1) * 100, "write case: queue not built")
    local function op()
      w:write(CHUNK100)
      local cb = held
      held = nil
      cb()
    end
    return function()
      local ns = timed(op, 1e6)
      assert(w.writableLength == expect, "write case: queue length drifted")
      return ns
    end
  end,
}

local function noop() end

-- emit('x') to its one listener while `n` listeners are attached to other
-- events: one each on n other names, or all n on one other name.
local function emitOthers(spread)
  return function(n)
    local r = stream.Readable.new({ read = noop })
    r:setMaxListeners(0)
    r:on("x", noop)
    for i = 1, n do r:on(spread and ("other" .. i) or "other", function() end) end
    local function op() r:emit("x", 1) end
    return function() return timed(op, 1e6) end
  end
end

cases[#cases + 1] = {
  name = "emit('x') 1 listener, others on n names",
  sizes = { 1, 100 }, unit = "others", make = emitOthers(true),
}
cases[#cases + 1] = {
  name = "emit('x') 1 listener, n others on 1 name",
  sizes = { 1, 100 }, unit = "others", make = emitOthers(false),
}
cases[#cases + 1] = {
  name = "emit('x') per listener, n listeners",
  sizes = { 1, 100 }, unit = "listeners",
  make = function(n)
    local r = stream.Readable.new({ read = noop })
    r:setMaxListeners(0)
    for _ = 1, n do r:on("x", function() end) end
    local function op() r:emit("x", 1) end
    return function() return timed(op, 1e6) / n end
  end,
}
cases[#cases + 1] = {
  name = "on('x') + off (the last) with n on 'x'",
  sizes = { 1, 100, 1000 }, unit = "listeners",
  make = function(n)
    local r = stream.Readable.new({ read = noop })
    r:setMaxListeners(0)
    for _ = 1, n do r:on("x", function() end) end
    local function f() end
    local function op() r:on("x", f); r:off("x", f) end
    return function() return timed(op, 1e6) end
  end,
}

-- A source pushing `k` chunks of 100 B -> n PassThrough (pipe) -> counting
-- sink, with k * n the same at every size; the cost per chunk per stage.
-- Building the graph is not timed; start-up (one resume per stage) is.
local HOPS = 150000
cases[#cases + 1] = {
  name = "pipe through n PassThrough, per chunk per stage",
  sizes = { 3, 30, 300 }, unit = "stages",
  make = function(n)
    local k = HOPS // n
    return function()
      local i = 0
      local src = stream.Readable.new({
        read = function(self)
          while i < k do
            i = i + 1
            if not self:push(CHUNK100) then return end
          end
          self:push(nil)
        end,
      })
      local got, t1 = 0, nil
      local sink = stream.Writable.new({
        write = function(_, c, _, cb) got = got + #c; cb() end,
      })
      sink:on("finish", function() t1 = hrtime() end)
      local s = src
      for _ = 1, n do s = s:pipe(stream.PassThrough.new()) end
      s:pipe(sink)
      local t0 = hrtime()
      uv.run()
      assert(t1 and got == k * 100, "pipe case: the sink did not get every chunk")
      return (t1 - t0) / (k * n)
    end
  end,
}

-- ---- running and printing ------------------------------------------------------------

local only = os.getenv("FLAT_ONLY")
local function fmtns(ns)
  if ns >= 1e6 then return string.format("%.2f ms", ns / 1e6) end
  if ns >= 1e3 then return string.format("%.2f us", ns / 1e3) end
  return string.format("%.1f ns", ns)
end

io.write(string.format("\nflat cost: time per operation at each size, median of %d rep(s);\n", REPS))
io.write(string.format("growth = cost at the largest size / cost at the smallest (flat: <= %.1f)\n", LIMIT))
local ROW = "%-48s %15s %11s %8s  %s"
local function row(...)
  io.write((string.format(ROW, ...):gsub("%s+$", "")), "\n")
end
row("operation", "size", "per op", "growth", "")
io.write(string.rep("-", 90), "\n")
io.stdout:flush()
local grew = 0
for _, c in ipairs(cases) do
  if not only or c.name:find(only, 1, true) then
    local runs, got = {}, {}
    for si, size in ipairs(c.sizes) do
      runs[si] = c.make(size)
      got[si] = {}
      settle()
    end
    for rep = 1, REPS do
      -- Alternate the order of the sizes, so drift hits both ends alike.
      for j = 1, #c.sizes do
        local si = (rep % 2 == 1) and j or (#c.sizes + 1 - j)
        got[si][#got[si] + 1] = runs[si]()
        settle()
      end
    end
    local first, last
    for si, size in ipairs(c.sizes) do
      local m = median(got[si])
      first = first or m
      last = m
      local growth, flag = "", ""
      if si == #c.sizes then
        growth = string.format("%.2f", last / first)
        if last / first > LIMIT then flag = "GROWS"; grew = grew + 1 end
      end
      row(si == 1 and c.name or "",
        string.format("%d %s", size, c.unit), fmtns(m), growth, flag)
    end
    io.stdout:flush()
    runs = nil
    collectgarbage()
  end
end
io.write(string.format("%d case(s) grow by more than %.1fx\n", grew, LIMIT))
