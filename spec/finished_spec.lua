-- stream.finished, translated from Node's test/parallel/test-stream-finished.js.
-- Its JS twin is test/twins/finished/finished.js; the logs come from its .expected.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local EventEmitter = require("cstream.events").EventEmitter

local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough
local finished = stream.finished

-- Runs the loop to completion; fails when it is still busy after 3 s.
local function run() helper.run(3000) end

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/finished/finished.js.
local node = twin.run("test/twins/finished/finished.js")

describe("test-stream-finished.js", function()
  -- twin: readable_end
  it("Readable: callback without error after 'end'", function()
    local log, L = helper.line_recorder()
    local rs = Readable.new({ read = function() end })
    finished(rs, function(err) L("cb", helper.errtext(err)) end)
    rs:push(nil)
    rs:resume()
    run()
    assert.same(node.readable_end, log)
  end)

  -- twin: writable_finish
  it("Writable: callback without error after 'finish'", function()
    local log, L = helper.line_recorder()
    local ws = Writable.new({ write = function(_, _, _, cb) cb() end })
    finished(ws, function(err) L("cb", helper.errtext(err)) end)
    ws:finish()
    run()
    assert.same(node.writable_finish, log)
  end)

  -- twin: transform_both
  it("Transform: waits for both 'finish' and 'end'", function()
    local log, L = helper.line_recorder()
    local tr = Transform.new({ transform = function(_, _, _, cb) cb() end })
    tr:on("end", function() L("end") end)
    tr:on("finish", function() L("finish") end)
    finished(tr, function(err) L("cb", helper.errtext(err)) end)
    tr:finish()
    tr:resume()
    run()
    assert.same(node.transform_both, log)
  end)

  -- twin: close_after_eof
  it("'close' after EOF is not premature", function()
    local log, L = helper.line_recorder()
    local rs = Readable.new({ read = function() end })
    finished(rs, function(err) L("cb", helper.errtext(err)) end)
    rs:push(nil)
    rs:emit("close")
    rs:resume()
    run()
    assert.same(node.close_after_eof, log)
  end)

  -- twin: close_before_eof
  it("'close' before EOF is ERR_STREAM_PREMATURE_CLOSE", function()
    local log, L = helper.line_recorder()
    local rs = Readable.new({ read = function() end })
    local got
    finished(rs, function(err)
      got = err
      L("cb", helper.errtext(err))
    end)
    rs:emit("close")
    rs:push(nil)
    rs:resume()
    run()
    assert.same(node.close_before_eof, log)
    assert.equal("Premature close", got.message)
  end)

  -- twin: null_options
  it("rejects faulty arguments", function()
    local rs = Readable.new({ read = function() end })
    local ok, err = pcall(finished, rs, "foo")
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
    assert.equal("bad argument #2 to 'finished' (function expected, got string)", err.message)
    ok, err = pcall(finished, rs, "foo", function() end)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
    assert.equal("bad argument #2 to 'finished' (table expected, got string)", err.message)
    ok, err = pcall(finished, rs, {}, "foo")
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
    assert.equal("bad argument #3 to 'finished' (function expected, got string)", err.message)
    local log, L = helper.line_recorder()
    finished(rs, nil, function(e) L("cb", helper.errtext(e)) end)
    rs:push(nil)
    rs:resume()
    run()
    assert.same(node.null_options, log)
  end)

  it("an emitter that is not a stream is ERR_INVALID_ARG_TYPE", function()
    local streamLike = EventEmitter.new()
    streamLike.readableEnded = true
    streamLike.readable = true
    local ok, err = pcall(finished, streamLike, function() end)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
  end)

  -- twin: remove_writable
  it("the returned function removes the listeners (Writable)", function()
    local log, L = helper.line_recorder()
    local ws = Writable.new({ write = function(_, _, _, cb) cb() end })
    local before = ws:listenerCount("finish")
    local remove = finished(ws, function() L("cb") end)
    remove()
    assert.equal(before, ws:listenerCount("finish"))
    ws:on("finish", function() L("finish") end)
    ws:finish()
    run()
    assert.same(node.remove_writable, log)
  end)

  -- twin: remove_readable
  it("the returned function removes the listeners (Readable)", function()
    local log, L = helper.line_recorder()
    local rs = Readable.new({ read = function() end })
    local remove = finished(rs, function() L("cb") end)
    remove()
    rs:emit("close")
    rs:push(nil)
    rs:resume()
    run()
    assert.same(node.remove_readable, log)
  end)

  -- twin: destroy_pending_write
  it("destroy() while a write is pending is premature", function()
    local log, L = helper.line_recorder()
    local w = Writable.new({ write = function(_, _, _, cb) helper.check_immediate(cb) end })
    finished(w, function(err) L("cb", helper.errtext(err)) end)
    w:finish("asd")
    w:destroy()
    run()
    assert.same(node.destroy_pending_write, log)
  end)

  local function testClosed(name, factory)
    describe("already closed " .. name, function()
      -- twin: closed_<name>_cancelled
      it("destroyed, cancelled in the same tick: no callback", function()
        local log, L = helper.line_recorder()
        local s = factory()
        s:destroy()
        local dispose = finished(s, function() L("cb") end)
        dispose()
        run()
        assert.same(node["closed_" .. name .. "_cancelled"], log)
      end)

      -- twin: closed_<name>_destroyed
      it("destroyed: callback", function()
        local log, L = helper.line_recorder()
        local s = factory()
        s:destroy()
        finished(s, function(err) L("cb", helper.errtext(err)) end)
        run()
        assert.same(node["closed_" .. name .. "_destroyed"], log)
      end)

      -- twin: closed_<name>_async_destroy
      it("not before an async _destroy has completed", function()
        local log, L = helper.line_recorder()
        local destroyed = false
        local s = factory({ destroy = function(_, _, cb)
          helper.check_immediate(function()
            destroyed = true
            cb()
          end)
        end })
        s:destroy()
        finished(s, function(err) L("cb", helper.errtext(err), destroyed) end)
        run()
        assert.same(node["closed_" .. name .. "_async_destroy"], log)
      end)

      -- twin: closed_<name>_no_emit_close
      it("even when 'close' is inhibited (emitClose = false)", function()
        local log, L = helper.line_recorder()
        local s
        s = factory({ emitClose = false, destroy = function(_, _, cb)
          cb()
          finished(s, function(err) L("cb", helper.errtext(err)) end)
        end })
        s:destroy()
        run()
        assert.same(node["closed_" .. name .. "_no_emit_close"], log)
      end)

      -- twin: closed_<name>_deep_async
      it("with deep async", function()
        local log, L = helper.line_recorder()
        local s
        s = factory({ destroy = function(_, _, cb)
          helper.check_immediate(function()
            cb()
            helper.check_immediate(function()
              finished(s, function(err) L("cb", helper.errtext(err)) end)
            end)
          end)
        end })
        s:destroy()
        run()
        assert.same(node["closed_" .. name .. "_deep_async"], log)
      end)
    end)
  end

  testClosed("Readable", function(opts)
    opts = opts or {}
    opts.read = function() end
    return Readable.new(opts)
  end)
  testClosed("Writable", function(opts)
    opts = opts or {}
    opts.write = function() end
    return Writable.new(opts)
  end)

  -- twin: no_auto_destroy_finished
  it("autoDestroy = false: finished Writable", function()
    local log, L = helper.line_recorder()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end, autoDestroy = false })
    w:finish("asd")
    stream.nextTick(function()
      finished(w, function(err) L("cb", helper.errtext(err)) end)
    end)
    run()
    assert.same(node.no_auto_destroy_finished, log)
  end)

  -- twin: no_auto_destroy_errored
  it("autoDestroy = false: errored Writable", function()
    local log, L = helper.line_recorder()
    local e = { message = "x" }
    local w = Writable.new({ write = function(_, _, _, cb) cb(e) end, autoDestroy = false })
    w:write("asd")
    w:on("error", function()
      finished(w, function(err) L("cb", err == e) end)
    end)
    run()
    assert.same(node.no_auto_destroy_errored, log)
  end)

  -- twin: no_auto_destroy_ended
  it("autoDestroy = false: ended Readable", function()
    local log, L = helper.line_recorder()
    local r = Readable.new({ read = function() end, autoDestroy = false })
    r:push(nil)
    r:resume()
    r:on("end", function()
      finished(r, function(err) L("cb", helper.errtext(err)) end)
    end)
    run()
    assert.same(node.no_auto_destroy_ended, log)
  end)

  -- twin: writable_state_no_write
  it("an emitter with a writable state but no write() closes prematurely", function()
    local log, L = helper.line_recorder()
    local d = EventEmitter.new()
    local ws = { finished = true }
    d._state = function() return { w = ws } end
    finished(d, { readable = false, writable = true }, function(err) L("cb", helper.errtext(err)) end)
    ws.errored = true
    d:emit("close")
    run()
    assert.same(node.writable_state_no_write, log)
  end)

  -- twin: destroy_buffered
  it("destroy() with data still buffered is premature", function()
    local log, L = helper.line_recorder()
    local r = Readable.new({ read = function() end })
    finished(r, function(err) L("cb", helper.errtext(err)) end)
    r:push("asd")
    r:push(nil)
    r:destroy()
    run()
    assert.same(node.destroy_buffered, log)
  end)

  -- twin: duplex_readable_before_end
  it("Duplex, readable side only, registered before end()", function()
    local log, L = helper.line_recorder()
    local d = Duplex.new({
      final = function() end, -- never finishes the writable side
      read = function(self) self:push(nil) end,
    })
    d:on("end", function() L("end") end)
    finished(d, { readable = true, writable = false }, function(err) L("cb", helper.errtext(err)) end)
    d:finish()
    d:resume()
    run()
    assert.same(node.duplex_readable_before_end, log)
  end)

  -- twin: duplex_readable_after_end
  it("Duplex, readable side only, registered after end()", function()
    local log, L = helper.line_recorder()
    local d = Duplex.new({
      final = function() end,
      read = function(self) self:push(nil) end,
    })
    d:on("end", function() L("end") end)
    d:finish()
    finished(d, { readable = true, writable = false }, function(err) L("cb", helper.errtext(err)) end)
    d:resume()
    run()
    assert.same(node.duplex_readable_after_end, log)
  end)

  -- twin: unread_passthrough
  it("an unread PassThrough is not finished", function()
    local log, L = helper.line_recorder()
    local p = PassThrough.new()
    p:finish()
    finished(p, function() L("cb") end)
    run()
    assert.same(node.unread_passthrough, log)
  end)

  -- twin: unread_passthrough_after_finish
  it("an unread PassThrough is not finished after 'finish'", function()
    local log, L = helper.line_recorder()
    local p = PassThrough.new()
    p:finish()
    p:on("finish", function()
      L("finish")
      finished(p, function() L("cb") end)
    end)
    run()
    assert.same(node.unread_passthrough_after_finish, log)
  end)

  -- twin: aborted_field
  it("waits for 'close' when the stream has an 'aborted' field", function()
    local log, L = helper.line_recorder()
    local w = Writable.new({ write = function(_, _, _, cb) stream.nextTick(cb) end })
    w.aborted = false
    w:finish()
    local closed = false
    w:on("finish", function()
      L("finish", closed)
      w:emit("aborted")
    end)
    w:on("close", function()
      closed = true
      L("close")
    end)
    finished(w, function(err) L("cb", helper.errtext(err), closed) end)
    run()
    assert.same(node.aborted_field, log)
  end)

  -- twin: destroy_err_again
  it("destroy(err): callback(err), again when registered after 'close'", function()
    local log, L = helper.line_recorder()
    local w = Writable.new({ write = function() end })
    local e = { message = "E" }
    w:destroy(e)
    assert.equal(e, w.errored)
    finished(w, function(err)
      L("cb", err == e, w.closed)
      finished(w, function(err2) L("cb2", err2 == e) end)
    end)
    run()
    assert.same(node.destroy_err_again, log)
  end)

  -- twin: destroy_again
  it("destroy(): premature close, again when registered after 'close'", function()
    local log, L = helper.line_recorder()
    local w = Writable.new({ write = function() end })
    w:destroy()
    assert.is_nil(w.errored)
    finished(w, function(err)
      L("cb", helper.errtext(err), w.closed)
      finished(w, function(err2) L("cb2", helper.errtext(err2)) end)
    end)
    run()
    assert.same(node.destroy_again, log)
  end)

  -- twin: legacy_never
  it("a legacy stream is never known to be finished", function()
    local log, L = helper.line_recorder()
    local s = EventEmitter.new()
    s.pipe = function(_, dest) return dest end
    finished(s, function() L("cb") end)
    run()
    assert.same(node.legacy_never, log)
  end)

  -- twin: legacy_emitters
  it("legacy emitters: 'finish', 'end', 'close' and 'error'", function()
    local log, L = helper.line_recorder()
    local function writableLike()
      local s = EventEmitter.new()
      function s.write() return true end
      return s
    end
    local a = writableLike()
    finished(a, function(e) L("A", helper.errtext(e)) end)
    a:emit("finish")
    local b = writableLike()
    finished(b, function(e) L("B", helper.errtext(e)) end)
    b:emit("end")
    local c = writableLike()
    c.writable = true
    finished(c, function(e) L("C", helper.errtext(e)) end)
    c:emit("end") -- still writable: not done yet
    L("C after end")
    c.writable = false
    c:emit("close")
    local d = writableLike()
    finished(d, function(e) L("D", helper.errtext(e)) end)
    d:emit("error", { message = "x" })
    local e = EventEmitter.new()
    function e.pipe() end
    finished(e, function(err) L("E", helper.errtext(err)) end)
    e:emit("close") -- no pause/resume: not known to be premature
    run()
    assert.same(node.legacy_emitters, log)
  end)

  -- twin: readable_false_pending_cb
  it("{ readable = false } waits for pending write callbacks", function()
    local log, L = helper.line_recorder()
    local isCalled = false
    local s
    s = Duplex.new({
      read = function() end,
      write = function(_, _, _, cb)
        helper.check_immediate(function()
          isCalled = true
          cb()
        end)
      end,
    })
    s:finish("foo")
    finished(s, { readable = false }, function(err)
      L("cb", helper.errtext(err), isCalled, s:_state().w.pendingcb)
    end)
    run()
    assert.same(node.readable_false_pending_cb, log)
  end)
end)
