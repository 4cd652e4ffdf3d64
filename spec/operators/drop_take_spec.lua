-- test-stream-drop-take.js (Node 20's test/parallel/), translated; expected lines from test/twins/operators/. See spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
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

local function join(t) return table.concat(t, ",") end

-- Raises and returns the error's code.
local function raises(f, ...)
  local ok, e = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return type(e) == "table" and e.code or e
end

local function naturals()
  local i = 0
  return Readable.from(function()
    i = i + 1
    return i
  end)
end

describe("drop and take", function()
  -- values.js dropTake
  it("drop and take as Node's", function()
    local log, out = logger()
    async(function()
      local function r(s) return "[" .. join(A.toArray(s)) .. "]" end
      out(r(Readable.from({ 1, 2, 3 }):drop(2)))
      out(r(Readable.from({ 1, 2, 3 }):take(1)))
      out(r(Readable.from({}):drop(2)))
      out(r(Readable.from({}):take(1)))
      out(r(Readable.from({ 1, 2, 3 }):drop(1):take(1)))
      out(r(Readable.from({ 1, 2 }):drop(0)))
      out(r(Readable.from({ 1, 2 }):take(0)))
      out(r(naturals():take(1)))
      out(r(naturals():drop(10):take(10)))
      out(r(naturals():take(5):take(1)))
      out(r(Readable.from({ 1, 2, 3 }):drop(1.5)))
    end)
    assert.same({ "[3]", "[1]", "[]", "[]", "[2]", "[1,2]", "[]", "[1]",
                  "[11,12,13,14,15,16,17,18,19,20]", "[1]", "[3]" }, log)
  end)

  -- values.js takeDestroys
  it("take destroys its source once it has enough", function()
    local log, out = logger()
    async(function()
      local src = naturals()
      for v in src:take(2):iter() do out(v) end
      out("destroyed", src.destroyed)
    end)
    assert.same({ "1", "2", "destroyed true" }, log)
  end)

  -- values.js dropTakeAbort
  it("fail with AbortError on a signal aborted before or meanwhile", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      local a = Readable.from({ 1, 2, 3 }):take(1, { signal = ac.signal })
      local b = Readable.from({ 1, 2, 3 }):drop(1, { signal = ac.signal })
      local c = Readable.from({ 1, 2, 3 }):take(1, { signal = AbortSignal.abort() })
      ac:abort()
      for _, s in ipairs({ a, b, c }) do
        local ok, e = pcall(A.toArray, s)
        out(ok, e.name)
      end
    end)
    assert.same({ "false AbortError", "false AbortError", "false AbortError" }, log)
  end)

  it("check their arguments at once", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_OUT_OF_RANGE", raises(r.take, r, -1))
    assert.equal("ERR_OUT_OF_RANGE", raises(r.drop, r, -math.huge))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.drop, r, 1, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.take, r, 1, { signal = true }))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.take, r, "2"))
    r:destroy()
    run()
  end)
end)
