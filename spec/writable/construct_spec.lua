-- test-stream-construct.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/writable/construct.js.
local node = twin.run("test/twins/writable/construct.js")

describe("test-stream-construct (Writable)", function()
  -- twin: construct_cb_twice
  it("calling the construct callback twice is ERR_MULTIPLE_CALLBACK", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        helper.put(log, "construct")
        cb()
        cb()
      end,
    })
    helper.on(w, log, "error", "close")
    helper.settle()
    assert.are.same(node.construct_cb_twice, log)
  end)

  -- twin: construct_sync_error
  it("a synchronous construct error destroys the stream", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        helper.put(log, "construct")
        cb(helper.E("test"))
      end,
    })
    helper.on(w, log, "error", "close")
    helper.settle()
    assert.are.same(node.construct_sync_error, log)
  end)

  -- twin: construct_async_error
  it("an asynchronous construct error destroys the stream", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        helper.put(log, "construct")
        helper.nextTick(cb, helper.E("test"))
      end,
    })
    helper.on(w, log, "error", "close")
    helper.settle()
    assert.are.same(node.construct_async_error, log)
  end)

  -- testDestroy(): destroy while _construct is still pending waits for it.
  local function pending(log)
    return Writable.new({
      write = function() helper.put(log, "WRITE!") end,
      final = function() helper.put(log, "FINAL!") end,
      construct = function(self, cb)
        helper.put(log, "construct")
        helper.nextTick(function()
          helper.put(log, "constructed")
          cb()
        end)
      end,
    })
  end

  -- twin: destroy_during_construct
  it("destroy() during construct closes after construct", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "close", "error")
    s:destroy()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.destroy_during_construct, log)
  end)

  -- twin: destroy_cb_during_construct
  it("destroy(nil, cb) during construct calls cb after construct", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "close", "error")
    s:destroy(nil, function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.destroy_cb_during_construct, log)
  end)

  -- twin: destroy_err_cb_during_construct
  it("destroy(err, cb) during construct: cb(err), 'error', 'close'", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "close", "error")
    s:destroy(helper.E("kaboom"), function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.destroy_err_cb_during_construct, log)
  end)

  -- twin: destroy_err_during_construct
  it("destroy(err) during construct: 'error' then 'close' after construct", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "error", "close")
    s:destroy(helper.E("kaboom"))
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.destroy_err_during_construct, log)
  end)

  -- twin: end_data_waits
  it("finish(data) waits for construct, then _write, _final, 'finish', 'close'", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        helper.put(log, "construct")
        helper.nextTick(function()
          helper.put(log, "constructed")
          cb()
        end)
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        helper.nextTick(cb)
      end,
      final = function(self, cb)
        helper.put(log, "final")
        helper.nextTick(cb)
      end,
    })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish("data")
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.end_data_waits, log)
  end)

  -- twin: end_waits
  it("finish() waits for construct, then _final without _write", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        helper.put(log, "construct")
        helper.nextTick(function()
          helper.put(log, "constructed")
          cb()
        end)
      end,
      write = function() helper.put(log, "WRITE!") end,
      final = function(self, cb)
        helper.put(log, "final")
        helper.nextTick(cb)
      end,
    })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.end_waits, log)
  end)

  -- twin: writes_buffered
  it("writes before construct completes are buffered, then written in order", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        helper.put(log, "construct")
        helper.setImmediate(function()
          helper.put(log, "constructed")
          cb()
        end)
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    helper.on(w, log, "finish", "close")
    helper.put(log, "ret=" .. tostring(w:write("a", function() helper.put(log, "cb:a") end)))
    helper.put(log, "len=" .. w.writableLength)
    w:write("b", function() helper.put(log, "cb:b") end)
    w:finish()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.writes_buffered, log)
  end)

  -- twin: construct_next_tick
  it("construct runs on the next tick even when it calls back at once", function()
    local log = {}
    local w = Writable.new({
      construct = function(self, cb)
        helper.put(log, "construct")
        cb()
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    helper.on(w, log, "finish", "close")
    w:write("a")
    helper.put(log, "sync")
    w:finish()
    helper.settle()
    assert.are.same(node.construct_next_tick, log)
  end)

  it("a construct option is called with the stream as self", function()
    local got
    local w
    w = Writable.new({ construct = function(self, cb) got = self; cb() end, write = helper.write_ok })
    helper.settle()
    assert.are.equal(w, got)
  end)
end)
