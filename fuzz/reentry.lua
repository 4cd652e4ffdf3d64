-- A re-entry fuzzer at the Lua level (issue 16): random programs over the
-- public API in which finalizers (garbage with __gc created in hooks,
-- collectgarbage("step") calls, a collector tuned to step at every
-- allocation), listeners and implementation functions call back into the
-- same and other streams at random.  fuzz/reentry_rt.lua checks the
-- invariants; the sanitizers (make fuzz-ci / make fuzz run this under the
-- ASan+UBSan module, fuzz/reentry-run) catch the memory errors.
--
--   lua5.4 fuzz/reentry.lua print SEED        the program for SEED
--   lua5.4 fuzz/reentry.lua run SEED [COUNT]  run SEED .. SEED+COUNT-1 here;
--        prints "start S" before and "ok S" / "FAIL S: ..." after each,
--        exits 1 if one broke an invariant
--   lua5.4 fuzz/reentry.lua replay FILE...    run saved programs (fuzz/corpus/
--        reentry: those that once crashed), the same way, named by file
-- A program is deterministic: the seed alone replays it.

local KINDS = { "Readable", "Writable", "Duplex", "Transform", "PassThrough" }
local EVENTS = { "data", "readable", "end", "finish", "close", "error", "drain",
  "pause", "resume", "prefinish" }
local ENCS = { "utf8", "hex", "latin1", "base64", "utf16le" }

local function gen(seed)
  local state = seed ~= 0 and seed or 1
  local function r(n)
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return (state >> 8) % n + 1
  end
  local out = {}
  local function emit(s) out[#out + 1] = s end
  local ns = 2 + r(5)

  local function chunk()
    local k = r(6)
    if k == 1 then return '""' end
    if k == 2 then return ("%q"):format(string.rep("\xe2\x82\xac", r(5))) end
    if k == 3 then return ("string.rep(%q, %d)"):format(string.char(96 + r(26)), r(600)) end
    return ("%q"):format(string.rep(string.char(96 + r(26)), r(20)))
  end
  local function si() return ("S[%d]"):format(r(ns)) end
  -- read(n)'s n: half of them small, cuts of the front chunk or across into
  -- the next (read_'s own plans), from the same one draw
  local function readsize()
    local v = r(4000) - 1
    return v % 2 == 0 and v % 61 or v
  end

  local body, orphan
  local function stmt(depth)
    local s, k = si(), r(depth > 2 and 30 or 40)
    local t
    if k <= 3 then t = s .. ":push(" .. chunk() .. ")"
    elseif k == 4 then t = s .. ":push(nil)"
    elseif k == 5 then t = s .. ":unshift(" .. chunk() .. ")"
    elseif k <= 7 then t = s .. ":read(" .. (r(3) == 1 and "" or tostring(readsize())) .. ")"
    elseif k == 8 then t = s .. ":setEncoding(" .. ("%q"):format(ENCS[r(#ENCS)]) .. ")"
    elseif k == 9 then t = s .. ":pause()"
    elseif k == 10 then t = s .. ":resume()"
    elseif k <= 12 then t = s .. ":write(" .. chunk() .. ")"
    elseif k == 13 then t = s .. '["end"](' .. s .. ")"
    elseif k == 14 then t = s .. ":cork()"
    elseif k == 15 then t = s .. ":uncork()"
    elseif k == 16 then t = s .. ":destroy(rt.err())"
    elseif k == 17 then  -- pipes go from lower to higher indices: no cycle
      local a = r(ns - 1)
      t = ("rt.pipe(%d, %d)"):format(a, a + r(ns - a))
    elseif k == 18 then t = s .. ":unpipe()"
    elseif k == 19 then t = s .. ':removeAllListeners("data")'
    elseif k == 20 then t = r(4) == 1 and (s .. ":__gc()") or (s .. ":read(0)")
    elseif k == 21 then t = ('collectgarbage("step", %d)'):format(r(8) - 1)
    elseif k == 22 then t = ("C[%d]:%s()"):format(r(4), ({ "pause", "resume", "cork", "uncork" })[r(4)])
    elseif k == 23 then t = "rt.checkall()"
    elseif k == 24 then
      t = ("if rt.rand(3) == 1 then rt.raise(rt.err(%d)) end"):format(r(5))
      if depth > 0 then return t end  -- a listener's raise goes to its caller
    elseif k == 25 then t = s .. ":write(" .. chunk() .. ", function(e) " .. body(depth + 1, 2) .. " end)"
    elseif k == 26 then t = s .. ":finish(" .. chunk() .. ")"
    elseif k <= 30 then t = "rt.bomb(function() " .. body(depth + 1, 3) .. " end)"
    elseif k <= 32 then t = "stream.nextTick(function() " .. body(depth + 1, 3) .. " end)"
    elseif k <= 34 then
      t = ('rt.on(%d, %q, function(c) %s end)'):format(r(ns), EVENTS[r(#EVENTS)], body(depth + 1, 3))
    elseif k <= 36 then
      t = ("for _ = 1, %d do %s end"):format(r(4), stmt(depth + 1))
    elseif k <= 38 then  -- finalizers that fire again and again, anywhere
      t = ("rt.mine(function() %s end, %d)"):format(body(depth + 1, 3), r(40))
    elseif k == 39 then t = orphan()
    else t = r(2) == 1 and "collectgarbage()" or 'collectgarbage("step", 0)'
    end
    return "T(function() " .. t .. " end)"
  end

  -- A pipe (src -> [PassThrough | Transform] -> sink) that only garbage
  -- refers to, used from that garbage's finalizer: the streams are out of
  -- the registry's weak map then (the collector clears weak values first).
  local OOPS = { "src:push(%s)", "mid:write(%s)", "sink:write(%s)", "src:unpipe()",
    "src:read()", "src:pipe(sink)", "mid:destroy()", "collectgarbage()", "src:push(nil)",
    'src:removeAllListeners("data")', "mid:pause()", "src:read(3)" }
  function orphan()
    local ops = {}
    for i = 1, r(5) do
      local o = OOPS[r(#OOPS)]
      ops[i] = "T(function() " .. (o:find("%%s") and o:format(chunk()) or o) .. " end)"
    end
    return ("rt.orphan(%d, %s, function(src, mid, sink) %s end)"):format(r(3),
      r(3) == 1 and ("%q"):format(ENCS[r(#ENCS)]) or "nil", table.concat(ops, " "))
  end

  -- A hook's body: sometimes a finalizer fired right inside it (a full
  -- collection), or a step of the collector, where mines go off.
  local function hbody()
    local b, k = body(1, 2), r(6)
    if k == 1 then return "T(function() rt.fire(function() " .. body(2, 2) .. " end) end) " .. b end
    if k == 2 then return b .. ' T(function() collectgarbage("step", 0) end)' end
    return b
  end
  function body(depth, n)
    local t = {}
    for i = 1, r(n) do t[i] = stmt(depth) end
    return table.concat(t, " ")
  end

  local function cb(kind)
    local k = r(12)
    if kind == "transform" then
      if k <= 5 then return "cb(nil, c)" end
      if k <= 7 then return "stream.nextTick(cb, nil, c)" end
      if k == 8 then return "self:push(c) cb()" end
      if k == 9 then return "cb(rt.err(2))" end
      if k == 10 then return "cb() cb()" end
      return "cb()"
    end
    if k <= 6 then return "cb()" end
    if k <= 9 then return "stream.nextTick(cb)" end
    if k == 10 then return "cb(rt.err(2))" end
    if k == 11 then return "cb() cb()" end
    return "" -- never called
  end

  emit(("-- fuzz/reentry.lua program, seed %d"):format(seed))
  emit('local rt = require("fuzz.reentry_rt")')
  emit("local stream, S, C, T = rt.stream, rt.S, rt.C, rt.T")
  local gc = r(4)
  if gc == 1 then emit(("rt.begin(%d, \"generational\")"):format(seed))
  elseif gc == 2 then emit(("rt.begin(%d, nil)"):format(seed))
  else emit(("rt.begin(%d, { %d, %d, %d })"):format(seed, r(3) - 1, 100 + r(900), r(10) - 1)) end
  emit(("rt.chain(%d, %d, %s)"):format(r(4), ({ 0, 1, 3, 16, 1024 })[r(5)], tostring(r(2) == 1)))
  for i = 1, ns do
    local kind = KINDS[r(#KINDS)]
    local o = {}
    if r(3) == 1 then o[#o + 1] = "objectMode = true" end
    if r(2) == 1 then o[#o + 1] = ("highWaterMark = %d"):format(({ 0, 1, 2, 5, 100, 16384 })[r(6)]) end
    if r(5) == 1 then o[#o + 1] = ("encoding = %q"):format(ENCS[r(#ENCS)]) end
    if r(5) == 1 then o[#o + 1] = "decodeStrings = false" end
    if r(5) == 1 then o[#o + 1] = "autoDestroy = false" end
    if r(6) == 1 then o[#o + 1] = "emitClose = false" end
    if r(4) == 1 then o[#o + 1] = "allowHalfOpen = false" end
    local R = kind ~= "Writable"
    local W = kind ~= "Readable"
    if R and kind ~= "Transform" and kind ~= "PassThrough" then
      o[#o + 1] = ("read = function(self, n) %s if rt.spent() then self:push(nil) elseif rt.rand(3) > 1 then self:push(%s) end end")
        :format(hbody(), chunk())
    end
    if kind == "Writable" or kind == "Duplex" then
      if r(4) == 1 then
        o[#o + 1] = ("writev = function(self, chunks, cb) %s %s end"):format(hbody(), cb("write"))
      end
      o[#o + 1] = ("write = function(self, c, e, cb) %s %s end"):format(hbody(), cb("write"))
    end
    if kind == "Transform" then
      o[#o + 1] = ("transform = function(self, c, e, cb) %s %s end"):format(hbody(), cb("transform"))
      if r(2) == 1 then o[#o + 1] = ("flush = function(self, cb) %s %s end"):format(hbody(), cb("flush")) end
    end
    if W and r(3) == 1 then o[#o + 1] = ("final = function(self, cb) %s %s end"):format(hbody(), cb("final")) end
    if r(3) == 1 then
      o[#o + 1] = ("destroy = function(self, err, cb) %s %s end"):format(hbody(),
        r(2) == 1 and "cb(err)" or "stream.nextTick(cb, err)")
    end
    if r(6) == 1 then o[#o + 1] = ("construct = function(self, cb) %s %s end"):format(body(1, 1), cb("construct")) end
    emit(("rt.new(%q, { %s }, nil, %s)"):format(kind, table.concat(o, ", "), tostring(r(3) > 1)))
  end
  for _ = 1, r(6) do
    emit(('rt.on(%d, %q, function(c) %s end)'):format(r(ns), EVENTS[r(#EVENTS)], body(1, 3)))
  end
  -- mines laid first: finalizers go off all along, inside hooks too
  for _ = 1, r(4) - 1 do
    emit(("T(function() rt.mine(function() %s end, %d) end)"):format(body(2, 3), 5 + r(60)))
  end
  for _ = 1, 3 + r(8) do emit(stmt(0)) end
  emit("rt.run(200)")
  for _ = 1, r(4) do emit(stmt(0)) end
  emit("rt.run(200)")
  emit("return rt.finish()")
  return table.concat(out, "\n") .. "\n"
end

local mode, seed, count = arg[1], tonumber(arg[2] or "1"), tonumber(arg[3] or "1")
if mode == "print" then
  io.write(gen(seed))
elseif mode == "run" or mode == "replay" then
  local bad = 0
  io.stdout:setvbuf("line")
  -- A program that runs away (a loop the budget does not bound) is a
  -- finding too: after REENTRY_CPU seconds of CPU, say where, and stop.
  -- Not less than a minute: a program can be slow without looping (seed
  -- 355079711 makes 3,000 pipes from a 'data' listener, each with a full
  -- collection, 4.5 s plain and over 20 s under ASan after its batch's
  -- previous program had grown the heap).
  local limit, t0 = tonumber(os.getenv("REENTRY_CPU") or "") or 60, os.clock()
  debug.sethook(function()
    if os.clock() - t0 > limit then
      debug.sethook()
      io.write(debug.traceback("HANG: still running after " .. limit .. " s of CPU", 2), "\n")
      os.exit(3)
    end
  end, "", 1000000)
  local progs = {}
  if mode == "replay" then
    for i = 2, #arg do
      local fh = assert(io.open(arg[i]))
      progs[#progs + 1] = { arg[i], fh:read("a") }
      fh:close()
    end
  else
    for s = seed, seed + count - 1 do progs[#progs + 1] = { s } end
  end
  for _, p in ipairs(progs) do
    local s = p[1]
    t0 = os.clock()
    io.write("start ", s, "\n")
    package.loaded["fuzz.reentry_rt"] = nil
    local f = assert(load(p[2] or gen(s), "=reentry-" .. s))
    local ok, log = pcall(f)
    if not ok then
      bad = bad + 1
      io.write("FAIL ", s, ": the program raised: ", tostring(log), "\n")
    elseif #log > 0 then
      bad = bad + 1
      io.write("FAIL ", s, ": ", table.concat(log, "; "), "\n")
    else
      io.write("ok ", s, "\n")
    end
  end
  os.exit(bad == 0 and 0 or 1)
else
  io.stderr:write("usage: lua5.4 fuzz/reentry.lua print SEED | run SEED [COUNT] | replay FILE...\n")
  os.exit(2)
end
