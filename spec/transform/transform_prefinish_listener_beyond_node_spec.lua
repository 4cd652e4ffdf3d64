-- Node's Transform constructor ends with this.on('prefinish', prefinish): with
-- a _final of the user's, that listener runs _flush. It is a listener like any
-- other: counted, run in its place (after one prepended), removable (then
-- nothing flushes and the readable side never ends), and run again by a
-- 'prefinish' emitted by hand. Sequences from
-- test/twins/transform/transform_prefinish_listener.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/transform/transform_prefinish_listener.js")

describe("Transform's own 'prefinish' listener", function()
  local EV = { "data", "end", "prefinish", "finish", "error", "close" }
  local function make(L, final)
    return Transform.new({
      transform = function(_, c, _, cb) cb(nil, c) end,
      flush = function(_, cb) L("_flush"); cb(nil, "z") end,
      final = final,
    })
  end
  local function userFinal(L)
    return function(_, cb) L("_final"); cb() end
  end

  -- twin: prepended
  it("counts as a listener and flushes after one prepended before it", function()
    local log, L = helper.line_recorder()
    local t = make(L, userFinal(L))
    t:prependListener("prefinish", function() L("first prefinish") end)
    helper.watch(t, L, EV)
    L("count " .. t:listenerCount("prefinish"))
    t:finish("a")
    helper.settle()
    assert.are.same(node.prepended, log)
  end)

  -- twin: removed_with_final
  it("removed, a user's final is followed by no _flush and no 'end'", function()
    local log, L = helper.line_recorder()
    local t = make(L, userFinal(L))
    t:removeAllListeners("prefinish")
    helper.watch(t, L, EV)
    t:finish("a")
    helper.setTimeout(function() L("ended " .. tostring(t.readableEnded)) end, 5)
    helper.settle()
    assert.are.same(node.removed_with_final, log)
  end)

  -- twin: removed_without_final
  it("removed, Transform's own _final still flushes", function()
    local log, L = helper.line_recorder()
    local t = make(L)
    t:removeAllListeners("prefinish")
    helper.watch(t, L, EV)
    t:finish("a")
    helper.settle()
    assert.are.same(node.removed_without_final, log)
  end)

  -- twin: emitted_by_hand
  it("a 'prefinish' emitted by hand flushes and ends the readable side", function()
    local log, L = helper.line_recorder()
    local t = make(L, userFinal(L))
    helper.watch(t, L, EV)
    t:write("a")
    t:emit("prefinish")
    L("sync")
    helper.settle()
    assert.are.same(node.emitted_by_hand, log)
  end)

  -- twin: destroyed_before_it
  it("does not flush a stream a listener before it destroyed", function()
    local log, L = helper.line_recorder()
    local t
    t = make(L, userFinal(L))
    t:prependListener("prefinish", function() L("pre"); t:destroy() end)
    helper.watch(t, L, EV)
    t:finish("a")
    helper.settle()
    assert.are.same(node.destroyed_before_it, log)
  end)
end)
