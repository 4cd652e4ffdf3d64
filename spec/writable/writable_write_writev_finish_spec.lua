-- test-stream-writable-write-writev-finish.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_write_writev_finish.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable
local Readable = stream.Readable

local node = twin.run("test/twins/writable/writable_write_writev_finish.js")

describe("test-stream-writable-write-writev-finish", function()
  -- twin: sync_write_error
  it("sync _write error: no 'prefinish'/'finish'", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) cb(helper.E("write test error")) end
    helper.on(w, log, "finish", "prefinish", "error", "close")
    w:finish("test")
    helper.settle()
    assert.are.same(node.sync_write_error, log)
  end)

  -- twin: async_write_error
  it("async _write error: no 'prefinish'/'finish'", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) helper.setImmediate(cb, helper.E("write test error")) end
    helper.on(w, log, "finish", "prefinish", "error", "close")
    w:finish("test")
    helper.settle()
    assert.are.same(node.async_write_error, log)
  end)

  -- twin: sync_writev_error
  it("sync _writev error after cork: no 'prefinish'/'finish'", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) cb(helper.E("write test error")) end
    w._writev = function(self, c, cb) cb(helper.E("writev test error")) end
    helper.on(w, log, "finish", "prefinish", "error", "close")
    w:cork()
    w:write("test")
    helper.setImmediate(function()
      helper.put(log, "imm")
      w:finish("test")
    end)
    helper.settle()
    assert.are.same(node.sync_writev_error, log)
  end)

  -- twin: async_writev_error
  it("async _writev error after cork: no 'prefinish'/'finish'", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) helper.setImmediate(cb, helper.E("write test error")) end
    w._writev = function(self, c, cb) helper.setImmediate(cb, helper.E("writev test error")) end
    helper.on(w, log, "finish", "prefinish", "error", "close")
    w:cork()
    w:write("test")
    helper.setImmediate(function()
      helper.put(log, "imm")
      w:finish("test")
    end)
    helper.settle()
    assert.are.same(node.async_writev_error, log)
  end)

  -- twin: piped_async_write_error, piped_sync_write_error
  for _, async in ipairs({ true, false }) do
    it("piped into, " .. (async and "async" or "sync") .. " _write error: no 'finish'", function()
      local log = {}
      local rs = Readable.new()
      rs:push("ok")
      rs:push(nil)
      rs._read = function() end
      local ws = Writable.new()
      helper.on(ws, log, "finish", "error", "close")
      ws._write = function(self, c, e, done)
        helper.put(log, "write:" .. c)
        if async then helper.setImmediate(done, helper.E("x")) else done(helper.E("x")) end
      end
      rs:pipe(ws)
      helper.settle()
      assert.are.same(node["piped_" .. (async and "async" or "sync") .. "_write_error"], log)
    end)
  end

  -- twin: write_in_prefinish
  it("write() in a 'prefinish' listener is WRITE_AFTER_END", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) helper.nextTick(cb) end
    helper.on(w, log, "error", "close", "finish")
    w:on("prefinish", function()
      helper.put(log, "prefinish")
      w:write("shouldn't write in prefinish listener", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    end)
    w:finish()
    helper.settle()
    assert.are.same(node.write_in_prefinish, log)
  end)

  -- twin: write_in_finish
  it("write() in a 'finish' listener is WRITE_AFTER_END", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) helper.nextTick(cb) end
    helper.on(w, log, "error", "close")
    w:on("finish", function()
      helper.put(log, "finish")
      w:write("shouldn't write in finish listener", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    end)
    w:finish()
    helper.settle()
    assert.are.same(node.write_in_finish, log)
  end)
end)
