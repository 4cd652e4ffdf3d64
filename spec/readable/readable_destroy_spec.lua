-- test-stream-readable-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/readable/readable_destroy.js.
local node = twin.run("test/twins/readable/readable_destroy.js")

describe("test-stream-readable-destroy", function()
  -- Listeners that log event names ('error' with its message or code).
  local function ev(r, log, ...)
    for _, n in ipairs({ ... }) do
      r:on(n, function(a)
        if n == "error" then
          helper.put(log, "error:" .. tostring(type(a) == "table" and (a.code or a.message) or a))
        else
          helper.put(log, n)
        end
      end)
    end
  end

  -- twin: destroy_close_next_tick
  it("destroy() emits 'close' on the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:resume()
    ev(r, log, "end", "close", "error")
    r:destroy()
    helper.put(log, r.destroyed, "sync")
    helper.settle()
    assert.are.same(node.destroy_close_next_tick, twin.strings(log))
  end)

  -- twin: destroy_err
  it("destroy(err) emits 'error' with err, then 'close', and no 'end'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:resume()
    local expected = { message = "kaboom" }
    r:on("end", function() helper.put(log, "end") end)
    r:on("close", function() helper.put(log, "close") end)
    r:on("error", function(e) helper.put(log, "error", e == expected, r.errored == expected) end)
    r:destroy(expected)
    helper.put(log, r.destroyed, "sync")
    helper.settle()
    assert.are.same(node.destroy_err, twin.strings(log))
  end)

  -- twin: destroy_option_passes_error
  it("_destroy receives the error and passes it on", function()
    local log = {}
    local expected = { message = "kaboom" }
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) helper.put(log, "_destroy", err == expected); cb(err) end,
    })
    r:on("end", function() helper.put(log, "end") end)
    r:on("close", function() helper.put(log, "close") end)
    r:on("error", function(e) helper.put(log, "error", e == expected) end)
    r:destroy(expected)
    helper.put(log, r.destroyed, "sync")
    helper.settle()
    assert.are.same(node.destroy_option_passes_error, twin.strings(log))
  end)

  -- twin: destroy_option_swallows
  it("a custom _destroy can swallow the error", function()
    local log = {}
    local expected = { message = "kaboom" }
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) helper.put(log, "_destroy", err == expected); cb() end,
    })
    ev(r, log, "end", "close", "error")
    r:destroy(expected)
    helper.put(log, r.destroyed, "sync")
    helper.settle()
    assert.are.same(node.destroy_option_swallows, twin.strings(log))
  end)

  -- twin: destroy_nil_error
  it("_destroy gets nil when destroy() has no error", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) helper.put(log, "_destroy", helper.nullstr(err)); cb() end,
    })
    ev(r, log, "end", "close", "error")
    r:destroy()
    helper.put(log, r.destroyed, "sync")
    helper.settle()
    assert.are.same(node.destroy_nil_error, twin.strings(log))
  end)

  -- twin: push_null_in_async_destroy
  it("push(nil) inside an asynchronous _destroy emits no 'end'", function()
    local log = {}
    local r
    r = Readable.new({
      read = function() end,
      destroy = function(self, _, cb)
        helper.put(log, "_destroy")
        helper.nextTick(function() self:push(nil); cb() end)
      end,
    })
    r:resume()
    ev(r, log, "close", "error")
    local fail = function() helper.put(log, "end-fail") end
    r:on("end", fail)
    r:destroy()
    r:removeListener("end", fail)
    r:on("end", function() helper.put(log, "end") end)
    helper.put(log, r.destroyed, "sync")
    helper.settle()
    assert.are.same(node.push_null_in_async_destroy, twin.strings(log))
  end)

  -- twin: destroy_cb_error_next_tick
  it("an error given to the _destroy callback is emitted on the next tick", function()
    local log = {}
    local expected = { message = "kaboom" }
    local r
    r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) helper.put(log, "_destroy", helper.nullstr(err)); cb(expected) end,
    })
    r:on("end", function() helper.put(log, "end") end)
    r:on("error", function(e) helper.put(log, "error", e == expected, r.errored == expected) end)
    r:on("close", function() helper.put(log, "close") end)
    r:destroy()
    helper.put(log, r.destroyed, r.errored == expected, "sync")
    helper.settle()
    assert.are.same(node.destroy_cb_error_next_tick, twin.strings(log))
  end)

  -- twin: destroy_err_while_pending
  it("destroy(err) while an asynchronous _destroy is pending keeps the first error", function()
    local log = {}
    local r
    r = Readable.new({
      read = function() end,
      destroy = function(_, _, cb)
        helper.put(log, "_destroy")
        stream.nextTick(cb, "kaboom 1")
      end,
    })
    r:on("close", function() helper.put(log, "close") end)
    r:on("error", function(e) helper.put(log, "error:" .. tostring(e)) end)
    r:destroy()
    helper.put(log, r.destroyed, helper.nullstr(r.errored))
    r:destroy("kaboom 2")
    helper.put(log, helper.nullstr(r.errored), "sync")
    helper.settle()
    assert.are.same(node.destroy_err_while_pending, twin.strings(log))
  end)

  -- twin: push_after_destroy
  it("push() after destroy() returns false and emits no 'data'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:destroy()
    helper.put(log, r:push("hi"))
    r:on("data", function() helper.put(log, "data") end)
    ev(r, log, "close", "error")
    helper.settle()
    assert.are.same(node.push_after_destroy, twin.strings(log))
  end)

  -- twin: read_after_destroy
  it("read() after destroy() returns nil without calling _read", function()
    local log = {}
    local r = Readable.new({ read = function() helper.put(log, "_read") end })
    r:destroy()
    helper.put(log, r.destroyed, helper.nullstr(r:read()))
    ev(r, log, "close", "error")
    helper.settle()
    assert.are.same(node.read_after_destroy, twin.strings(log))
  end)

  -- twin: second_destroy
  it("a second destroy() does nothing", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) helper.put(log, "_destroy"); cb(err) end,
    })
    ev(r, log, "close", "error")
    r:destroy("a")
    r:destroy("b")
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.second_destroy, twin.strings(log))
  end)

  -- twin: no_emit_close
  it("emitClose = false: no 'close', but closed is true", function()
    local log = {}
    local r = Readable.new({ read = function() end, emitClose = false })
    ev(r, log, "close", "error")
    r:destroy()
    helper.put(log, r.destroyed, r.closed)
    helper.setImmediate(function() helper.put(log, "imm", r.closed) end)
    helper.settle()
    assert.are.same(node.no_emit_close, twin.strings(log))
  end)

  -- twin: closed_flag
  it("closed is false before destroy() and true from then on", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("close", function() helper.put(log, "close", r.closed) end)
    helper.put(log, r.closed)
    r:destroy()
    helper.put(log, r.closed)
    helper.settle()
    assert.are.same(node.closed_flag, twin.strings(log))
  end)
end)
