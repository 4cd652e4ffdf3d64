-- Lua errors inside implementation functions: cstream behaviour beyond Node's own tests; sequences from test/twins/writable/writable_implementation_errors.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_implementation_errors.js")

-- API.md §3: a Lua error raised inside an implementation function destroys the
-- stream with that error. The JS twins call destroy(err) at the point of the raise
-- (Node itself catches throws in _final, _construct and _destroy the same way).
describe("Lua errors inside implementation functions", function()
  -- twin: raised_in_write
  it("raised in _write: 'error' with the raised value, then 'close'; no callback", function()
    local log, seen = {}, nil
    local boom = helper.E("boom")
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write")
        error(boom)
      end,
    })
    helper.on(w, log, "error", "close", "finish")
    w:on("error", function(err) seen = err end)
    w:write("x", function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same(node.raised_in_write, log)
    assert.are.equal(boom, seen)
    assert.are.equal(boom, w.errored)
  end)

  -- twin: string_raised_in_write
  it("a string raised in _write reaches 'error' with its text", function()
    local log, seen = {}, nil
    local w = Writable.new({ write = function() error("fhqwhgads") end })
    w:on("error", function(err) seen = err end)
    helper.on(w, log, "close")
    w:write("x")
    helper.settle()
    assert.are.same(node.string_raised_in_write, log)
    assert.is_truthy(tostring(seen):find("fhqwhgads", 1, true))
  end)

  -- twin: raised_in_write_during_end
  it("raised in _write during finish(chunk, cb): the callback gets ERR_STREAM_DESTROYED", function()
    local log = {}
    local w = Writable.new({
      write = function()
        helper.put(log, "write")
        error(helper.E("boom"))
      end,
    })
    helper.on(w, log, "error", "close", "finish")
    w:finish("x", function(err) helper.put(log, "endcb:" .. helper.errtext(err)) end)
    helper.put(log, "sync destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same(node.raised_in_write_during_end, log)
  end)

  -- twin: raised_with_write_buffered
  it("raised in _write with a write buffered behind it", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        if c == "a" then error(helper.E("boom")) end
        cb()
      end,
    })
    helper.on(w, log, "error", "close", "finish")
    w:write("a", function(err) helper.put(log, "cb1:" .. helper.errtext(err)) end)
    w:write("b", function(err) helper.put(log, "cb2:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.raised_with_write_buffered, log)
  end)

  -- twin: raised_in_writev
  it("raised in _writev", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. #chunks)
        error(helper.E("boom"))
      end,
      write = helper.write_ok,
    })
    helper.on(w, log, "error", "close", "finish")
    w:cork()
    w:write("a", function(err) helper.put(log, "cb1:" .. helper.errtext(err)) end)
    w:write("b", function(err) helper.put(log, "cb2:" .. helper.errtext(err)) end)
    w:uncork()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.raised_in_writev, log)
  end)

  -- twin: raised_in_construct
  it("raised in _construct: buffered write fails, then 'error', 'close'", function()
    local log = {}
    local w = Writable.new({
      construct = function()
        helper.put(log, "construct")
        error(helper.E("boom"))
      end,
      write = helper.write_ok,
    })
    helper.on(w, log, "error", "close", "finish")
    w:write("x", function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.raised_in_construct, log)
  end)

  -- twin: raised_in_destroy
  it("raised in _destroy: destroy() does not raise; 'error', then 'close'", function()
    local log = {}
    local w = Writable.new({
      destroy = function()
        helper.put(log, "_destroy")
        error(helper.E("boom"))
      end,
      write = helper.write_ok,
    })
    helper.on(w, log, "error", "close")
    local ok, err = pcall(w.destroy, w)
    if not ok then helper.put(log, "threw:" .. helper.errtext(err)) end
    helper.settle()
    assert.are.same(node.raised_in_destroy, log)
  end)
end)
