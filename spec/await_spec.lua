-- stream.await.pipeline/finished/once and stream.async (API.md §9): the
-- coroutine forms of Node's stream/promises and events.once. Expected
-- sequences from test/twins/await/await.js (`node await.js NAME`).
local helper = require("spec.helper")
local twin = require("spec.twin")
local node = twin.run("test/twins/await/await.js")
local stream = require("cstream")
local EventEmitter = require("cstream.events").EventEmitter

local Readable, Writable = stream.Readable, stream.Writable
local PassThrough, Transform = stream.PassThrough, stream.Transform
local AbortController = stream.AbortController
local A = stream.await

local function run() helper.run(5000) end

local function async(fn)
  local done, failure = false, nil
  stream.async(function()
    local ok, err = xpcall(fn, debug.traceback)
    done = true
    if not ok then failure = err end
  end)
  run()
  if failure ~= nil then error(failure, 0) end
  assert.is_true(done, "the coroutine never finished")
end

local function logger()
  local log = {}
  return log, function(...)
    local t = table.pack(...)
    for i = 1, t.n do t[i] = tostring(t[i]) end
    log[#log + 1] = table.concat(t, " ", 1, t.n)
  end
end

local function fmt(e)
  if type(e) == "table" then return e.code or e.message end
  return tostring(e)
end

local function sink(got)
  return Writable.new({ objectMode = true, write = function(_, chunk, _, cb)
    got[#got + 1] = tostring(chunk)
    cb()
  end })
end

-- Runs a Lua chunk in a child helper.LUA (the in-tree modules); returns its
-- stdout+stderr and exit status.
local function child(src)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write('package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path\n')
  f:write(("package.cpath = %q\n"):format(helper.CPATH()))
  f:write(src)
  f:close()
  local out, rc = helper.sh(helper.LUA .. " " .. path .. " 2>&1")
  os.remove(path)
  return out, rc
end

describe("stream.await", function()
  -- twin: pipeline
  it("pipeline returns when done, raises the error, takes a signal, returns the value", function()
    local log, out = logger()
    async(function()
      local got = {}
      local upper = Transform.new({ objectMode = true, transform = function(_, chunk, _, cb)
        cb(nil, chunk:upper())
      end })
      local v = A.pipeline(Readable.from({ "a", "b" }), upper, sink(got))
      out("done", v, table.concat(got, ","))
      local bad = Transform.new({ transform = function(_, _, _, cb) cb({ message = "boom" }) end })
      local ok, e = pcall(A.pipeline, Readable.from({ "a" }), bad, sink({}))
      out("error", ok, fmt(e))
      local ac = AbortController.new()
      local a = PassThrough.new()
      helper.timeout_now(function() ac:abort("stop") end, 1)
      ok, e = pcall(A.pipeline, a, PassThrough.new(), { signal = ac.signal })
      out("abort", ok, e.name, e.code, e.cause, a.destroyed)
      local r = A.pipeline(Readable.from({ "x", "y" }), function(source)
        local n = 0
        for c in source:iter() do n = n + #c end
        return n
      end)
      out("value", r)
    end)
    assert.are.same(node.pipeline, log)
  end)

  -- twin: finished
  it("finished returns when done and raises errors, premature close and aborts", function()
    local log, out = logger()
    async(function()
      local r = Readable.from({ "a" })
      r:resume()
      A.finished(r)
      out("ended", r.readableEnded)
      local p = PassThrough.new()
      helper.timeout_now(function() p:destroy({ message = "boom" }) end, 1)
      local ok, e = pcall(A.finished, p)
      out("error", ok, fmt(e))
      local q = PassThrough.new()
      helper.timeout_now(function() q:destroy() end, 1)
      ok, e = pcall(A.finished, q)
      out("error", ok, fmt(e))
      local ac = AbortController.new()
      local z = PassThrough.new()
      helper.timeout_now(function() ac:abort() end, 1)
      ok, e = pcall(A.finished, z, { signal = ac.signal })
      out("abort", ok, e.name, z.destroyed)
    end)
    assert.are.same(node.finished, log)
  end)

  -- twin: once
  it("once returns the event's values; 'error' first or an abort raises", function()
    local log, out = logger()
    async(function()
      local ee = EventEmitter.new()
      helper.timeout_now(function() ee:emit("foo", 1, 2) end, 1)
      out("values", A.once(ee, "foo"))
      helper.timeout_now(function() ee:emit("error", { message = "boom" }) end, 1)
      local ok, e = pcall(A.once, ee, "foo")
      out("error", ok, fmt(e))
      out("listeners", ee:listenerCount("foo"), ee:listenerCount("error"))
      local ac = AbortController.new()
      helper.timeout_now(function() ac:abort("why") end, 1)
      ok, e = pcall(A.once, ee, "foo", { signal = ac.signal })
      out("abort", ok, e.name, e.code, e.cause)
      out("listeners", ee:listenerCount("foo"), ee:listenerCount("error"))
      helper.timeout_now(function() ee:emit("error", { message = "boom" }) end, 1)
      out("error event", fmt(A.once(ee, "error")))
    end)
    assert.are.same(node.once, log)
  end)

  -- twin: order
  it("stream.async runs fn at once up to its first wait, goes on a microtask after the event", function()
    local log, out = logger()
    local ee = EventEmitter.new()
    stream.async(function(x)
      out("in", x)
      local v = A.once(ee, "go")
      out("after", v)
    end, 1)
    out("called")
    stream.nextTick(function() out("tick") end)
    ee:emit("go", 7)
    out("emitted")
    run()
    assert.are.same(node.order, log)
  end)

  -- twin: onceMicrotasks
  it("once resumes two microtasks after the event, as Node's async once()", function()
    local n, got = 0, nil
    local function step()
      n = n + 1
      if n < 50 then stream.queueMicrotask(step) end
    end
    local ee = EventEmitter.new()
    stream.async(function()
      A.once(ee, "x")
      got = n
    end)
    stream.queueMicrotask(function() ee:emit("x") end)
    stream.queueMicrotask(step)
    run()
    assert.are.same(node.onceMicrotasks, { tostring(got) })
  end)

  it("the await forms raise outside a coroutine; arguments are checked", function()
    local function code(f, ...)
      local ok, e = pcall(f, ...)
      assert.is_false(ok)
      return e.code
    end
    local ee = EventEmitter.new()
    assert.equal("ERR_INVALID_STATE", code(A.once, ee, "x"))
    assert.equal("ERR_INVALID_STATE", code(A.finished, PassThrough.new()))
    assert.equal("ERR_INVALID_STATE", code(A.pipeline, PassThrough.new(), PassThrough.new()))
    assert.equal("ERR_INVALID_ARG_TYPE", code(A.once, 1, "x"))
    assert.equal("ERR_INVALID_ARG_TYPE", code(A.once, ee, "x", { signal = 1 }))
    assert.equal("ERR_INVALID_ARG_TYPE", code(stream.async, 1))
    run()
  end)

  -- twin: abortedAlready
  it("once with a signal aborted already raises at once", function()
    local log, out = logger()
    async(function()
      local ok, e = pcall(A.once, EventEmitter.new(), "x", { signal = stream.AbortSignal.abort("r") })
      out(ok, e.code, e.cause)
    end)
    assert.are.same(node.abortedAlready, log)
  end)

  it("an error escaping stream.async is uncaught, before or after a wait", function()
    local out, rc = child([[
      local stream = require("cstream")
      local uv = require("luv")
      stream.async(function() error("early boom", 0) end)
      print("caller goes on")
      uv.run()
    ]])
    assert.truthy(out:find("caller goes on", 1, true))
    assert.truthy(out:find("early boom", 1, true))
    assert.not_equal(0, rc)
    out, rc = child([[
      local stream = require("cstream")
      local uv = require("luv")
      local ee = stream.EventEmitter.new()
      stream.async(function()
        stream.await.once(ee, "go")
        error("late boom", 0)
      end)
      local t = uv.new_timer()
      t:start(1, 0, function() t:close(); ee:emit("go") end)
      uv.run()
      print("not reached")
    ]])
    assert.truthy(out:find("Uncaught Error: late boom", 1, true))
    assert.falsy(out:find("not reached", 1, true))
    assert.not_equal(0, rc)
  end)

  it("an error raised by an operator's callback is uncaught", function()
    local out, rc = child([[
      local stream = require("cstream")
      local uv = require("luv")
      stream.Readable.from({ 1 }):toArray(function() error("cb boom", 0) end)
      uv.run()
      print("not reached")
    ]])
    assert.truthy(out:find("cb boom", 1, true))
    assert.falsy(out:find("not reached", 1, true))
    assert.not_equal(0, rc)
  end)
end)
