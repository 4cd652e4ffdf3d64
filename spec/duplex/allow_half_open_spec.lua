-- allowHalfOpen (Node's lib/internal/streams/duplex.js): cstream behaviour beyond Node's own tests; sequences from test/twins/duplex/allow_half_open.js. See spec/README.md.

local uv = require("luv")
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex
local Transform = stream.Transform

local node = twin.run("test/twins/duplex/allow_half_open.js")

-- allowHalfOpen has no Node test file of its own; these check the behaviour
-- of Node's duplex.js/readable.js (endReadableNT -> endWritableNT) directly.
describe("allowHalfOpen (Node's lib/internal/streams/duplex.js)", function()
  local EV = { "end", "prefinish", "finish", "close", "error" }

  -- twin: waits_for_pending_writes
  it("allowHalfOpen = false waits for pending writes before finishing", function()
    local log = {}
    local d = Duplex.new({
      allowHalfOpen = false, read = helper.noop,
      write = function(_, c, _, cb)
        helper.put(log, "write:" .. c)
        local t = uv.new_timer()
        t:start(5, 0, function()
          t:close()
          cb()
        end)
      end,
    })
    helper.record(d, log, EV)
    d:write("a")
    d:write("b")
    d:push(nil)
    d:resume()
    helper.settle()
    assert.are.same(node.waits_for_pending_writes, log)
  end)

  -- twin: transform_pushes_null
  it("a Transform with allowHalfOpen = false that pushes nil ends its writable side", function()
    local log = {}
    local t = Transform.new({
      allowHalfOpen = false,
      transform = function(self, c, _, cb)
        helper.put(log, "t:" .. c)
        if c == "stop" then self:push(nil) else self:push(c) end
        cb()
      end,
    })
    helper.record(t, log, EV)
    t:on("data", function(c) helper.put(log, "data:" .. c) end)
    t:write("a")
    t:write("stop")
    helper.put(log, t:write("after"))
    helper.settle()
    assert.are.same(node.transform_pushes_null, twin.strings(log))
  end)

  -- twin: default_keeps_writable
  it("the default (true) keeps the writable side open after 'end'", function()
    local log = {}
    local d = Duplex.new({
      read = helper.noop,
      write = function(_, c, _, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    helper.record(d, log, EV)
    d:push(nil)
    d:resume()
    d:on("end", function()
      helper.nextTick(function()
        helper.put(log, "writable:" .. tostring(d.writable))
        d:write("late")
        d["end"](d)
      end)
    end)
    helper.settle()
    assert.are.same(node.default_keeps_writable, log)
  end)

  -- twin: after_user_end
  it("allowHalfOpen = false after the user already called end()", function()
    local log = {}
    local d = Duplex.new({ allowHalfOpen = false, read = helper.noop, write = helper.write_ok })
    helper.record(d, log, EV)
    d["end"](d, "x")
    d:push(nil)
    d:resume()
    helper.settle()
    assert.are.same(node.after_user_end, log)
  end)

  -- twin: no_auto_destroy
  it("allowHalfOpen = false with autoDestroy = false finishes but stays alive", function()
    local log = {}
    local d = Duplex.new({ allowHalfOpen = false, autoDestroy = false, read = helper.noop,
      write = helper.write_ok })
    helper.record(d, log, EV)
    d:push(nil)
    d:resume()
    local t = uv.new_timer()
    t:start(10, 0, function()
      t:close()
      helper.put(log, "destroyed:" .. tostring(d.destroyed) .. ":" .. tostring(d.writableFinished))
    end)
    helper.settle()
    assert.are.same(node.no_auto_destroy, log)
  end)
end)
