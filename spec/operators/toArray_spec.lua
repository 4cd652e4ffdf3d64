-- test-stream-toArray.js (Node 20's test/parallel/), translated; sequences from test/twins/operators/values.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local AbortController, AbortSignal = stream.AbortController, stream.AbortSignal
local A = stream.await

local node = twin.run("test/twins/operators/values.js")

describe("toArray", function()
  -- twin: toArray
  it("collects every chunk; a byte stream's chunks stay apart", function()
    local log, out = helper.line_recorder()
    helper.async(function()
      out(#A.toArray(Readable.from({})))
      out(helper.join(A.toArray(Readable.from({ 1, 2, 3 }))))
      local bytes = A.toArray(Readable.from({ "ab", "cd" }, { objectMode = false }))
      out(#bytes, helper.join(bytes))
    end)
    assert.are.same(node.toArray, log)
  end)

  -- twin: toArrayAbort
  it("a signal aborted meanwhile rejects at the next chunk, with the reason as cause", function()
    local log, out = helper.line_recorder()
    helper.async(function()
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
    assert.are.same(node.toArrayAbort, log)
  end)

  it("stream.await forms raise outside a coroutine, callbacks are required", function()
    local r = Readable.from({ 1 })
    assert.equal("ERR_INVALID_STATE", helper.raises(A.toArray, r))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.toArray, r))
    assert.equal("ERR_INVALID_ARG_TYPE", helper.raises(r.toArray, r, 1, function() end))
    r:destroy()
    helper.run(5000)
  end)
end)
