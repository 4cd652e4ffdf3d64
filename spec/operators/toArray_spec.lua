-- test-stream-toArray.js (Node 20's test/parallel/), translated; expected lines from test/twins/operators/. See spec/README.md.

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

describe("toArray", function()
  -- values.js toArray
  it("collects every chunk; a byte stream's chunks stay apart", function()
    local log, out = logger()
    async(function()
      out(#A.toArray(Readable.from({})))
      out(join(A.toArray(Readable.from({ 1, 2, 3 }))))
      local bytes = A.toArray(Readable.from({ "ab", "cd" }, { objectMode = false }))
      out(#bytes, join(bytes))
    end)
    assert.same({ "0", "1,2,3", "2 ab,cd" }, log)
  end)

  -- values.js toArrayAbort
  it("a signal aborted meanwhile rejects at the next chunk, with the reason as cause", function()
    local log, out = logger()
    async(function()
      local ac = AbortController.new()
      local s = Readable.from({ 1, 2, 3 }):map(function(x)
        if x == 3 then coroutine.yield() end -- never resumed
        return x
      end)
      local co = coroutine.running()
      local res
      stream.nextTick(function() ac:abort("why") end)
      s:toArray({ signal = ac.signal }, function(err, v)
        res = { err, v }
        coroutine.resume(co)
      end)
      coroutine.yield()
      local e = res[1]
      out(e.name, e.code, e.cause)
      out("destroyed", s.destroyed)
    end)
    assert.same({ "AbortError ABORT_ERR why", "destroyed true" }, log)
  end)

  it("stream.await forms raise outside a coroutine, callbacks are required", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_INVALID_STATE", raises(A.toArray, r))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.toArray, r))
    assert.equal("ERR_INVALID_ARG_TYPE", raises(r.toArray, r, 1, function() end))
    r:destroy()
    run()
  end)
end)
