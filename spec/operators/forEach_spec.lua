-- test-stream-forEach.js (Node 20's test/parallel/), translated; sequences from test/twins/operators/values.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await

local node = twin.run("test/twins/operators/values.js")

describe("forEach", function()
  -- twin: forEach
  it("calls fn for every chunk, in order, waiting or not", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      A.forEach(Readable.from({ 1, 2, 3 }), function(v) out(v) end)
      A.forEach(Readable.from({ 1, 2, 3 }), function(v) helper.sleep(1); out("async", v) end)
      out("done")
    end)
    assert.are.same(node.forEach, log)
  end)

  -- twin: forEachAbort
  it("with concurrency 2 and a signal: two calls, then AbortError", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local ac = AbortController.new()
      local calls = 0
      helper.timeout_now(function()
        out("calls", calls)
        ac:abort()
      end, 5)
      local ok, e = pcall(A.forEach, Readable.from({ 1, 2, 3, 4 }), function(_, o)
        calls = calls + 1
        helper.once_abort(o.signal)
      end, { signal = ac.signal, concurrency = 2 })
      out(ok, e.name, e.code)
    end)
    assert.are.same(node.forEachAbort, log)
  end)

  -- twin: forEachErrors
  it("an error raised by fn, or emitted by the stream, is the result", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 })
      local ok, e = pcall(A.forEach, s, function(x) if x == 3 then error({ message = "boom" }) end end)
      out(ok, helper.errtext(e))
      helper.sleep(1)
      out("destroyed", s.destroyed)
      s = Readable.from({ 1, 2, 3, 4, 5 })
      ok, e = pcall(A.forEach, s, function(x)
        if x == 3 then s:emit("error", { message = "boom" }) end
      end)
      out(ok, helper.errtext(e))
    end)
    assert.are.same(node.forEachErrors, log)
  end)

  it("callback form: cb(nil) once done, arguments checked at once", function()
    local log, out = helper.line_recorder()
    local r = Readable.from({ 1, 2 })
    r:forEach(function(v) out(v) end, function(err, v) out("cb", err, v) end)
    helper.run(5000)
    assert.same({ "1", "2", "cb nil nil" }, log)
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.forEach, r, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.forEach, r, function() end, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.forEach, r, function() end))
  end)
end)
