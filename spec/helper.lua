-- Shared utilities for the busted specs: `local helper = require("spec.helper")`.
-- Running the loop (run, settle, guard), recording events (recorder, put, on,
-- record), printing errors as the JS twins do (errcode, errtext), Node's
-- timers on luv, and fd/file helpers. Specs call them by these names
-- (`helper.settle()`), never rebound under names of their own.
--
-- Assert after helper.run(), not inside callbacks: an error raised inside a luv
-- callback makes luv print "Uncaught Error" and exit the whole busted process.
-- Record what happens (helper.recorder) and compare the record afterwards, or wrap
-- a callback that must check something in helper.guard.
-- A handle closed but never run through the loop again makes luv 1.44 crash
-- when the process exits: end a spec that closes handles with helper.run().

local uv = require("luv")
-- busted's assert: a required module sees Lua's own assert, not the specs' one.
local luassert = require("luassert")

local helper = {}

local caught -- first error caught by a guarded function since the last run()

-- Returns a function that calls fn(...) and, if it raises, keeps the first error
-- and stops the loop instead of letting luv exit; helper.run() re-raises it.
function helper.guard(fn)
  return function(...)
    local ok, err = xpcall(fn, debug.traceback, ...)
    if not ok then
      if caught == nil then caught = err end
      uv.stop()
    end
  end
end

local function close_all()
  uv.walk(function(h)
    if not h:is_closing() then h:close() end
  end)
  uv.run("nowait")
end

-- Runs the luv loop until nothing keeps it alive (uv.run() returns). Fails if
-- that takes longer than timeout_ms (default 2000), and re-raises the first
-- error a guarded function caught. Either way the handles still open are then
-- closed, so that the next spec starts clean.
function helper.run(timeout_ms)
  -- Sanitizer and valgrind runs are slower: they scale every deadline.
  timeout_ms = (timeout_ms or 2000) * (tonumber(os.getenv("SPEC_TIME_SCALE")) or 1)
  local timed_out = false
  local timer = uv.new_timer()
  timer:start(timeout_ms, 0, function()
    timed_out = true
    uv.stop()
  end)
  timer:unref() -- the safety timer alone does not keep the loop alive
  uv.run()
  timer:close()
  uv.run("nowait") -- let the close callbacks (the timer's included) run
  local err = caught
  caught = nil
  if timed_out then
    local _, names = helper.open_handles()
    close_all()
    error(("loop still busy after %d ms; open handles: %s")
      :format(timeout_ms, table.concat(names, ", ")), 2)
  elseif err ~= nil then
    close_all()
    error(err, 0)
  end
end

-- An event log. rec:fn(name) returns a listener that appends name to rec.events
-- (as a plain string when called without arguments, else as {name, args...}).
local Recorder = {}
Recorder.__index = Recorder

function Recorder:fn(name)
  local events = self.events
  return function(...)
    if select("#", ...) == 0 then
      events[#events + 1] = name
    else
      events[#events + 1] = { name, ... }
    end
  end
end

-- The recorded names only, for specs that compare the order of events.
function Recorder:names()
  local out = {}
  for i, e in ipairs(self.events) do
    out[i] = type(e) == "table" and e[1] or e
  end
  return out
end

function helper.recorder()
  return setmetatable({ events = {} }, Recorder)
end

-- Counts the luv handles still open (not closing) and returns the count and
-- their type names. Stopped idle/prepare/check handles are left out: the loop
-- glue may keep one parked, and a stopped one keeps nothing alive.
local parked = { idle = true, prepare = true, check = true }

function helper.open_handles()
  local names = {}
  uv.walk(function(h)
    local kind = uv.handle_get_type(h)
    if not h:is_closing() and not (parked[kind] and not h:is_active()) then
      names[#names + 1] = kind
    end
  end)
  table.sort(names)
  return #names, names
end

-- helper.run() that also fails when a handle is left open: the way most
-- specs end.
function helper.settle(timeout_ms)
  helper.run(timeout_ms)
  local n, names = helper.open_handles()
  luassert.are.equal(0, n, "handles left open: " .. table.concat(names, ", "))
end

-- ---- logs ------------------------------------------------------------------

-- Appends each argument to log (a nil argument appends nothing).
local function put(log, ...)
  for i = 1, select("#", ...) do log[#log + 1] = (select(i, ...)) end
end
helper.put = put

-- Returns log, L: each L(...) appends its arguments, tostring'd and joined by
-- spaces, as one entry of log.
function helper.line_recorder()
  local log = {}
  return log, function(...)
    local t = table.pack(...)
    for i = 1, t.n do t[i] = tostring(t[i]) end
    log[#log + 1] = table.concat(t, " ", 1, t.n)
  end
end

-- Cases whose sequences come from a JS twin: cases is { { name, desc, fn(L)
-- }, ... }, node what spec.twin read for the twin at source (its .js path).
-- twin_cases adds one `it` "name: desc" per case: fn records through L, the
-- loop settles, and the log must be node[name]. before(c), when given, runs
-- first in each case; it is the spec's own function, so it can call busted's
-- finally() and pending(), which a required module does not see.
-- twin_covers adds the `it` checking node printed a sequence for every case.
function helper.twin_cases(cases, node, source, before)
  local it = require("busted").it
  local expected_file = source:gsub("%.js$", ".expected")
  for _, c in ipairs(cases) do
    local name, fn = c[1], c[3]
    it(name .. ": " .. c[2], function()
      if before then before(c) end
      local expected = node[name]
      luassert(expected, "no sequence for " .. name .. " in " .. expected_file)
      local log, L = helper.line_recorder()
      fn(L)
      helper.settle()
      luassert.are.same(expected, log)
    end)
  end
end

function helper.twin_covers(cases, node)
  require("busted").it("node v20 printed a sequence for every case above", function()
    for _, c in ipairs(cases) do
      luassert.is_table(node[c[1]], c[1])
    end
  end)
end

-- ---- errors as the JS twins print them --------------------------------------
--   errcode(e)        a table's code; anything else (or a table without a code)
--                     comes back as is, nil included
--   errtext(e, none)  always a string: none (default "nil") for no error; a
--                     table's code, else its message, else tostring(e)

function helper.errcode(e)
  return type(e) == "table" and e.code or e
end

function helper.errtext(e, none)
  if e == nil then return none or "nil" end
  if type(e) == "table" and e.code then return e.code end
  if type(e) == "table" and e.message then return e.message end
  return tostring(e)
end

-- A user error value: cstream passes it through unchanged.
function helper.E(msg) return { message = msg } end

-- Records the named events of s into log: each as its name, 'error' as
-- "error:" .. helper.errtext(err, none).
local function listen(s, log, names, none)
  for _, name in ipairs(names) do
    if name == "error" then
      s:on("error", function(err) put(log, "error:" .. helper.errtext(err, none)) end)
    else
      s:on(name, function() put(log, name) end)
    end
  end
end

-- on(s, log, name...): the listed events, a missing error as "error:nil".
function helper.on(s, log, ...)
  listen(s, log, { ... }, "nil")
end

-- record(s, log, names): the events in the list names (default 'end',
-- 'finish', 'close', 'error'), a missing error as "error:null".
local ALL = { "end", "finish", "close", "error" }
function helper.record(s, log, names)
  listen(s, log, names or ALL, "null")
end

-- read() results as the twins print them: "null" for nil.
function helper.nullstr(c)
  if c == nil then return "null" end
  return tostring(c)
end

function helper.hex(s)
  return (s:gsub(".", function(c) return ("%02x"):format(c:byte()) end))
end

-- n copies of v, then the items of the list tail if given.
function helper.rep(v, n, tail)
  local t = {}
  for i = 1, n do t[i] = v end
  if tail then for _, x in ipairs(tail) do t[#t + 1] = x end end
  return t
end

-- ---- stream stand-ins --------------------------------------------------------

function helper.noop() end

-- A _write that accepts every chunk at once.
function helper.write_ok(_, _, _, cb) cb() end

-- The entries of first, then those of rest, in a new list (event names for
-- helper.watch: with({ "data" }, ALL)).
function helper.with(first, rest)
  local t = {}
  for _, v in ipairs(first) do t[#t + 1] = v end
  for _, v in ipairs(rest) do t[#t + 1] = v end
  return t
end

-- "readable=<bool> writable=<bool>": which sides of the Duplex d are on.
function helper.sides(d)
  return "readable=" .. tostring(d.readable) .. " writable=" .. tostring(d.writable)
end

-- A Readable that gives "asd", then ends.
function helper.push_asd()
  return require("cstream").Readable.new({ read = function(self) self:push("asd"); self:push(nil) end })
end

-- A Writable that appends each chunk it is given to out.
function helper.writer(out)
  return require("cstream").Writable.new({ write = function(_, chunk, _, cb)
    out[#out + 1] = chunk
    cb()
  end })
end

-- Node's `async function*(source) { for await (c of source) yield f(c) }`.
function helper.map_stage(f)
  return function(source)
    return coroutine.wrap(function()
      for chunk in source:iter() do coroutine.yield(f(chunk)) end
    end)
  end
end

-- ---- the loop: ticks and timers -----------------------------------------------
-- Two families, not to be mixed up. setTimeout/setImmediate start their luv
-- timer from a tick and guard fn; timeout_now/check_immediate start a handle
-- at once and leave fn unguarded.

-- process.nextTick with fn guarded.
function helper.nextTick(fn, ...)
  require("cstream").nextTick(helper.guard(fn), ...)
end

-- Node's setTimeout: a luv timer that closes itself, then calls fn(...)
-- guarded. It is started from a tick because Node runs every tick the main
-- script queued before any timer, while a luv timer already due when uv.run()
-- starts may fire before cstream's first drain (API.md section 1 allows that
-- for the user's handles). ms is required: the specs that brought this helper
-- here disagreed on its default (0 or 1) and none relied on one.
function helper.setTimeout(fn, ms, ...)
  if ms == nil then error("setTimeout: ms is required", 2) end
  local args = table.pack(...)
  require("cstream").nextTick(function()
    local t = uv.new_timer()
    -- Wrapped, so the ticks fn queues run before the next callback, as Node
    -- drains its tick queue after each timer: two timers due in the same
    -- loop pass (a slow run, valgrind) must not run back to back.
    t:start(ms, 0, require("cstream")._wrapcb(function()
      t:close()
      helper.guard(fn)(table.unpack(args, 1, args.n))
    end))
  end)
end

-- Node's setImmediate as a 0 ms helper.setTimeout: after the queued ticks.
function helper.setImmediate(fn, ...)
  helper.setTimeout(fn, 0, ...)
end

-- A luv timer started now (not from a tick) that closes itself, then calls
-- fn() unguarded.
function helper.timeout_now(fn, ms)
  local t = uv.new_timer()
  t:start(ms, 0, function()
    t:close()
    fn()
  end)
end

-- Node's setImmediate as a check handle: it runs after the loop has drained
-- the tick queue (idle phase), as Node runs immediates after nextTicks; an
-- idle handle keeps the poll phase from blocking meanwhile, as in Node. fn
-- is called unguarded.
function helper.check_immediate(fn)
  local check, idle = uv.new_check(), uv.new_idle()
  idle:start(function() end)
  check:start(function()
    check:close()
    idle:close()
    fn()
  end)
end

-- Suspends the running coroutine for ms milliseconds (Node's `await tick()`),
-- on a helper.timeout_now timer.
function helper.sleep(ms)
  local co = coroutine.running()
  helper.timeout_now(function()
    -- Destroying a Readable.from closes the coroutine of its iterator.
    if coroutine.status(co) ~= "suspended" or require("cstream.compat").closed(co) then
      return
    end
    local ok, err = coroutine.resume(co)
    if not ok then error(err, 0) end
  end, ms)
  coroutine.yield()
end

-- ---- coroutines: Node's async functions ---------------------------------------

-- Runs fn in a coroutine (Node's async function), then the loop (helper.run,
-- default 5000 ms); fails if fn raised or never returned.
function helper.async(fn, timeout_ms)
  local done, failure = false, nil
  local co = coroutine.create(function()
    local ok, err = xpcall(fn, debug.traceback)
    done = true
    if not ok then failure = err end
  end)
  local ok, err = coroutine.resume(co)
  if not ok then error(err, 0) end
  helper.run(timeout_ms or 5000)
  if failure ~= nil then error(failure, 0) end
  luassert.is_true(done, "the coroutine never finished")
end

-- An error's message: a table's .message, anything else tostring'd.
function helper.message(err)
  if type(err) == "table" then return err.message end
  return tostring(err)
end

-- Node's async function whose outcome is logged: body runs in a coroutine,
-- started at once; "done" goes to log when it returns, "rejected:<code or
-- message>" when it raises (Node's .then/.catch).
function helper.async_log(log, body)
  local co = coroutine.create(function()
    local ok, err = pcall(body)
    if ok then
      helper.put(log, "done")
    else
      helper.put(log, "rejected:" .. tostring(helper.errcode(err) or helper.message(err)))
    end
  end)
  local ok, err = coroutine.resume(co)
  luassert(ok, err)
end

-- Node's `await null` inside an async function: suspends the running
-- coroutine until the next tick.
function helper.tick()
  local co = coroutine.running()
  require("cstream").nextTick(function() assert(coroutine.resume(co)) end)
  coroutine.yield()
end

-- Waits for the signal's 'abort' (Node's `await once(signal, 'abort')`).
function helper.once_abort(signal)
  local co = coroutine.running()
  signal:once("abort", function() coroutine.resume(co) end)
  coroutine.yield()
end

-- Calls f(...), which must raise; returns the error's code (a string error
-- as it is).
function helper.raises(f, ...)
  local ok, e = pcall(f, ...)
  luassert.is_false(ok, "expected an error")
  return helper.errcode(e)
end

-- Runs fn(...) and logs (through L) what it raised as
-- "<prefix>throw:<errtext>", or "<prefix>ok".
function helper.throws(L, prefix, fn, ...)
  local ok, e = pcall(fn, ...)
  if ok then L(prefix .. "ok") else L(prefix .. "throw:" .. helper.errtext(e)) end
end

-- The items of t joined by commas.
function helper.join(t) return table.concat(t, ",") end

-- Lua 5.4's to-be-closed variables: a generic for closes its fourth value
-- when the loop is left by break or an error (how r:iter() destroys the
-- stream), and coroutine.close closes a suspended coroutine's (how destroy()
-- ends a generator stage). Specs that rely on either run on 5.4 only (LuaJIT
-- and 5.3 have neither) and go pending elsewhere.
helper.TBC = _VERSION >= "Lua 5.4"

-- fn with a to-be-closed variable around its body whose __close calls
-- on_close: a generator body that logs when it is closed. Lua 5.4 only
-- (helper.TBC); the <close> is compiled at run time so that this file
-- still parses on 5.3 and LuaJIT.
function helper.closing(fn, on_close)
  assert(helper.TBC, "helper.closing needs Lua 5.4's to-be-closed variables")
  return assert(load([[
    local fn, on_close = ...
    return function(...)
      local _ <close> = setmetatable({}, { __close = function() on_close() end })
      return fn(...)
    end
  ]]))(fn, on_close)
end

-- ---- stream stand-ins, continued ---------------------------------------------

-- The twins' watch: logs (through L) the named events of s, 'data' as
-- data:<chunk>, 'error' as error:<errtext>, others by name. Returns s.
function helper.watch(s, L, names)
  for _, ev in ipairs(names) do
    if ev == "data" then
      s:on("data", function(c) L("data:" .. tostring(c)) end)
    elseif ev == "error" then
      s:on("error", function(e) L("error:" .. helper.errtext(e)) end)
    else
      s:on(ev, function() L(ev) end)
    end
  end
  return s
end

-- Node's legacy `new Stream()`: an emitter whose pipe() forwards 'data' to
-- dest (pausing on a false write) and ends it on 'end' unless opts["end"] is
-- false; pause() and resume() do nothing.
function helper.legacy_stream()
  local s = require("cstream.events").EventEmitter.new()
  function s.pipe(src, dest, opts)
    src:on("data", function(chunk)
      if dest:write(chunk) == false then src:pause() end
    end)
    if not (opts and opts["end"] == false) then
      src:on("end", function() dest:finish() end)
    end
    return dest
  end
  function s.pause() end
  function s.resume() end
  return s
end

-- Readable.from over 1, 2, 3, ... (never ends).
function helper.naturals()
  local i = 0
  return require("cstream").Readable.from(function()
    i = i + 1
    return i
  end)
end

-- An iterator function over items that first waits 1 ms, like
-- `async function*() { await tick(); yield ...items }`.
function helper.slow_items(items)
  return function()
    local i = 0
    return function()
      if i == 0 then helper.sleep(1) end
      i = i + 1
      return items[i]
    end
  end
end

-- Records data, end, finish, close and error of s into rec (a new table when
-- nil), as zlib's specs compare them: "data:<chunk length>",
-- "error:<code>:<errno>:<message>", else the event's name. Returns rec.
function helper.record_sizes(s, rec)
  rec = rec or {}
  for _, name in ipairs({ "data", "end", "finish", "close", "error" }) do
    s:on(name, function(a)
      if name == "data" then
        rec[#rec + 1] = "data:" .. #a
      elseif name == "error" then
        rec[#rec + 1] = ("error:%s:%s:%s"):format(tostring(a.code),
          tostring(a.errno), tostring(a.message))
      else
        rec[#rec + 1] = name
      end
    end)
  end
  return rec
end

-- Keeps the chunks s emits; the function returned gives them joined so far.
function helper.collect(s)
  local parts = {}
  s:on("data", function(c) parts[#parts + 1] = c end)
  return function() return table.concat(parts) end
end

-- Node's `async function(source) { for await (c of source) res += c }`:
-- the chunks land in out.
function helper.concat_sink(out)
  return function(source)
    for chunk in source:iter() do out[#out + 1] = chunk end
  end
end

-- n deterministic bytes from seed (default 1), by a linear congruential
-- generator; text = true keeps them to "a".."h", which compresses well.
function helper.bytes(n, seed, text)
  local t, x = {}, seed or 1
  for i = 1, n do
    -- x * 1103515245 in two halves, exact in a double (LuaJIT) as in integers
    x = (x * 20077 + (x * 16838) % 32768 * 65536 + 12345) % 2147483648
    local b = math.floor(x / 65536) % 256
    if text then b = 97 + b % 8 end
    t[i] = string.char(b)
  end
  return table.concat(t)
end
-- ---- the interpreter under test -------------------------------------------------

-- `make test LUA=lua5.3|luajit` runs every spec, and every child a spec
-- starts, with one interpreter: helper.LUA is that command (LUA's last word,
-- so a valgrind line gives the bare interpreter), else the one running this.
local running_lua = rawget(_G, "jit") and "luajit"
  or (_VERSION == "Lua 5.3" and "lua5.3") or "lua5.4"
helper.LUA = (os.getenv("LUA") or ""):match("(%S+)%s*$") or running_lua
if helper.LUA:find("/", 1, true) == nil and helper.LUA ~= running_lua then
  helper.LUA = running_lua -- LUA names another interpreter than this one
end
-- What the interpreter has: integer subtypes (not LuaJIT); helper.TBC above.
helper.JIT = rawget(_G, "jit") ~= nil
-- The suffix of its LUA_PATH/LUA_CPATH variables (LuaJIT reads the bare ones).
helper.ENV_SUFFIX = helper.JIT and "" or ("_" .. _VERSION:match("%d+%.%d+"):gsub("%.", "_"))

-- "LUA_PATH_5_4='path' LUA_CPATH_5_4='cpath'" for a child's command line,
-- with this interpreter's variable names.
function helper.lua_env(path, cpath)
  local sfx = helper.ENV_SUFFIX
  return ("LUA_PATH%s='%s' LUA_CPATH%s='%s'"):format(sfx, path, sfx, cpath)
end

-- Runs a shell command; returns its output (stdout, and stderr when the
-- command redirects it) and exit status. LuaJIT's popen():close() gives no
-- status, so the shell prints it last.
function helper.sh(cmd)
  local p = assert(io.popen("(" .. cmd .. "\n)\nprintf '\\n%d' $?"))
  local out = p:read("a")
  p:close()
  local body, rc = out:match("^(.*)\n(%d+)$")
  return body, tonumber(rc)
end

-- Runs the Lua chunk `prelude .. src` in a child helper.LUA with this
-- process's module paths (passed on, not inherited: `luarocks test` sets
-- none); returns its stdout+stderr and exit code. For what ends a process
-- (an uncaught error) or must not share this one's heap (finalizer storms).
function helper.child(src, prelude)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(prelude or "", src)
  f:close()
  local out, rc = helper.sh(("%s %s %s 2>&1")
    :format(helper.lua_env(package.path, package.cpath), helper.LUA, path))
  os.remove(path)
  return out, rc
end

-- os.execute's three results (ok, "exit"|"signal", code) on every Lua:
-- LuaJIT returns the wait status alone.
function helper.execute(cmd)
  local a, how, code = os.execute(cmd)
  if type(a) == "number" then
    if a % 256 == 0 then
      code = math.floor(a / 256)
      return code == 0 or nil, "exit", code
    end
    return nil, "signal", a % 128
  end
  return a, how, code
end

-- The module paths of this process (busted's --cpath first), for children
-- that must load the same build: helper.CPATH(root) makes "./" entries
-- absolute, for a child that runs elsewhere.
function helper.CPATH(root)
  if not root then return package.cpath end
  return (package.cpath:gsub("%f[^;%z]%./", root .. "/"))
end

-- The collector on every Lua, for specs that make finalizers run inside
-- operations. gcIncremental(pause, stepmul[, stepsize]) is 5.4's
-- collectgarbage("incremental", ...) (setpause/setstepmul before 5.4);
-- finalized(fn) makes garbage whose finalizer calls fn (a proxy userdata
-- on LuaJIT, whose tables have no __gc). helper.GC_PRELUDE defines both as
-- locals, for the source of a child process.
helper.GC_PRELUDE = [=[
local function gcIncremental(pause, stepmul, stepsize)
  if _VERSION >= "Lua 5.4" then return collectgarbage("incremental", pause, stepmul, stepsize) end
  collectgarbage("setpause", pause)
  collectgarbage("setstepmul", stepmul)
end
local function finalized(fn)
  if newproxy then
    local p = newproxy(true)
    getmetatable(p).__gc = fn
    return p
  end
  return setmetatable({}, { __gc = fn })
end
]=]
helper.gc_incremental, helper.finalized =
  load(helper.GC_PRELUDE .. "return gcIncremental, finalized")()

-- `for c in r:iter(opts) do if fn(c) == false then break end end`: the
-- generic for on 5.4, whose closing value destroys the stream when the loop
-- is left early; r:each(fn, opts), the documented way that does the same,
-- where the for has none (5.3, LuaJIT). Returns each's result.
function helper.iterate(r, fn, opts)
  if not helper.TBC then return r:each(fn, opts) end
  for c in r:iter(opts) do
    if fn(c) == false then return false end
  end
  return true
end

-- Integer division for specs that run on LuaJIT (no //).
function helper.idiv(a, b) return math.floor(a / b) end

-- ---- files and descriptors ---------------------------------------------------

-- libuv's first stream handle in a loop opens a spare fd (/dev/null, its
-- EMFILE reserve) that lives as long as the loop: call this at load time,
-- before the first fdcount(), so that the reserve is not counted as a leak.
function helper.open_fd_reserve()
  local h = uv.new_pipe(false)
  h:close()
  uv.run("nowait")
end

-- Entries of /proc/self/fd: equal before and after a spec means no fd leaked.
function helper.fdcount()
  local req = assert(uv.fs_scandir("/proc/self/fd"))
  local n = 0
  while uv.fs_scandir_next(req) do n = n + 1 end
  return n
end

function helper.readfile(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

function helper.writefile(path, data)
  local f = assert(io.open(path, "wb"))
  f:write(data)
  f:close()
end

-- Removes dir, a scratch directory a spec made (uv.fs_mkdtemp), with the
-- files in it (no subdirectories).
function helper.remove_dir(dir)
  local req = uv.fs_scandir(dir)
  while req do
    local name = uv.fs_scandir_next(req)
    if not name then break end
    os.remove(dir .. "/" .. name)
  end
  uv.fs_rmdir(dir)
end

return helper
