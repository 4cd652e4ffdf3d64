-- test-stream-reduce.js (Node 20's test/parallel/), translated; sequences from test/twins/operators/values.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await

local node = twin.run("test/twins/operators/values.js")

describe("reduce", function()
  -- twin: reduce
  it("reduces as Array.prototype.reduce, with or without an initial value", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local function sum(p, c) return p + c end
      out(A.reduce(Readable.from({}), sum, 0))
      out(A.reduce(Readable.from({ 1, 2, 3, 4, 5 }), sum, 0))
      out(A.reduce(Readable.from({ "a", "b", "c" }), function(p, c) return p .. c end, ""))
      out(A.reduce(Readable.from({ 1, 2 }), sum))
      out(A.reduce(Readable.from({ 1, 2, 3 }), function(_, y) return y end))
      out(A.reduce(Readable.from({ 1, 2, 3 }), function(p, c) helper.sleep(1); return p + c end))
      local ok, e = pcall(A.reduce, Readable.from({}), sum)
      out(ok, e.code, e.message)
    end)
    assert.are.same(node.reduce, log)
  end)

  -- twin: reduceLazy
  it("reads lazily: two chunks consumed and one buffered by map", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local calls = 0
      local ok, e = pcall(A.reduce, Readable.from({ 1, 2, 3, 4, 5, 6 }):map(function(x)
        calls = calls + 1
        return x
      end), function(p, c)
        if p == 1 then error({ message = "boom" }) end
        return c
      end, 0)
      out(ok, helper.errtext(e))
      out("calls", calls)
    end)
    assert.are.same(node.reduceLazy, log)
  end)

  -- twin: reduceAbort
  it("a signal aborts it; one aborted already destroys the stream", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local ac = AbortController.new()
      stream.nextTick(function() ac:abort() end)
      local ok, e = pcall(A.reduce, Readable.from({ 1, 2, 3 }), function(p, c)
        if c == 3 then coroutine.yield() end -- never resumed
        return p
      end, 0, { signal = ac.signal })
      out(ok, e.name)
      local s = Readable.from({ 1, 2, 3 })
      ok, e = pcall(A.reduce, s, function(p) return p end, 0, { signal = AbortSignal.abort("pre") })
      out(ok, e.name, e.cause, s.destroyed)
    end)
    assert.are.same(node.reduceAbort, log)
  end)

  it("callback form: the initial value by position, a nil one is none", function()
    local log, out = helper.line_recorder()
    local function sum(p, c) return p + c end
    Readable.from({ 1, 2 }):reduce(sum, 10, function(err, v) out("a", err, v) end)
    Readable.from({ 1, 2 }):reduce(sum, nil, function(err, v) out("b", err, v) end)
    Readable.from({ 1, 2 }):reduce(sum, 5, {}, function(err, v) out("c", err, v) end)
    Readable.from({ 1, 2 }):reduce(sum, function(err, v) out("d", err, v) end)
    helper.run(5000)
    table.sort(log)
    assert.same({ "a nil 13", "b nil 3", "c nil 8", "d nil 3" }, log)
    local r = Readable.from({})
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.reduce, r, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.reduce, r, sum, 0, 1, function() end))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.reduce, r, sum, 0, { signal = true }, function() end))
    r:destroy()
    helper.run(5000)
  end)
end)
