-- AbortController, AbortSignal, addAbortSignal and the signal options of the
-- constructors, finished and pipeline (API.md §9).
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local uv = require("luv")

local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local PassThrough, Readable = stream.PassThrough, stream.Readable

local function recorder()
  local log = {}
  return log, function(c, ...)
    local t = table.pack(...)
    for i = 1, t.n do
      local v = t[i]
      if v == nil then v = "undefined" end
      t[i] = tostring(v)
    end
    log[#log + 1] = c .. ": " .. table.concat(t, " ", 1, t.n)
  end
end

describe("cancellation", function()
  -- test/twins/abort/abort.js: the same program, whole output compared.
  it("controller, signals and the streams' signal options, as Node", function()
    local log, out = recorder()
    do
      local ac = AbortController.new()
      local s = ac.signal
      out("controller", s.aborted)
      s:addEventListener("abort", function() out("controller", "l1", s.aborted, s.reason) end)
      s:addEventListener("abort", function() out("controller", "l2") end)
      ac:abort("why")
      ac:abort("again")
      out("controller", "after", s.reason)
      local ok, e = pcall(s.throwIfAborted, s)
      assert.is_false(ok)
      out("controller", "thrown", e)
    end
    do
      local s = AbortSignal.abort()
      out("default", s.aborted, s.reason.name, s.reason.code, s.reason.message)
    end
    do
      local a, b = AbortController.new(), AbortController.new()
      local s = AbortSignal.any({ a.signal, b.signal })
      s:addEventListener("abort", function() out("any", "abort", s.reason) end)
      out("any", s.aborted)
      b:abort("b")
      a:abort("a")
      out("any", s.reason)
      out("any", AbortSignal.any({ a.signal }).reason)
    end
    do
      local ac = AbortController.new()
      local s = PassThrough.new({ signal = ac.signal })
      s:on("error", function(e) out("ctor", "error", e.name, e.code, e.message, e.cause) end)
      s:on("close", function() out("ctor", "close") end)
      ac:abort("r")
      out("ctor", "destroyed", s.destroyed)
    end
    do
      local r = Readable.new({ read = function() end })
      stream.addAbortSignal(AbortSignal.abort("early"), r)
      out("add", "destroyed", r.destroyed)
      r:on("error", function(e) out("add", "error", e.code, e.cause) end)
      r:on("close", function() out("add", "close") end)
    end
    do
      local ac = AbortController.new()
      local s = PassThrough.new()
      stream.finished(s, { signal = ac.signal }, function(e)
        out("finished", "cb", e.name, e.code, e.cause, s.destroyed)
      end)
      ac:abort("stop")
      out("finished", "sync")
    end
    do
      local ac = AbortController.new()
      local a, b = PassThrough.new(), PassThrough.new()
      a:on("close", function() out("pipeline", "a close") end)
      b:on("close", function() out("pipeline", "b close") end)
      stream.pipeline(a, b, { signal = ac.signal }, function(e)
        out("pipeline", "cb", e.name, e.code, e.cause)
      end)
      ac:abort(42)
    end
    do
      local s = AbortSignal.timeout(5)
      s:addEventListener("abort", function()
        out("timeout", s.reason.name, s.reason.code, s.reason.message)
      end)
      helper.setTimeout(function() out("timeout", "later") end, 30)
    end
    helper.settle()
    assert.same(twin.lines("test/twins/abort/abort.js"), log)
  end)

  it("a timeout signal alone does not keep the loop alive", function()
    local s = AbortSignal.timeout(10000)
    local t0 = uv.now()
    helper.run()
    assert.is_false(s.aborted)
    assert.is_true(uv.now() - t0 < 1000)
    uv.walk(function(h) if not h:is_closing() then h:close() end end)
    uv.run("nowait")
  end)

  it("once, off and removeEventListener", function()
    local ac = AbortController.new()
    local log = {}
    local function a() log[#log + 1] = "a" end
    local function b() log[#log + 1] = "b" end
    ac.signal:once("abort", function() log[#log + 1] = "once" end)
    ac.signal:on("abort", a)
    ac.signal:on("abort", b)
    ac.signal:removeEventListener("abort", a)
    ac:abort()
    assert.same({ "once", "b" }, log)
    assert.equal("AbortError", ac.signal.reason.name)
  end)

  it("a signal already aborted ends finished() with AbortError on the next tick", function()
    local s = PassThrough.new()
    local got
    stream.finished(s, { signal = AbortSignal.abort("x") }, function(e) got = e end)
    assert.is_nil(got)
    helper.settle()
    assert.equal("ABORT_ERR", got.code)
    assert.equal("x", got.cause)
    assert.is_false(s.destroyed)
  end)

  it("a stream that finishes first leaves the signal without listeners", function()
    local ac = AbortController.new()
    local r = Readable.from({ "a" }, { signal = ac.signal })
    r:resume()
    local err = "none"
    stream.finished(r, { signal = ac.signal }, function(e) err = e end)
    helper.settle()
    assert.is_nil(err)
    assert.equal(0, ac.signal:listenerCount("abort"))
  end)

  it("wrong types raise ERR_INVALID_ARG_TYPE at once", function()
    local function code(f, ...)
      local ok, e = pcall(f, ...)
      assert.is_false(ok)
      return e.code
    end
    assert.equal("ERR_INVALID_ARG_TYPE", code(stream.addAbortSignal, 1, PassThrough.new()))
    assert.equal("ERR_INVALID_ARG_TYPE", code(stream.addAbortSignal, AbortSignal.abort(), {}))
    assert.equal("ERR_INVALID_ARG_TYPE", code(PassThrough.new, { signal = {} }))
    assert.equal("ERR_INVALID_ARG_TYPE", code(stream.finished, PassThrough.new(), { signal = 1 }, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", code(stream.pipeline, PassThrough.new(), PassThrough.new(), { signal = true }, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", code(AbortSignal.any, { 1 }))
    assert.equal("ERR_INVALID_ARG_TYPE", code(AbortSignal.timeout, "1"))
  end)

  -- Node's pipelineImpl: function stages share one signal, aborted once the
  -- pipeline is done.
  it("pipeline's function stages get a signal aborted when it is done", function()
    local first, second
    local done = "pending"
    stream.pipeline(function(o)
      first = o.signal
      return { "a", "b" }
    end, function(source, o)
      second = o.signal
      return source
    end, stream.Writable.new({ objectMode = true, write = helper.write_ok }), function(e)
      done = e
    end)
    assert.equal(first, second)
    assert.is_false(first.aborted)
    helper.settle()
    assert.is_nil(done)
    assert.is_true(first.aborted)
  end)

  it("addAbortSignal takes a stream-like emitter too, as Node's isNodeStream", function()
    local ee = stream.EventEmitter.new()
    local got
    function ee.pipe() end
    function ee.destroy(_, err) got = err end
    stream.addAbortSignal(AbortSignal.abort("x"), ee)
    assert.equal("ABORT_ERR", got.code)
    assert.equal("x", got.cause)
  end)

  it("AbortSignal.any holds its composite signals weakly", function()
    local ac = AbortController.new()
    for _ = 1, 100 do AbortSignal.any({ ac.signal }) end
    collectgarbage(); collectgarbage()
    local n = 0
    for _ in pairs(ac.signal._dependents) do n = n + 1 end
    assert.equal(0, n)
  end)
end)

-- test/twins/abort/pipeline-options.js
describe("pipeline options", function()
  it("{ end = false } leaves the last stream open; a signal aborted before fails it", function()
    local log = {}
    local function out(...)
      local t = table.pack(...)
      for i = 1, t.n do t[i] = tostring(t[i]) end
      log[#log + 1] = table.concat(t, " ", 1, t.n)
    end
    stream.async(function()
      local dst = PassThrough.new()
      dst:on("finish", function() out("dst finish") end)
      dst:on("close", function() out("dst close") end)
      stream.await.pipeline(Readable.from({ "a", "b" }), dst, { ["end"] = false })
      out("done", dst.writableEnded, dst.destroyed, dst:read())
      dst:finish("c")
      dst:resume()
      local a = PassThrough.new()
      local ok, e = pcall(stream.await.pipeline, a, PassThrough.new(), { signal = AbortSignal.abort("pre") })
      out("pre", ok, e.name, e.cause, a.destroyed)
    end)
    helper.settle()
    assert.same(twin.lines("test/twins/abort/pipeline-options.js"), log)
  end)
end)
