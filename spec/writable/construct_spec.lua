-- test-stream-construct.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-construct (Writable)", function()
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
    assert.are.same({ "construct", "error:ERR_MULTIPLE_CALLBACK", "close" }, log)
  end)

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
    assert.are.same({ "construct", "error:test", "close" }, log)
  end)

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
    assert.are.same({ "construct", "error:test", "close" }, log)
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

  it("destroy() during construct closes after construct", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "close", "error")
    s:destroy()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "sync", "construct", "constructed", "close" }, log)
  end)

  it("destroy(nil, cb) during construct calls cb after construct", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "close", "error")
    s:destroy(nil, function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "sync", "construct", "constructed", "cb:nil", "close" }, log)
  end)

  it("destroy(err, cb) during construct: cb(err), 'error', 'close'", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "close", "error")
    s:destroy(helper.E("kaboom"), function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "sync", "construct", "constructed", "cb:kaboom", "error:kaboom", "close" }, log)
  end)

  it("destroy(err) during construct: 'error' then 'close' after construct", function()
    local log = {}
    local s = pending(log)
    helper.on(s, log, "error", "close")
    s:destroy(helper.E("kaboom"))
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "sync", "construct", "constructed", "error:kaboom", "close" }, log)
  end)

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
    assert.are.same({ "sync", "construct", "constructed", "write:data", "final",
                      "prefinish", "finish", "close" }, log)
  end)

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
    assert.are.same({ "sync", "construct", "constructed", "final", "prefinish", "finish", "close" }, log)
  end)

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
    assert.are.same({ "ret=true", "len=1", "sync", "construct", "constructed", "write:a",
                      "write:b", "cb:a", "cb:b", "finish", "close" }, log)
  end)

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
    assert.are.same({ "sync", "construct", "write:a", "finish", "close" }, log)
  end)

  it("a construct option is called with the stream as self", function()
    local got
    local w
    w = Writable.new({ construct = function(self, cb) got = self; cb() end, write = helper.write_ok })
    helper.settle()
    assert.are.equal(w, got)
  end)
end)
