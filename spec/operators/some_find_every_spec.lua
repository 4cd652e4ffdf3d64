-- test-stream-some-find-every.mjs (Node 20's test/parallel/), translated; expected lines from test/twins/operators/. See spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local A = stream.await
local function run() helper.run(5000) end

-- Runs fn in a coroutine (Node's async function), then the loop; fails if
-- fn raised or never returned.
local function async(fn)
  local done, failure = false, nil
  local co = coroutine.create(function()
    local ok, err = xpcall(fn, debug.traceback)
    done = true
    if not ok then failure = err end
  end)
  local ok, err = coroutine.resume(co)
  if not ok then error(err, 0) end
  run()
  if failure ~= nil then error(failure, 0) end
  assert.is_true(done, "the coroutine never finished")
end

-- The log of a case: out(...) appends its arguments joined by spaces.
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

describe("some, find and every", function()
  -- values.js someFindEvery
  it("answer as Node's", function()
    local log, out = logger()
    async(function()
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
    assert.same({ "true false 4", "false true nil", "false true nil", "true" }, log)
  end)

  -- values.js shortCircuit
  it("stop at the answer and destroy the stream", function()
    local log, out = logger()
    async(function()
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
    assert.same({ "some true 3 true", "every false 3 true", "find 2 2 true" }, log)
  end)

  -- values.js predicateSignal
  it("give the predicate a signal (left unaborted, as Node 20)", function()
    local log, out = logger()
    async(function()
      for _, op in ipairs({ "some", "every", "find" }) do
        local sig
        A[op](Readable.from({ 1 }), function(_, o) sig = o.signal; return true end)
        out(op, sig.aborted)
      end
    end)
    assert.same({ "some false", "every false", "find false" }, log)
  end)

  -- values.js sfeThrow
  it("an error raised by the predicate is the result", function()
    local log, out = logger()
    async(function()
      for _, op in ipairs({ "some", "every", "find" }) do
        local s = Readable.from({ 1, 2, 3, 4, 5 })
        local ok, e = pcall(A[op], s, function() error({ message = op .. " sync" }) end)
        out(ok, fmt(e), s.destroyed)
      end
    end)
    assert.same({ "false some sync false", "false every sync false", "false find sync false" }, log)
  end)

  -- values.js findConcurrent
  it("concurrency does not change which value is found", function()
    local found
    async(function()
      found = A.find(Readable.from({ 1, 2 }), function(val)
        if val == 1 then helper.sleep(20) end
        return true
      end, { concurrency = 2 })
    end)
    assert.equal(1, found)
  end)

  it("callback forms", function()
    local log, out = logger()
    Readable.from({ 1, 2, 3 }):some(function(x) return x == 2 end, function(err, v) out("some", err, v) end)
    Readable.from({ 1, 2, 3 }):every(function(x) return x < 3 end, {}, function(err, v) out("every", err, v) end)
    Readable.from({ 1, 2, 3 }):find(function(x) return x > 1 end, function(err, v) out("find", err, v) end)
    run()
    table.sort(log)
    assert.same({ "every nil false", "find nil 2", "some nil true" }, log)
  end)
end)
