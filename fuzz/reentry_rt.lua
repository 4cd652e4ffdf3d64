-- The runtime of the programs fuzz/reentry.lua generates: makes streams,
-- records their events and checks the invariants, runs chaos safely.
--
-- Invariants (a violation is recorded, the program goes on):
--   no 'data', 'readable', 'end', 'drain' or second 'close' after 'close'; 'end', 'finish', 'close' at most once; no 'data'
--   after 'end';
--   readableLength/writableLength within [0, 2^40) whenever looked at;
--   the chain (a source, PassThroughs/identity Transforms, a sink) delivers
--   exactly the bytes it was given when none of it errored.
local uv = require("luv")
local stream = require("cstream")
local events = require("cstream.events")
local errors = require("cstream.errors")
local core = require("cstream.core")

local rt = {}
rt.stream, rt.uv = stream, uv
local S, C = {}, {}        -- chaos streams, chain streams
rt.S, rt.C = S, C
local log = {}             -- violations
local budget = 0           -- statements left to run
local rng                  -- the program's own generator (deterministic)
local chain = { bytes_in = 0, bytes_out = 0, finished = false, errored = false }
local inbomb = 0

local function violation(msg)
  if #log < 20 then log[#log + 1] = msg end
end

local function checklen(s, name)
  local ok, rl, wl = pcall(function() return s.readableLength, s.writableLength end)
  if not ok then return end
  for _, v in ipairs({ rl or 0, wl or 0 }) do
    if math.type(v) ~= "integer" or v < 0 or v >= 2 ^ 40 then
      violation(name .. ": length " .. tostring(v))
    end
  end
end

function rt.checkall()
  for i, s in pairs(S) do checklen(s, "S" .. i) end
  for i, s in pairs(C) do checklen(s, "C" .. i) end
end

-- Per-stream event record.
-- ('error' may legitimately come twice: pipe() re-emits a destination's
-- error when it has no other listener, as Node's does; and 'finish' may
-- follow 'close' when a Transform's _flush fails under its own _final, as
-- in Node: test/twins/reentry/finish_after_close.js.)
local AFTER_CLOSE = { data = true, readable = true, ["end"] = true, drain = true,
  close = true }
local ONCE = { ["end"] = true, finish = true, close = true }

local function recorder(name, s)
  local seen = {}
  return function(ev)
    if seen.close and AFTER_CLOSE[ev] then violation(name .. ": '" .. ev .. "' after 'close'") end
    if ONCE[ev] and seen[ev] then violation(name .. ": second '" .. ev .. "'") end
    if ev == "data" and seen["end"] then violation(name .. ": 'data' after 'end'") end
    seen[ev] = true
    checklen(s, name)
  end
end

local function monitor(s, name, errmon)
  local rec = recorder(name, s)
  rt.rec = rt.rec or {}
  rt.rec[s] = rec
  for _, ev in ipairs({ "close", "end", "finish", "prefinish", "drain" }) do
    s:on(ev, function() rec(ev) end)
  end
  -- errorMonitor sees 'error' without handling it: some streams get no
  -- handler at all, and their errors are uncaught (rt.run catches those).
  s:on(events.errorMonitor, function() rec("error") end)
  if errmon then s:on("error", function() end) end
end

function rt.begin(seed, gc)
  rng = seed
  budget = 3000
  if gc == "generational" then
    collectgarbage("generational")
  elseif gc then
    collectgarbage("incremental", gc[1], gc[2], gc[3])
  end
end

local function rand(n)   -- 1..n, deterministic per program (xorshift)
  rng = (rng ~ (rng << 13)) & 0xffffffff
  rng = (rng ~ (rng >> 17)) & 0xffffffff
  rng = (rng ~ (rng << 5)) & 0xffffffff
  return rng % n + 1
end
rt.rand = rand

-- The collector back to its defaults: a tuned one (a cycle at every
-- allocation) makes moving what is left take minutes.
local function calm()
  collectgarbage("incremental", 200, 100, 13)
end

-- Runs one generated statement; errors are expected and counted.
function rt.T(fn)
  if budget <= 0 then return end
  budget = budget - 1
  if budget == 0 then calm() end
  local ok = pcall(fn)
  if rand(8) == 1 then rt.checkall() end
  return ok
end

-- Asked by every generated _read: each call spends, so a source ends.
function rt.spent()
  budget = budget - 1
  if budget == 0 then calm() end
  return budget <= 0
end

-- A listener's raise: propagates (the core keeps it and raises it at the
-- caller), except in a finalizer, where Lua would only warn.
function rt.raise(v)
  if inbomb == 0 and budget > 0 then error(v, 0) end
end

-- S[a]:pipe(S[b]), at most 16 times a program: every pipe adds listeners
-- each chunk and 'drain' then visits, and thousands make a program crawl.
local npipes = 0
function rt.pipe(a, b)
  npipes = npipes + 1
  if npipes <= 16 and S[a] and S[b] then return S[a]:pipe(S[b]) end
end

-- Garbage whose finalizer runs fn: wherever the collector steps next.
function rt.bomb(fn)
  setmetatable({}, { __gc = function()
    inbomb = inbomb + 1
    pcall(fn)
    inbomb = inbomb - 1
  end })
end

-- A mine: garbage whose finalizer runs fn and lays the next mine, n times
-- at most while the budget lasts.  With a collector tuned to step at every
-- allocation, finalizers then go off all along the program: inside hooks
-- (_read, _write, _transform), at each safe point where the core is about
-- to run user code (the collector's loan repaid), in read(n)'s string.
function rt.mine(fn, n)
  setmetatable({}, { __gc = function()
    if n <= 0 or budget <= 0 then return end
    inbomb = inbomb + 1
    pcall(fn)
    inbomb = inbomb - 1
    rt.mine(fn, n - 1)
  end })
end

-- A finalizer run right here (a full collection), whatever hook this is.
function rt.fire(fn)
  rt.bomb(fn)
  collectgarbage()
end

-- A pipe that only garbage refers to: src -> mid -> sink (mid a
-- PassThrough, an identity Transform, or the sink itself), flowing once
-- the next drain has run, its hooks' frames then kept (two chunks through);
-- fn(src, mid, sink) runs in the
-- finalizer of garbage made after them, so it runs first, while the three
-- are out of the registry's weak map (the collector clears weak values
-- before it runs finalizers) and before their own __gc.
function rt.orphan(kind, enc, fn)
  local src = stream.Readable.new({ read = function() end })
  local sink = stream.Writable.new({ write = function(_, _, _, cb) cb() end })
  local mid = sink
  if kind == 1 then mid = stream.PassThrough.new()
  elseif kind == 2 then
    mid = stream.Transform.new({ transform = function(_, c, _, cb) cb(nil, c) end })
  end
  if enc then src:setEncoding(enc) end
  if mid ~= sink then src:pipe(mid):pipe(sink) else src:pipe(sink) end
  -- the pipe's resume waits in the tick queue, which holds src until the
  -- next drain: the pipe flows before any of it is garbage (a drain here
  -- would run ticks inside the hook that made the orphan, as Node never
  -- does, and the streams' state machines are not written for that)
  src:push("warm"); src:push("warm")
  setmetatable({}, { __gc = function()
    inbomb = inbomb + 1
    pcall(fn, src, mid, sink)
    inbomb = inbomb - 1
  end })
end

-- Error values, hostile ones included.
local hostile = { __eq = function() error("eq") end, __index = function() error("index") end,
                  __tostring = function() error("tostring") end, __name = "Hostile" }
function rt.err(k)
  k = k or rand(5)
  if k == 1 then return "boom" end
  if k == 2 then return errors.new("ERR_FUZZ", "fuzz") end
  if k == 3 then return setmetatable({}, hostile) end
  if k == 4 then return { code = "X" } end
  return nil
end

function rt.new(kind, opts, name, errmon)
  local s = stream[kind].new(opts)
  S[#S + 1] = s
  monitor(s, name or ("S" .. #S), errmon)
  return s
end

-- A listener; 'data' and 'readable' (which the monitors cannot watch
-- without changing the stream's mode) are recorded here.
function rt.on(i, ev, fn)
  local s = S[i]
  if not s then return end
  local rec = (ev == "data" or ev == "readable") and rt.rec[s]
  s:on(ev, function(...)
    if rec then rec(ev) end
    return fn(...)
  end)
end

-- The chain: source -> k stages -> sink, chunks from the program's rng.
function rt.chain(k, hwm, async)
  local chunks, n = {}, rand(30)
  for i = 1, n do chunks[i] = string.rep(string.char(64 + rand(26)), rand(40)) end
  local i = 0
  local src = stream.Readable.new({ highWaterMark = hwm, read = function(self)
    local function one()
      i = i + 1
      local c = chunks[i]
      if c then chain.bytes_in = chain.bytes_in + #c end
      self:push(c)
    end
    if async then stream.nextTick(one) else one() end
  end })
  C[1] = src
  monitor(src, "C1", true)
  local last = src
  for j = 1, k do
    local t
    if rand(2) == 1 then
      t = stream.PassThrough.new({ highWaterMark = rand(3) == 1 and 0 or hwm })
    else
      t = stream.Transform.new({ highWaterMark = hwm, transform = function(_, c, _, cb)
        if async then stream.nextTick(cb, nil, c) else cb(nil, c) end
      end })
    end
    C[#C + 1] = t
    monitor(t, "C" .. #C, true)
    last = last:pipe(t)
  end
  local sink = stream.Writable.new({ highWaterMark = hwm, write = function(_, c, _, cb)
    chain.bytes_out = chain.bytes_out + #c
    if async then stream.nextTick(cb) else cb() end
  end })
  C[#C + 1] = sink
  monitor(sink, "C" .. #C, true)
  sink:on("finish", function() chain.finished = true end)
  for _, s in ipairs(C) do s:on("error", function() chain.errored = true end) end
  last:pipe(sink)
end

-- Runs the ticks (and the loop) until none is left, for at most ms (scaled).
-- An error escaping a tick is uncaught in the program: the loop's drain
-- would report it and end the process (the batch with it), so drain here
-- first with the core's own drain, which raises it into this pcall.
function rt.run(ms)
  ms = ms * (tonumber(os.getenv("SPEC_TIME_SCALE")) or 1)
  local deadline = uv.hrtime() + ms * 1e6
  repeat
    pcall(core.drain)
    if core.pendingTicks() == 0 then pcall(uv.run, "nowait") end
  until core.pendingTicks() == 0 or uv.hrtime() > deadline
end

-- Ends the program: lets the chain finish, checks it, closes what is open.
function rt.finish()
  budget = 0
  calm()
  for _, s in ipairs(C) do
    local n = 0                              -- cork() nests
    while n < 100000 and (s.writableCorked or 0) > 0 and pcall(s.uncork, s) do n = n + 1 end
    pcall(s.resume, s)
  end
  rt.run(500)
  rt.checkall()
  if not chain.errored then
    if not chain.finished then
      if os.getenv("REENTRY_DEBUG") then
        for i, s in ipairs(C) do
          local st = s:_state()
          local r, w = st.r or {}, st.w or {}
          print("C" .. i, s, "rlen", r.length, "flowing", r.flowing, "ended", r.ended,
            "endEmitted", r.endEmitted, "reading", r.reading, "wlen", w.length, "ending", w.ending,
            "finished", w.finished, "corked", w.corked, "writing", w.writing, "needDrain", w.needDrain,
            "destroyed", s.destroyed, "aw", s._awaitDrain, "pipes", s._pipes and #s._pipes)
        end
      end
      violation(("chain stalled: %d bytes in, %d out"):format(chain.bytes_in, chain.bytes_out))
    elseif chain.bytes_in ~= chain.bytes_out then
      violation(("chain: %d bytes in, %d out"):format(chain.bytes_in, chain.bytes_out))
    end
  end
  uv.walk(function(h) if not h:is_closing() then h:close() end end)
  pcall(uv.run, "nowait")
  return log
end

return rt
