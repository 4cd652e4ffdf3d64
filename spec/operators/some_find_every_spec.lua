-- test-stream-some-find-every.mjs (Node 20's test/parallel/), translated; sequences from test/twins/operators/values.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local A = stream.await

local node = twin.run("test/twins/operators/values.js")

describe("some, find and every", function()
  -- twin: someFindEvery
  it("answer as Node's", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local function five() return Readable.from({ 1, 2, 3, 4, 5 }) end
      out(A.some(five(), function(x) return x > 3 end), A.every(five(), function(x) return x > 3 end),
          A.find(five(), function(x) return x > 3 end))
      out(A.some(five(), function(x) return x > 6 end), A.every(five(), function(x) return x < 6 end),
          A.find(five(), function(x) return x > 6 end))
      out(A.some(Readable.from({}), function() return true end),
          A.every(Readable.from({}), function() return true end),
          A.find(Readable.from({}), function() return true end))
      out(A.some(five(), function(x) helper.sleep(1); return x > 3 end))
    end)
    assert.are.same(node.someFindEvery, log)
  end)

  -- twin: shortCircuit
  it("stop at the answer and destroy the stream", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      for _, c in ipairs({ { "some", function(x) return x > 2 end },
                           { "every", function(x) return x < 3 end },
                           { "find", function(x) return x > 1 end } }) do
        local s = Readable.from({ 1, 2, 3, 4, 5 })
        local calls = 0
        local v = A[c[1]](s, function(x) calls = calls + 1; return c[2](x) end)
        helper.sleep(1)
        out(c[1], v, calls, s.destroyed)
      end
    end)
    assert.are.same(node.shortCircuit, log)
  end)

  -- twin: predicateSignal
  it("give the predicate a signal (left unaborted, as Node 20)", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      for _, op in ipairs({ "some", "every", "find" }) do
        local sig
        A[op](Readable.from({ 1 }), function(_, o) sig = o.signal; return true end)
        out(op, sig.aborted)
      end
    end)
    assert.are.same(node.predicateSignal, log)
  end)

  -- twin: sfeThrow
  it("an error raised by the predicate is the result", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      for _, op in ipairs({ "some", "every", "find" }) do
        local s = Readable.from({ 1, 2, 3, 4, 5 })
        local ok, e = pcall(A[op], s, function() error({ message = op .. " sync" }) end)
        out(ok, helper.errtext(e), s.destroyed)
      end
    end)
    assert.are.same(node.sfeThrow, log)
  end)

  -- twin: findConcurrent
  it("concurrency does not change which value is found", function()
    local found
    helper.async(function()
      found = A.find(Readable.from({ 1, 2 }), function(val)
        if val == 1 then helper.sleep(20) end
        return true
      end, { concurrency = 2 })
    end)
    assert.equal(1, found)
  end)

  it("callback forms", function()
    local log, out = helper.line_recorder()
    Readable.from({ 1, 2, 3 }):some(function(x) return x == 2 end, function(err, v) out("some", err, v) end)
    Readable.from({ 1, 2, 3 }):every(function(x) return x < 3 end, {}, function(err, v) out("every", err, v) end)
    Readable.from({ 1, 2, 3 }):find(function(x) return x > 1 end, function(err, v) out("find", err, v) end)
    helper.run(5000)
    table.sort(log)
    assert.same({ "every nil false", "find nil 2", "some nil true" }, log)
  end)
end)
