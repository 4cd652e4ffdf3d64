-- allowHalfOpen (Node's lib/internal/streams/duplex.js): cstream behaviour beyond Node's own tests; see spec/README.md.

local uv = require("luv")
local helper = require("spec.helper")
local stream = require("cstream")
local Duplex = stream.Duplex
local Transform = stream.Transform

-- allowHalfOpen has no Node test file of its own; these check the behaviour
-- of Node's duplex.js/readable.js (endReadableNT -> endWritableNT) directly.
describe("allowHalfOpen (Node's lib/internal/streams/duplex.js)", function()
  local EV = { "end", "prefinish", "finish", "close", "error" }

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
    assert.are.same({ "write:a", "end", "write:b", "prefinish", "finish", "close" }, log)
  end)

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
    assert.are.same({ "t:a", "data:a", "t:stop", true, "end", "t:after",
      "error:ERR_STREAM_PUSH_AFTER_EOF", "close" }, log)
  end)

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
    assert.are.same({ "end", "writable:true", "write:late", "prefinish", "finish", "close" }, log)
  end)

  it("allowHalfOpen = false after the user already called end()", function()
    local log = {}
    local d = Duplex.new({ allowHalfOpen = false, read = helper.noop, write = helper.write_ok })
    helper.record(d, log, EV)
    d["end"](d, "x")
    d:push(nil)
    d:resume()
    helper.settle()
    assert.are.same({ "prefinish", "finish", "end", "close" }, log)
  end)

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
    assert.are.same({ "end", "prefinish", "finish", "destroyed:false:true" }, log)
  end)
end)
