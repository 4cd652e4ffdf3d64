-- stream.finished, translated from Node's test/parallel/test-stream-finished.js.
-- Expected values were checked against node v20 (same cases, same logs).
local helper = require("spec.helper")
local stream = require("cstream")
local EventEmitter = require("cstream.events").EventEmitter

local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough
local finished = stream.finished

local code = helper.errtext

-- Node's setImmediate: a check handle, after the loop has drained the ticks.
local setImmediate = helper.check_immediate

-- Runs the loop to completion; fails when it is still busy after 3 s.
local function run() helper.run(3000) end

local recorder = helper.line_recorder

describe("test-stream-finished.js", function()
  it("Readable: callback without error after 'end'", function()
    local log, L = recorder()
    local rs = Readable.new({ read = function() end })
    finished(rs, function(err) L("cb", code(err)) end)
    rs:push(nil)
    rs:resume()
    run()
    assert.same({ "cb nil" }, log)
  end)

  it("Writable: callback without error after 'finish'", function()
    local log, L = recorder()
    local ws = Writable.new({ write = function(_, _, _, cb) cb() end })
    finished(ws, function(err) L("cb", code(err)) end)
    ws:finish()
    run()
    assert.same({ "cb nil" }, log)
  end)

  it("Transform: waits for both 'finish' and 'end'", function()
    local log, L = recorder()
    local tr = Transform.new({ transform = function(_, _, _, cb) cb() end })
    tr:on("end", function() L("end") end)
    tr:on("finish", function() L("finish") end)
    finished(tr, function(err) L("cb", code(err)) end)
    tr:finish()
    tr:resume()
    run()
    assert.same({ "finish", "end", "cb nil" }, log)
  end)

  it("'close' after EOF is not premature", function()
    local log, L = recorder()
    local rs = Readable.new({ read = function() end })
    finished(rs, function(err) L("cb", code(err)) end)
    rs:push(nil)
    rs:emit("close")
    rs:resume()
    run()
    assert.same({ "cb nil" }, log)
  end)

  it("'close' before EOF is ERR_STREAM_PREMATURE_CLOSE", function()
    local log, L = recorder()
    local rs = Readable.new({ read = function() end })
    local got
    finished(rs, function(err)
      got = err
      L("cb", code(err))
    end)
    rs:emit("close")
    rs:push(nil)
    rs:resume()
    run()
    assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE" }, log)
    assert.equal("Premature close", got.message)
  end)

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
    local log, L = recorder()
    finished(rs, nil, function(e) L("cb", code(e)) end)
    rs:push(nil)
    rs:resume()
    run()
    assert.same({ "cb nil" }, log)
  end)

  it("an emitter that is not a stream is ERR_INVALID_ARG_TYPE", function()
    local streamLike = EventEmitter.new()
    streamLike.readableEnded = true
    streamLike.readable = true
    local ok, err = pcall(finished, streamLike, function() end)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
  end)

  it("the returned function removes the listeners (Writable)", function()
    local log, L = recorder()
    local ws = Writable.new({ write = function(_, _, _, cb) cb() end })
    local before = ws:listenerCount("finish")
    local remove = finished(ws, function() L("cb") end)
    remove()
    assert.equal(before, ws:listenerCount("finish"))
    ws:on("finish", function() L("finish") end)
    ws:finish()
    run()
    assert.same({ "finish" }, log)
  end)

  it("the returned function removes the listeners (Readable)", function()
    local log, L = recorder()
    local rs = Readable.new({ read = function() end })
    local remove = finished(rs, function() L("cb") end)
    remove()
    rs:emit("close")
    rs:push(nil)
    rs:resume()
    run()
    assert.same({}, log)
  end)

  it("destroy() while a write is pending is premature", function()
    local log, L = recorder()
    local w = Writable.new({ write = function(_, _, _, cb) setImmediate(cb) end })
    finished(w, function(err) L("cb", code(err)) end)
    w:finish("asd")
    w:destroy()
    run()
    assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE" }, log)
  end)

  local function testClosed(name, factory)
    describe("already closed " .. name, function()
      it("destroyed, cancelled in the same tick: no callback", function()
        local log, L = recorder()
        local s = factory()
        s:destroy()
        local dispose = finished(s, function() L("cb") end)
        dispose()
        run()
        assert.same({}, log)
      end)

      it("destroyed: callback", function()
        local log, L = recorder()
        local s = factory()
        s:destroy()
        finished(s, function(err) L("cb", code(err)) end)
        run()
        assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE" }, log)
      end)

      it("not before an async _destroy has completed", function()
        local log, L = recorder()
        local destroyed = false
        local s = factory({ destroy = function(_, _, cb)
          setImmediate(function()
            destroyed = true
            cb()
          end)
        end })
        s:destroy()
        finished(s, function(err) L("cb", code(err), destroyed) end)
        run()
        assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE true" }, log)
      end)

      it("even when 'close' is inhibited (emitClose = false)", function()
        local log, L = recorder()
        local s
        s = factory({ emitClose = false, destroy = function(_, _, cb)
          cb()
          finished(s, function(err) L("cb", code(err)) end)
        end })
        s:destroy()
        run()
        assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE" }, log)
      end)

      it("with deep async", function()
        local log, L = recorder()
        local s
        s = factory({ destroy = function(_, _, cb)
          setImmediate(function()
            cb()
            setImmediate(function()
              finished(s, function(err) L("cb", code(err)) end)
            end)
          end)
        end })
        s:destroy()
        run()
        assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE" }, log)
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

  it("autoDestroy = false: finished Writable", function()
    local log, L = recorder()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end, autoDestroy = false })
    w:finish("asd")
    stream.nextTick(function()
      finished(w, function(err) L("cb", code(err)) end)
    end)
    run()
    assert.same({ "cb nil" }, log)
  end)

  it("autoDestroy = false: errored Writable", function()
    local log, L = recorder()
    local e = { message = "x" }
    local w = Writable.new({ write = function(_, _, _, cb) cb(e) end, autoDestroy = false })
    w:write("asd")
    w:on("error", function()
      finished(w, function(err) L("cb", err == e) end)
    end)
    run()
    assert.same({ "cb true" }, log)
  end)

  it("autoDestroy = false: ended Readable", function()
    local log, L = recorder()
    local r = Readable.new({ read = function() end, autoDestroy = false })
    r:push(nil)
    r:resume()
    r:on("end", function()
      finished(r, function(err) L("cb", code(err)) end)
    end)
    run()
    assert.same({ "cb nil" }, log)
  end)

  it("an emitter with a writable state but no write() closes prematurely", function()
    local log, L = recorder()
    local d = EventEmitter.new()
    local ws = { finished = true }
    d._state = function() return { w = ws } end
    finished(d, { readable = false, writable = true }, function(err) L("cb", code(err)) end)
    ws.errored = true
    d:emit("close")
    run()
    assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE" }, log)
  end)

  it("destroy() with data still buffered is premature", function()
    local log, L = recorder()
    local r = Readable.new({ read = function() end })
    finished(r, function(err) L("cb", code(err)) end)
    r:push("asd")
    r:push(nil)
    r:destroy()
    run()
    assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE" }, log)
  end)

  it("Duplex, readable side only, registered before end()", function()
    local log, L = recorder()
    local d = Duplex.new({
      final = function() end, -- never finishes the writable side
      read = function(self) self:push(nil) end,
    })
    d:on("end", function() L("end") end)
    finished(d, { readable = true, writable = false }, function(err) L("cb", code(err)) end)
    d:finish()
    d:resume()
    run()
    assert.same({ "end", "cb nil" }, log)
  end)

  it("Duplex, readable side only, registered after end()", function()
    local log, L = recorder()
    local d = Duplex.new({
      final = function() end,
      read = function(self) self:push(nil) end,
    })
    d:on("end", function() L("end") end)
    d:finish()
    finished(d, { readable = true, writable = false }, function(err) L("cb", code(err)) end)
    d:resume()
    run()
    assert.same({ "end", "cb nil" }, log)
  end)

  it("an unread PassThrough is not finished", function()
    local log, L = recorder()
    local p = PassThrough.new()
    p:finish()
    finished(p, function() L("cb") end)
    run()
    assert.same({}, log)
  end)

  it("an unread PassThrough is not finished after 'finish'", function()
    local log, L = recorder()
    local p = PassThrough.new()
    p:finish()
    p:on("finish", function()
      L("finish")
      finished(p, function() L("cb") end)
    end)
    run()
    assert.same({ "finish" }, log)
  end)

  it("waits for 'close' when the stream has an 'aborted' field", function()
    local log, L = recorder()
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
    finished(w, function(err) L("cb", code(err), closed) end)
    run()
    assert.same({ "finish false", "close", "cb nil true" }, log)
  end)

  it("destroy(err): callback(err), again when registered after 'close'", function()
    local log, L = recorder()
    local w = Writable.new({ write = function() end })
    local e = { message = "E" }
    w:destroy(e)
    assert.equal(e, w.errored)
    finished(w, function(err)
      L("cb", err == e, w.closed)
      finished(w, function(err2) L("cb2", err2 == e) end)
    end)
    run()
    assert.same({ "cb true true", "cb2 true" }, log)
  end)

  it("destroy(): premature close, again when registered after 'close'", function()
    local log, L = recorder()
    local w = Writable.new({ write = function() end })
    w:destroy()
    assert.is_nil(w.errored)
    finished(w, function(err)
      L("cb", code(err), w.closed)
      finished(w, function(err2) L("cb2", code(err2)) end)
    end)
    run()
    assert.same({ "cb ERR_STREAM_PREMATURE_CLOSE true", "cb2 ERR_STREAM_PREMATURE_CLOSE" }, log)
  end)

  it("a legacy stream is never known to be finished", function()
    local log, L = recorder()
    local s = EventEmitter.new()
    s.pipe = function(_, dest) return dest end
    finished(s, function() L("cb") end)
    run()
    assert.same({}, log)
  end)

  it("legacy emitters: 'finish', 'end', 'close' and 'error'", function()
    local log, L = recorder()
    local function writableLike()
      local s = EventEmitter.new()
      function s.write() return true end
      return s
    end
    local a = writableLike()
    finished(a, function(e) L("A", code(e)) end)
    a:emit("finish")
    local b = writableLike()
    finished(b, function(e) L("B", code(e)) end)
    b:emit("end")
    local c = writableLike()
    c.writable = true
    finished(c, function(e) L("C", code(e)) end)
    c:emit("end") -- still writable: not done yet
    L("C after end")
    c.writable = false
    c:emit("close")
    local d = writableLike()
    finished(d, function(e) L("D", code(e)) end)
    d:emit("error", { message = "x" })
    local e = EventEmitter.new()
    function e.pipe() end
    finished(e, function(err) L("E", code(err)) end)
    e:emit("close") -- no pause/resume: not known to be premature
    run()
    assert.same({ "A nil", "B nil", "C after end", "C nil", "D x", "E nil" }, log)
  end)

  it("{ readable = false } waits for pending write callbacks", function()
    local log, L = recorder()
    local isCalled = false
    local s
    s = Duplex.new({
      read = function() end,
      write = function(_, _, _, cb)
        setImmediate(function()
          isCalled = true
          cb()
        end)
      end,
    })
    s:finish("foo")
    finished(s, { readable = false }, function(err)
      L("cb", code(err), isCalled, s:_state().w.pendingcb)
    end)
    run()
    assert.same({ "cb nil true 0" }, log)
  end)
end)
