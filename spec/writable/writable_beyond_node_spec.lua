-- Writable behaviours beyond Node's tests: cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/writable/writable_beyond_node.js.
local node = twin.run("test/twins/writable/writable_beyond_node.js")

-- Not from a Node test file: behaviours the translated tests leave out, each
-- read from their JS twin test/twins/writable/writable_beyond_node.js.

describe("Writable behaviours beyond Node's tests", function()
  -- twin: prefinish_at_once
  it("finish() with nothing pending emits 'prefinish' at once (no _final)", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.prefinish_at_once, log)
  end)

  -- twin: sync_final
  it("a synchronous _final: 'prefinish' at once, 'finish' later", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok, final = function(self, cb)
      helper.put(log, "final")
      cb()
    end })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.sync_final, log)
  end)

  -- twin: end_chunk_sync_write
  it("finish(chunk) with a synchronous _write: 'prefinish' at once", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb)
      helper.put(log, "write")
      cb()
    end })
    helper.on(w, log, "prefinish", "finish", "close")
    w:finish("x")
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.end_chunk_sync_write, log)
  end)

  -- twin: final_once
  it("_final runs once however often finish() is called", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok, final = function(self, cb)
      helper.put(log, "final")
      helper.setImmediate(cb)
    end })
    helper.on(w, log, "finish")
    w:finish()
    w:finish()
    w:finish(function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same(node.final_once, log)
  end)

  -- twin: many_sync_writes
  it("100000 synchronously completed writes: no recursion limit, every callback", function()
    local log = {}
    local n, k = 0, 0
    local w = Writable.new({ write = function(self, c, e, cb)
      n = n + 1
      cb()
    end })
    local function cb() k = k + 1 end
    for _ = 1, 100000 do w:write("x", cb) end
    w:finish(function() helper.put(log, ("n=%d k=%d"):format(n, k)) end)
    helper.settle(10000)
    assert.are.same(node.many_sync_writes, log)
  end)

  -- twin: buffered_tick_writes
  it("20000 buffered writes completed on ticks", function()
    local log = {}
    local n, k = 0, 0
    local w = Writable.new({ write = function(self, c, e, cb)
      n = n + 1
      stream.nextTick(cb)
    end })
    for _ = 1, 20000 do w:write("x", function() k = k + 1 end) end
    w:finish(function() helper.put(log, ("n=%d k=%d"):format(n, k)) end)
    helper.settle(10000)
    assert.are.same(node.buffered_tick_writes, log)
  end)

  -- twin: write_inside_write
  it("write() from inside _write is buffered behind the current write", function()
    local log = {}
    local first = true
    local w = Writable.new({ write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      if first then
        first = false
        helper.put(log, "inner ret=" .. tostring(self:write("inner", function() helper.put(log, "cb:inner") end)))
      end
      cb()
    end })
    w:write("outer", function() helper.put(log, "cb:outer") end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.write_inside_write, log)
  end)

  -- twin: drain_pump
  it("a pump that waits for 'drain' whenever write() returns false", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 4, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      helper.setImmediate(cb)
    end })
    local data = { "aa", "bb", "cc", "dd", "ee" }
    local pump
    pump = function()
      while #data > 0 do
        local c = table.remove(data, 1)
        local r = w:write(c)
        helper.put(log, "ret:" .. c .. "=" .. tostring(r))
        if not r then
          w:once("drain", function()
            helper.put(log, "drain")
            pump()
          end)
          return
        end
      end
      w:finish()
    end
    helper.on(w, log, "finish")
    pump()
    helper.settle()
    assert.are.same(node.drain_pump, log)
  end)

  -- twin: write_in_drain
  it("write() in a 'drain' listener keeps the cycle going", function()
    local log = {}
    local n = 0
    local w = Writable.new({ highWaterMark = 2, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      helper.setImmediate(cb)
    end })
    w:on("drain", function()
      helper.put(log, "drain")
      n = n + 1
      if n < 3 then helper.put(log, "r=" .. tostring(w:write("x" .. n .. "x"))) else w:finish() end
    end)
    helper.on(w, log, "finish")
    helper.put(log, "r=" .. tostring(w:write("aa")))
    helper.settle()
    assert.are.same(node.write_in_drain, log)
  end)

  -- twin: one_drain
  it("one 'drain' after several writes returned false", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 2, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      helper.setImmediate(cb)
    end })
    helper.on(w, log, "drain")
    helper.put(log, "r=" .. tostring(w:write("aa")))
    helper.put(log, "r=" .. tostring(w:write("bb")))
    helper.put(log, "r=" .. tostring(w:write("cc")))
    helper.settle()
    assert.are.same(node.one_drain, log)
  end)

  -- twin: destroy_in_drain
  it("destroy() in a 'drain' listener", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 1, write = function(self, c, e, cb) helper.setImmediate(cb) end })
    w:on("drain", function()
      helper.put(log, "drain")
      w:destroy()
    end)
    helper.on(w, log, "close", "finish")
    w:write("a", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same(node.destroy_in_drain, log)
  end)

  -- twin: no_drain_destroyed
  it("no 'drain' once destroyed", function()
    local log, p = {}, nil
    local w = Writable.new({ highWaterMark = 1, write = function(self, c, e, cb) p = cb end })
    helper.on(w, log, "drain", "close")
    w:write("ab")
    w:destroy()
    p()
    helper.settle()
    assert.are.same(node.no_drain_destroyed, log)
  end)

  -- twin: length_decoded_bytes
  it("writableLength counts the decoded bytes", function()
    local log = {}
    local w = Writable.new({ write = function(self, c) helper.put(log, "write:" .. #c) end })
    w:write("ffff", "hex")
    helper.put(log, "len=" .. w.writableLength)
    w:write("abc")
    helper.put(log, "len=" .. w.writableLength)
    w:write("\u{e9}")
    helper.put(log, "len=" .. w.writableLength)
    w:write("\u{e9}", "latin1")
    helper.put(log, "len=" .. w.writableLength)
    helper.settle()
    assert.are.same(node.length_decoded_bytes, log)
  end)

  -- twin: no_auto_destroy_write_error
  it("autoDestroy = false: after a write error, buffered writes and finish() get it", function()
    local log = {}
    local w
    w = Writable.new({ autoDestroy = false, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      cb(c == "a" and helper.E("bad") or nil)
    end })
    helper.on(w, log, "error", "close", "finish")
    w:write("a", function(e) helper.put(log, "cb1:" .. helper.errtext(e)) end)
    helper.put(log, "ret=" .. tostring(w:write("b", function(e) helper.put(log, "cb2:" .. helper.errtext(e)) end)))
    w:finish(function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    helper.setImmediate(function()
      helper.put(log, ("errored=%s destroyed=%s writable=%s len=%d"):format(helper.errtext(w.errored),
        tostring(w.destroyed), tostring(w.writable), w.writableLength))
    end)
    helper.settle()
    assert.are.same(node.no_auto_destroy_write_error, log)
  end)

  -- twin: no_auto_destroy_errored
  it("autoDestroy = false: errored, not destroyed, not closed", function()
    local log = {}
    local w = Writable.new({ autoDestroy = false, write = function(self, c, e, cb) cb(helper.E("bad")) end })
    helper.on(w, log, "error", "close")
    w:write("x")
    helper.setImmediate(function()
      helper.put(log, ("errored=%s writable=%s destroyed=%s closed=%s"):format(helper.errtext(w.errored),
        tostring(w.writable), tostring(w.destroyed), tostring(w.closed)))
    end)
    helper.settle()
    assert.are.same(node.no_auto_destroy_errored, log)
  end)

  -- twin: close_after_finish
  it("'close' after 'finish': closed and destroyed become true", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w:on("finish", function()
      helper.put(log, ("finish closed=%s fin=%s"):format(tostring(w.closed), tostring(w.writableFinished)))
    end)
    w:on("close", function()
      helper.put(log, ("close closed=%s destroyed=%s"):format(tostring(w.closed), tostring(w.destroyed)))
    end)
    w:finish("x")
    helper.settle()
    assert.are.same(node.close_after_finish, log)
  end)

  -- twin: string_error_destroy
  it("a string error value passes through destroy() unchanged", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w:on("error", function(e) helper.put(log, "error:" .. type(e) .. ":" .. tostring(e)) end)
    helper.on(w, log, "close")
    w:destroy("boom")
    helper.settle()
    assert.are.same(node.string_error_destroy, log)
  end)

  -- twin: string_error_write_cb
  it("a string error value passes through a write callback unchanged", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb("bad") end })
    w:on("error", function(e) helper.put(log, "error:" .. type(e) .. ":" .. tostring(e)) end)
    w:write("x", function(e) helper.put(log, "cb:" .. tostring(e)) end)
    helper.settle()
    assert.are.same(node.string_error_write_cb, log)
  end)

  -- twin: write_errored_destroyed
  it("write() on an errored, destroyed stream returns false", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) helper.nextTick(cb, helper.E("x")) end })
    helper.on(w, log, "error", "close")
    w:write("a")
    helper.setImmediate(function() helper.put(log, "imm") end)
    helper.nextTick(function()
      helper.nextTick(function()
        helper.put(log, "ret=" .. tostring(w:write("b", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)))
      end)
    end)
    helper.settle()
    assert.are.same(node.write_errored_destroyed, log)
  end)

  -- twin: end_chunk_hex
  it("finish(chunk, 'hex') decodes the chunk", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb)
      helper.put(log, "write:" .. helper.hex(c) .. "/" .. e)
      cb()
    end })
    w:finish("cafe", "hex")
    helper.on(w, log, "finish")
    helper.settle()
    assert.are.same(node.end_chunk_hex, log)
  end)

  -- twin: destroy_in_error_listener
  it("destroy() inside the 'error' listener closes once", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(helper.E("bad")) end })
    w:on("error", function(e)
      helper.put(log, "error:" .. helper.errtext(e))
      w:destroy()
    end)
    helper.on(w, log, "close")
    w:write("x")
    helper.settle()
    assert.are.same(node.destroy_in_error_listener, log)
  end)

  it("cstream errors print their code and message", function()
    local w = Writable.new({ write = helper.write_ok })
    local ok, err = pcall(w.write, w, nil)
    assert.is_false(ok)
    local s = tostring(err)
    assert.is_truthy(s:find("ERR_STREAM_NULL_VALUES", 1, true))
    assert.is_truthy(s:find(err.message, 1, true))
    helper.settle()
  end)
  -- twin: write_method_changes
  it("each write calls the instance's _write as it is then, with the caller's spelling", function()
    local log = {}
    local w
    w = Writable.new({
      decodeStrings = false,
      write = function(self, c, e, cb)
        helper.put(log, "a:" .. c .. "/" .. e)
        if c == "two" then
          self._write = function(_, c2, e2, cb2) helper.put(log, "b:" .. c2 .. "/" .. e2); cb2() end
        end
        cb()
      end,
    })
    helper.on(w, log, "finish")
    for _, ce in ipairs({ { "one", "utf8" }, { "two", "hex" }, { "3", "latin1" }, { "4", "utf-8" },
                          { "5", "hex" } }) do
      w:write(ce[1], ce[2])
    end
    w:finish()
    helper.settle()
    assert.are.same(node.write_method_changes, log)
  end)

  -- twin: transform_method_changes
  it("each write calls the instance's _transform as it is then", function()
    local log = {}
    local t = stream.Transform.new({
      decodeStrings = false,
      transform = function(self, c, e, cb)
        helper.put(log, "a:" .. c .. "/" .. e)
        if c == "two" then
          self._transform = function(_, c2, e2, cb2)
            helper.put(log, "b:" .. c2 .. "/" .. e2); cb2(nil, c2)
          end
        end
        cb(nil, c)
      end,
    })
    t:on("data", function(d) helper.put(log, "data:" .. d) end)
    helper.on(t, log, "end")
    for _, ce in ipairs({ { "one", "utf8" }, { "two", "binary" }, { "3", "ascii" }, { "4", "binary" } }) do
      t:write(ce[1], ce[2])
    end
    t:finish()
    helper.settle()
    assert.are.same(node.transform_method_changes, log)
  end)
end)
