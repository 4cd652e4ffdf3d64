-- test-stream-filter.js (Node 20's test/parallel/), translated; sequences from test/twins/operators/values.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await

local node = twin.run("test/twins/operators/values.js")

describe("filter", function()
  -- twin: filter
  it("keeps the chunks fn accepts, waiting or not", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(helper.join(A.toArray(five():filter(function(x) return x % 2 == 1 end))))
      out(helper.join(A.toArray(five():filter(function(x) helper.sleep(1); return x > 2 end))))
    end)
    assert.are.same(node.filter, log)
  end)

  -- twin: filterOrder
  it("calls fn ahead of the consumer as map does", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local s = Readable.from({ 1, 2, 3, 4, 5 }):filter(function(x)
        out("fn", x)
        return x % 2 == 0
      end)
      for v in s:iter() do out("got", v) end
    end)
    assert.are.same(node.filterOrder, log)
  end)

  -- twin: filterAbort
  it("with concurrency 2 and a signal: two calls, then AbortError", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local ac = AbortController.new()
      local calls = 0
      local s = Readable.from({ 1, 2, 3, 4 }):filter(function(_, o)
        calls = calls + 1
        helper.once_abort(o.signal)
        error(o.signal.reason, 0)
      end, { signal = ac.signal, concurrency = 2 })
      helper.timeout_now(function()
        out("calls", calls)
        ac:abort()
      end, 5)
      local ok, e = pcall(function() for x in s:iter() do out(x) end end)
      out(ok, e.name)
    end)
    assert.are.same(node.filterAbort, log)
  end)

  -- twin: filterOrder2
  it("keeps the source's order whatever order fn finishes in", function()
    local got
    helper.async(function()
      got = A.toArray(Readable.from({ 1, 2 }):filter(function(item)
        helper.sleep(10 - item * 4)
        return true
      end, { concurrency = 2 }))
    end)
    assert.are.same(node.filterOrder2, twin.strings(got))
  end)

  it("checks its arguments at once", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.filter, r, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.filter, r, function() end, 1))
    assert.equal("ERR_OUT_OF_RANGE", helper.raises(r.filter, r, function() end, { concurrency = 0.5 }))
    r:destroy()
    helper.run(5000)
  end)

  it("uses Lua's truth: 0 and \"\" keep the chunk", function()
    local got
    helper.async(function()
      got = A.toArray(Readable.from({ 1, 2, 3 }):filter(function(x)
        if x == 1 then return 0 elseif x == 2 then return false end
        return ""
      end))
    end)
    assert.same({ 1, 3 }, got)
  end)
end)
