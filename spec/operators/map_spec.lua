-- test-stream-map.js (Node 20's test/parallel/), translated; expected sequences from test/twins/operators/map.js. See spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await
local twin = require("spec.twin")
local node = twin.run("test/twins/operators/map.js")

describe("map", function()
  -- twin: sync_waiting_chained
  it("maps synchronously, waiting, and chained", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      out(helper.join(A.toArray(Readable.from({ 1, 2, 3, 4, 5 }):map(function(x) return x + x end))))
      out(helper.join(A.toArray(Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        helper.sleep(1)
        return x + x
      end))))
      out(helper.join(A.toArray(Readable.from({ 1, 2, 3, 4, 5 })
        :map(function(x) return x + x end):map(function(x) return x + x end))))
    end)
    assert.are.same(node.sync_waiting_chained, log)
  end)

  -- twin: readahead
  it("calls fn one chunk ahead of the consumer", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        out("fn", x)
        return x * 10
      end)
      for v in s:iter() do out("got", v) end
      out("done")
    end)
    assert.are.same(node.readahead, log)
  end)

  -- twin: readahead2
  it("with concurrency 2 runs fn up to three chunks ahead", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        out("fn", x)
        helper.sleep(1)
        return x * 10
      end, { concurrency = 2 })
      for v in s:iter() do out("got", v) end
      out("done")
    end)
    assert.are.same(node.readahead2, log)
  end)

  -- twin: infinite
  it("stops an infinite source when the consumer breaks, one call ahead", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local calls = 0
      local src = helper.naturals()
      local s = src:map(function() calls = calls + 1; return 2 end)
      local i = 1
      helper.iterate(s, function(item)
        out(item)
        i = i + 1
        if i == 5 then return false end -- break
      end)
      helper.sleep(1)
      out("calls", calls, "destroyed", s.destroyed, src.destroyed)
    end)
    assert.are.same(node.infinite, log)
  end)

  -- twin: bytes
  it("reads a byte stream as for-await does", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local src = Readable.new({ read = function(self)
        self:push("a"); self:push("b"); self:push(nil)
      end })
      for v in src:map(function(x) return x .. "!" end):iter() do out(v) end
    end)
    assert.are.same(node.bytes, log)
  end)

  -- twin: dataEvents
  it("does not care about 'data' emitted on the mapped stream", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local src = Readable.new({ read = function(self)
        self:push("a"); self:push("b"); self:push(nil)
      end })
      local s = src:map(function(x) return x .. "!" end):map(function(x) return x .. "?" end)
      helper.check_immediate(function() s:emit("data", "bogus") end)
      for v in s:iter() do out(v) end
    end)
    assert.are.same(node.dataEvents, log)
  end)

  -- twin: throwing
  it("an error raised by fn fails the chain and destroys the source", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local src = Readable.from({ 1, 2, 3, 4, 5 })
      local seen = {}
      local s = src:map(function(x)
        seen[#seen + 1] = x
        if x == 3 then error({ message = "boom" }) end
        return x + x
      end)
      local ok, e = pcall(A.toArray, s:map(function(x) return x + x end))
      out(ok, helper.errtext(e))
      helper.sleep(1)
      out("seen", helper.join(seen), "destroyed", s.destroyed, src.destroyed)
    end)
    assert.are.same(node.throwing, log)
  end)

  -- twin: emitted
  it("an 'error' emitted on the mapped stream fails what reads it", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local s
      s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(x)
        if x == 3 then s:emit("error", { message = "boom" }) end
        return x + x
      end)
      local ok, e = pcall(A.toArray, s:map(function(x) return x + x end))
      out(ok, helper.errtext(e))
    end)
    assert.are.same(node.emitted, log)
  end)

  -- twin: abort
  it("gives fn a signal that aborts with opts.signal", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local ac = AbortController.new()
      local calls = 0
      local s = Readable.from({ 1, 2, 3, 4, 5 }):map(function(_, o)
        calls = calls + 1
        helper.once_abort(o.signal)
        error(o.signal.reason, 0)
      end, { signal = ac.signal, concurrency = 2 })
      helper.timeout_now(function() ac:abort() end, 5)
      local ok, e = pcall(function()
        for item in s:iter() do out("got", item) end
      end)
      out(ok, e.name, e.code)
      out("calls", calls)
    end)
    assert.are.same(node.abort, log)
  end)

  -- twin: order
  it("keeps the source's order whatever order fn finishes in", function()
    local got
    helper.async(function()
      got = A.toArray(Readable.from({ 1, 2 }):map(function(item)
        helper.sleep(10 - item * 4)
        return item
      end, { concurrency = 2 }))
    end)
    assert.are.same(node.order, twin.strings(got))
  end)

  it("drops the chunks for which fn returns nil (Lua has no undefined)", function()
    local got
    helper.async(function()
      got = A.toArray(Readable.from({ 1, 2, 3, 4 }):map(function(x)
        if x % 2 == 0 then return x end
      end))
    end)
    assert.same({ 2, 4 }, got)
  end)

  it("checks its arguments at once", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.map, r, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.map, r, function(x) return x end, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.map, r, function(x) return x end, { concurrency = "Foo" }))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.map, r, function(x) return x end, { signal = true }))
    assert.equal("ERR_OUT_OF_RANGE", helper.raises(r.map, r, function(x) return x end, { concurrency = 0 }))
    assert.equal("ERR_OUT_OF_RANGE", helper.raises(r.map, r, function(x) return x end, { highWaterMark = -1 }))
    r:destroy()
    helper.run(5000)
  end)

  -- node: Readable.from([1]).map(fn).readable is true
  it("returns a Readable", function()
    local s = Readable.from({ 1 }):map(function(x) return x end)
    assert.is_true(Readable:isInstance(s))
    assert.is_true(s.readable)
    s:destroy()
    helper.run(5000)
  end)
end)
