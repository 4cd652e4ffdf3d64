-- test-stream-drop-take.js (Node 20's test/parallel/), translated; sequences from test/twins/operators/values.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await

local node = twin.run("test/twins/operators/values.js")

describe("drop and take", function()
  -- twin: dropTake
  it("drop and take as Node's", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local function r(s) return "[" .. helper.join(A.toArray(s)) .. "]" end
      out(r(Readable.from({ 1, 2, 3 }):drop(2)))
      out(r(Readable.from({ 1, 2, 3 }):take(1)))
      out(r(Readable.from({}):drop(2)))
      out(r(Readable.from({}):take(1)))
      out(r(Readable.from({ 1, 2, 3 }):drop(1):take(1)))
      out(r(Readable.from({ 1, 2 }):drop(0)))
      out(r(Readable.from({ 1, 2 }):take(0)))
      out(r(helper.naturals():take(1)))
      out(r(helper.naturals():drop(10):take(10)))
      out(r(helper.naturals():take(5):take(1)))
      out(r(Readable.from({ 1, 2, 3 }):drop(1.5)))
    end)
    assert.are.same(node.dropTake, log)
  end)

  -- twin: takeDestroys
  it("take destroys its source once it has enough", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      local src = helper.naturals()
      for v in src:take(2):iter() do out(v) end
      out("destroyed", src.destroyed)
    end)
    assert.are.same(node.takeDestroys, log)
  end)

  -- twin: dropTakeAbort
  it("fail with AbortError on a signal aborted before or meanwhile", function()
    local log, out = helper.line_recorder()
    helper.async(function()
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
    assert.are.same(node.dropTakeAbort, log)
  end)

  it("check their arguments at once", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_OUT_OF_RANGE", helper.raises(r.take, r, -1))
    assert.equal("ERR_OUT_OF_RANGE", helper.raises(r.drop, r, -math.huge))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.drop, r, 1, 1))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.take, r, 1, { signal = true }))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.take, r, "2"))
    r:destroy()
    helper.run(5000)
  end)
end)
