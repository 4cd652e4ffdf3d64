-- An argument fuzzer over everything require("cstream") reaches: every
-- function and method of the module, its submodules, its classes and their
-- metatables (metamethods included), called with foreign values as self and
-- as every argument: nil, booleans, edge numbers, odd strings, plain tables,
-- tables that carry a stream's metatable, tables whose __index raises,
-- functions that raise / yield / collect, coroutines, streams of other
-- classes, destroyed streams, luv handles, files, error tables.  Calls run
-- directly, from a tick, from a finalizer and inside a coroutine, with
-- collections between them.  A bad input must give a clear error: a crash,
-- a sanitizer report or a hang is a finding (fuzz/api-run catches those), and
-- so is an error that names nothing (a Lua "attempt to index a nil value"
-- from inside cstream, a non-string non-table error value).
--
--   lua5.4 fuzz/api.lua list                  the targets, one a line
--   lua5.4 fuzz/api.lua run SEED [COUNT]      cases SEED .. SEED+COUNT-1;
--        prints "start S" before and "ok S" / "BAD S: ..." after each
--   lua5.4 fuzz/api.lua show SEED             what case SEED calls
-- The internal modules and the implementation functions (`_read`, `_write`,
-- ... called directly) trust their callers: a crash or hang there is a
-- finding, an unnamed error only with API_STRICT=1 (a survey).
-- A case is deterministic: its seed alone replays it (the run must start in
-- a scratch directory: the fs targets make files named by the strings).
local mode, a1, a2 = ...

local stream = require("cstream")
local core = require("cstream.core")
local uv = require("luv")
local errors = require("cstream.errors")

-- An error escaping a tick or a luv callback ends the process by design
-- (API.md section 4): here it is recorded instead, the case goes on.
local uncaught = 0
core.uncaught = function() uncaught = uncaught + 1 end

-- ---- targets ---------------------------------------------------------------

-- Functions that change the process or the runtime for every later case by
-- design; each is covered by its own specs.
local SKIP = {
  ["core.uncaught"] = true, ["core.setEmit"] = true, ["core.setAggregate"] = true,
  ["core.setWake"] = true, ["core.hookLuv"] = true, ["core.setDataHook"] = true,
  ["cstream.events.setDataHook"] = true, ["cstream.loop.drain"] = true,
  ["cstream._drain"] = true, ["core.drain"] = true,
  ["cstream.process.stdin"] = true, ["cstream.stdin"] = true,
  ["cstream.utils.markDestroyed"] = true,
  -- later(n) chains n microtasks by design: n = inf never ends
  ["cstream.iter.later"] = true,
  -- setmetatable itself (5.4): it would rewire the classes (the Readable
  -- class's metatable made a signal) for every later case
  ["cstream.compat.guard"] = true,
}

-- Internal modules and fields (not in docs/API.md): a crash or hang there is
-- a finding, an unnamed error is not (they trust their callers).
local strict = os.getenv("API_STRICT") == "1"  -- judge them too (a survey)
local function internal(name)
  return not strict and name:find("^core%.") == nil and (name:find("%._[%a]") ~= nil
    or name:find("^cstream%.[a-z]+%.") ~= nil and not name:find("^cstream%.fs%.")
       and not name:find("^cstream%.zlib%.") and not name:find("^cstream%.await%.")
       and not name:find("^cstream%.errors%.new") and not name:find("^cstream%.errors%.is"))
end

local SUBMODS = { "abort", "await", "class", "compat", "compose", "destroy",
  "duplexify", "errors", "events", "finished", "fs", "handle", "iter", "lines",
  "ltn12", "operators", "pipe", "pipeline", "process", "utils", "zlib" }

local targets, seen = {}, {}
local function walk(t, path, depth)
  if seen[t] or depth > 4 then return end
  seen[t] = true
  local keys = {}
  for k in pairs(t) do
    if type(k) == "string" then keys[#keys + 1] = k end
  end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = rawget(t, k)
    local p = path .. "." .. k
    if type(v) == "function" then
      if not SKIP[p] and not seen[v] then
        seen[v] = true
        targets[#targets + 1] = { name = p, fn = v }
      end
    elseif type(v) == "table" and k ~= "constants" and k ~= "codes" then
      walk(v, p, depth + 1)
    end
  end
  local mt = getmetatable(t)
  if type(mt) == "table" then walk(mt, path .. "<mt>", depth + 1) end
end
walk(stream, "cstream", 0)
walk(core, "core", 0)
walk(stream.fs, "cstream.fs", 0)
walk(stream.zlib, "cstream.zlib", 0)
for _, m in ipairs(SUBMODS) do walk(require("cstream." .. m), "cstream." .. m, 0) end
-- the metatables of instances (the C streams' metamethods among them)
do
  local samples = {
    stream.Readable.new(), stream.Writable.new(), stream.Duplex.new(),
    stream.Transform.new(), stream.PassThrough.new(),
    stream.EventEmitter.new(), stream.AbortController.new(),
    core.zlib.new(core.zlib.constants.GZIP or 3, {}), core.lines.new(),
  }
  for i, s in ipairs(samples) do walk(getmetatable(s), "instance" .. i .. "<mt>", 0) end
  for _, s in ipairs(samples) do pcall(function() s:destroy() end) end
end
table.sort(targets, function(x, y) return x.name < y.name end)
-- the stream methods (the follow-up calls of a case)
local methods = {}
for _, t in ipairs(targets) do
  if t.name:find("^cstream%.[A-Z][%a]*%.") or t.name:find("^cstream%.fs%.[A-Z]") then
    methods[#methods + 1] = t
  end
end

-- ---- values ------------------------------------------------------------------

local SMT = getmetatable(stream.Readable.new())
local names = {}  -- the value's description, for the report

local function quiet(s)  -- an 'error' listener: errors are expected here
  pcall(function() s:on("error", function() end) end)
  return s
end

local huge = string.rep("x", 1 << 20)
local VALUES = {
  function() return nil, "nil" end,
  function() return true, "true" end,
  function() return false, "false" end,
  function() return 0, "0" end,
  function() return -1, "-1" end,
  function() return 1, "1" end,
  function() return 3, "3" end,
  function() return math.maxinteger, "maxinteger" end,
  function() return math.mininteger, "mininteger" end,
  function() return 0 / 0, "NaN" end,
  function() return 1 / 0, "inf" end,
  function() return -1 / 0, "-inf" end,
  function() return 1.5, "1.5" end,
  function() return -0.0, "-0.0" end,
  function() return 1e300, "1e300" end,
  function() return 2.0 ^ 63, "2^63 (float)" end,
  function() return 2 ^ 53 + 1, "2^53+1" end,
  function() return 65536, "65536" end,
  function() return 0.5, "0.5" end,
  function()
    local up = 0
    return debug.upvalueid(function() return up end, 1), "light userdata"
  end,
  function() return "base64", '"base64"' end,
  function() return "utf16le", '"utf16le"' end,
  function() return "latin1", '"latin1"' end,
  function() return "\xe2\x82", "half a UTF-8 character" end,
  function() return "prefinish", '"prefinish"' end,
  function() return "", '""' end,
  function() return huge, "1MB string" end,
  function() return "\0\255\254binary\0", "binary string" end,
  function() return "utf8", '"utf8"' end,
  function() return "hex", '"hex"' end,
  function() return "data", '"data"' end,
  function() return "error", '"error"' end,
  function() return "end", '"end"' end,
  function() return "close", '"close"' end,
  function() return "readable", '"readable"' end,
  function() return {}, "{}" end,
  function() return { 1, "a", {} }, "{1,'a',{}}" end,
  function() return setmetatable({}, SMT), "table with a stream's metatable" end,
  function()
    return setmetatable({}, getmetatable(stream.Writable.new())), "table with a Writable's metatable"
  end,
  function()
    return setmetatable({}, { __index = function(_, k) error("fuzz: __index " .. tostring(k)) end }),
      "table whose __index raises"
  end,
  function()
    return setmetatable({}, { __index = function() return function() error("fuzz: method") end end }),
      "table whose every field is a raising function"
  end,
  function() return function() error("fuzz: boom") end, "raising function" end,
  function() return function() error({ code = "FUZZ" }) end, "function raising a table" end,
  function() return function(...) return coroutine.yield(...) end, "yielding function" end,
  function() return function() collectgarbage("collect") end, "collecting function" end,
  function() return function(...) return ... end, "identity function" end,
  function()
    return function(_, _, cb) if type(cb) == "function" then cb() end end, "calling-back function"
  end,
  function() return coroutine.create(function() end), "coroutine" end,
  function() return quiet(stream.Readable.new()), "Readable" end,
  function() return quiet(stream.Writable.new()), "Writable" end,
  function() return quiet(stream.Duplex.new()), "Duplex" end,
  function() return quiet(stream.Transform.new()), "Transform" end,
  function() return quiet(stream.PassThrough.new()), "PassThrough" end,
  function() return quiet(stream.Readable.new{ objectMode = true }), "objectMode Readable" end,
  function()
    local s = quiet(stream.PassThrough.new())
    s:destroy()
    return s, "destroyed PassThrough"
  end,
  function()
    local s = quiet(stream.Readable.new())
    s:destroy(errors.new("EFUZZ", "fuzz"))
    return s, "errored Readable"
  end,
  function()
    local s = quiet(stream.Writable.new{ write = function(_, _, _, cb) cb() end })
    s["end"](s)
    return s, "ended Writable"
  end,
  function()
    local s = quiet(stream.Readable.new())
    s:push(nil)
    return s, "ended Readable"
  end,
  function()
    local s = stream.PassThrough.new()
    s:__gc()  -- an explicit __gc frees the C side: every method must say so
    return s, "freed PassThrough (explicit __gc)"
  end,
  function()
    local s = quiet(stream.Duplex.new())
    getmetatable(s).__close(s)
    return s, "closed Duplex (__close)"
  end,
  function()
    local n = 0
    local s = quiet(stream.Readable.new{ read = function(self)
      n = n + 1
      self:push(n < 4 and "x" or nil)
    end })
    s:on("data", function() end)
    return s, "flowing Readable"
  end,
  function()
    local z = core.zlib.new(3, {})
    return z, "zlib handle"
  end,
  function()
    local z = core.zlib.new(3, {})
    z:close()
    return z, "closed zlib handle"
  end,
  function() return core.lines.new(), "line splitter" end,
  function() return stream.EventEmitter.new(), "EventEmitter" end,
  function() return stream.AbortController.new(), "AbortController" end,
  function() return stream.AbortController.new().signal, "AbortSignal" end,
  function()
    local c = stream.AbortController.new()
    c:abort()
    return c.signal, "aborted AbortSignal"
  end,
  function() return errors.new("EFUZZ", "fuzz"), "error table" end,
  function() return uv.new_timer(), "luv timer" end,
  function()
    local t = uv.new_timer()
    t:close()
    return t, "closed luv timer"
  end,
  function() return uv.new_pipe(false), "luv pipe" end,
  function() return io.stdout, "io.stdout" end,
  function()
    local f = io.tmpfile()
    f:close()
    return f, "closed file"
  end,
  function() return string.gmatch("a", "a"), "gmatch iterator" end,
  function() return stream, "the cstream module" end,
  function() return stream.Readable, "the Readable class" end,
  function() return stream.zlib.createGzip(), "Gzip stream" end,
}

local OPTKEYS = { "objectMode", "highWaterMark", "encoding", "defaultEncoding",
  "signal", "read", "write", "writev", "final", "transform", "flush", "destroy",
  "construct", "emitClose", "autoDestroy", "decodeStrings", "allowHalfOpen",
  "readableObjectMode", "writableObjectMode", "readableHighWaterMark",
  "writableHighWaterMark", "end", "fd", "flags", "mode", "start", "level",
  "chunkSize", "windowBits", "dictionary", "concurrency", "stdio", "cwd", "env",
  "args", "highWaterMark", "separator", "keepEnds" }

-- ---- the case ------------------------------------------------------------------

local function rng(seed)
  local state = seed ~= 0 and seed or 1
  return function(n)
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return (state >> 8) % n + 1
  end
end

local function value(r, depth)
  local k = r(#VALUES + 4)
  if k > #VALUES then
    if depth > 1 or k < #VALUES + 3 then
      return VALUES[r(#VALUES)]()
    end
    -- an options table: a few known keys with random values
    local t, desc = {}, {}
    for _ = 1, r(3) do
      local key = OPTKEYS[r(#OPTKEYS)]
      local v, d = value(r, depth + 1)
      if key == "fd" and math.type(v) == "integer" and v >= 0 and v < 65536 then
        -- an fd of the case's own: one the process holds already (stdio,
        -- the loop's epoll fd, 3 here) closed by the stream ends any
        -- program, libuv aborting on its lost fd (seed 572219013)
        v, d = assert(uv.fs_open("/dev/null", "r+", 0)), "fd of /dev/null"
      end
      t[key] = v
      desc[#desc + 1] = key .. "=" .. d
    end
    return t, "{" .. table.concat(desc, ", ") .. "}"
  end
  return VALUES[k]()
end

local function stream_for(r)
  local k = r(5)
  local C = ({ stream.Readable, stream.Writable, stream.Duplex, stream.Transform,
    stream.PassThrough })[k]
  return quiet(C.new()), C.__name or "stream"
end

-- The case for seed: target, arguments, how it is called.
local function build(seed)
  local r = rng(seed)
  local t = targets[r(#targets)]
  local n = r(5) - 1
  local args, desc = { n = n }, {}
  for i = 1, n do
    local v, d
    if i == 1 and r(3) == 1 then v, d = stream_for(r) else v, d = value(r, 1) end
    args[i], desc[i] = v, d
  end
  local how = ({ "direct", "direct", "direct", "tick", "finalizer", "coroutine",
    "callback", "callback" })[r(8)]
  local gc = r(4) == 1
  -- then, half the time, a few stream methods on the same first argument
  -- (state a bad call left behind, met by the next calls)
  local more = {}
  if n > 0 and r(2) == 1 then
    for j = 1, r(4) do
      local m = methods[r(#methods)]
      local k = r(3)
      local margs, mdesc = { n = k + 1, args[1] }, { "same" }
      for i = 2, k + 1 do margs[i], mdesc[i] = value(r, 1) end
      more[j] = { t = m, args = margs, desc = mdesc }
    end
  end
  return t, args, desc, how, gc, more
end

local function describe(t, desc, how, more)
  local out = { ("%s(%s) [%s]"):format(t.name, table.concat(desc, ", "), how) }
  for _, c in ipairs(more or {}) do
    out[#out + 1] = ("%s(%s)"):format(c.t.name, table.concat(c.desc, ", "))
  end
  return table.concat(out, "; then ")
end

-- Is e an error that names what was wrong?  args: the call's arguments;
-- one of them raised back (emit("error", v) with no listener raises v
-- itself: docs/API.md) is the case's own value, not cstream's error.
local function judge(e, args)
  for i = 1, args and args.n or 0 do
    if rawequal(e, args[i]) then return true end
  end
  if type(e) == "table" then
    if e.code == "FUZZ" then return true end
    local m = rawget(e, "message")
    if type(m) == "string" and m ~= "" then return true end
    return false, "error table without a message"
  end
  -- any other value is one the case handed in (an abort reason, say)
  if type(e) ~= "string" then return true end
  if e:find("fuzz: ", 1, true) or e:find("bad argument #", 1, true) then return true end
  -- raised by cstream's own code without naming an argument
  if e:find("attempt to ", 1, true) and not e:find("attempt to yield", 1, true) then
    return false, e
  end
  if e:find("stack overflow", 1, true) or e:find("no integer representation", 1, true)
     or e:find("invalid value", 1, true)
     or e:find("not enough memory", 1, true) then
    return false, e
  end
  return true
end

local function call(t, args, more)
  local res, mres = nil, {}
  local function go()
    res = table.pack(pcall(t.fn, table.unpack(args, 1, args.n)))
    for j, c in ipairs(more) do
      mres[j] = table.pack(pcall(c.t.fn, table.unpack(c.args, 1, c.args.n)))
      if j % 2 == 0 then collectgarbage("step") end
    end
  end
  return go, function() return res, mres end
end

-- Known and left: emit, the one emitter method called per event, checks
-- only that self is a table or userdata (one type() call); a table whose
-- _events field is not a table gets Lua's own "attempt to index" there.
local function known(t, desc)
  return t.name:find("%.emit$") and desc[1] == "table whose every field is a raising function"
end

local function runcase(seed)
  local t, args, desc, how, gc, more = build(seed)
  local go, result = call(t, args, more)
  if how == "direct" then
    go()
  elseif how == "callback" then
    -- inside an implementation function of a stream: the first argument's
    -- own when it is a stream (the case then calls into the stream that is
    -- running it), else a fresh one's
    local host = args[1]
    local mt = getmetatable(host)
    if not (type(mt) == "table" and rawget(mt, "__cstream")) then host = quiet(stream.Duplex.new()) end
    local ran = false
    local function once() if not ran then ran = true go() end end
    pcall(function()
      if type(host.read) == "function" then
        host._read = function() once() end
        host:read(0)
      end
      if not ran and type(host.write) == "function" then
        host._write = function(_, _, _, cb) once() cb() end
        host:write("x")
      end
    end)
    once()
  elseif how == "tick" then
    stream.nextTick(go)
  elseif how == "finalizer" then
    setmetatable({}, { __gc = function() go() end })
    collectgarbage("collect")
  else
    local co = coroutine.create(go)
    local ok, e = coroutine.resume(co)
    if not ok then return false, "coroutine died: " .. tostring(e) end
  end
  -- run what the case queued, for a bounded number of loop turns
  for _ = 1, 3 do
    pcall(stream._drain)
    pcall(uv.run, "nowait")
  end
  if gc then collectgarbage("collect") end
  local res, mres = result()
  if res and not res[1] and not internal(t.name) and not known(t, desc) then
    local ok, why = judge(res[2], args)
    if not ok then return false, why end
  end
  for j, c in ipairs(more) do
    local m = mres[j]
    if m and not m[1] and not internal(c.t.name) and not known(c.t, desc) then
      local ok, why = judge(m[2], c.args)
      if not ok then return false, "call " .. (j + 1) .. ": " .. tostring(why) end
    end
    if m and m[1] then
      for i = 2, m.n do
        local mt = getmetatable(m[i])
        if type(mt) == "table" and rawget(mt, "__cstream") then quiet(m[i]) end
      end
    end
  end
  -- a result stream left without an 'error' listener
  if res and res[1] then
    for i = 2, res.n do
      local mt = getmetatable(res[i])
      if type(mt) == "table" and rawget(mt, "__cstream") then quiet(res[i]) end
    end
  end
  return true
end

if mode == "list" then
  for _, t in ipairs(targets) do print(t.name) end
elseif mode == "show" then
  local t, _, desc, how, _, more = build(tonumber(a1))
  print(describe(t, desc, how, more))
elseif mode == "run" then
  local seed, count = tonumber(a1), tonumber(a2) or 1
  local bad = 0
  for s = seed, seed + count - 1 do
    local t, _, desc, how, _, more = build(s)
    io.stdout:write("start ", s, " ", describe(t, desc, how, more), "\n")
    io.stdout:flush()
    local ok, why = runcase(s)
    if ok then
      io.stdout:write("ok ", s, "\n")
    else
      bad = bad + 1
      io.stdout:write("BAD ", s, ": ", describe(t, desc, how, more), ": ",
        tostring(why):gsub("\n", " | "):sub(1, 400), "\n")
    end
    io.stdout:flush()
  end
  collectgarbage("collect")
  os.exit(bad == 0 and 0 or 1)
else
  io.stderr:write("usage: lua5.4 fuzz/api.lua list | run SEED [COUNT] | show SEED\n")
  os.exit(2)
end
