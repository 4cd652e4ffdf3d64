-- test-stream-writable-constructor-set-methods.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- "chunk/encoding|chunk/encoding" as the twins print a _writev batch; bytes
-- (encoding "buffer") as hex.
local function batch(chunks)
  local out = {}
  for i, c in ipairs(chunks) do
    local v = c.encoding == "buffer" and helper.hex(c.chunk) or c.chunk
    out[i] = v .. "/" .. tostring(c.encoding)
  end
  return table.concat(out, "|")
end

local function joined(chunks)
  local out = {}
  for i, c in ipairs(chunks) do out[i] = c.chunk end
  return table.concat(out, ",")
end

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/writable/writable_constructor_set_methods.js.
local node = twin.run("test/twins/writable/writable_constructor_set_methods.js")

describe("test-stream-writable-constructor-set-methods", function()
  it("option functions are what w._write and w._writev return", function()
    local function write(self, c, e, cb) cb() end
    local function writev(self, chunks, cb) cb() end
    local w = Writable.new({ write = write, writev = writev })
    assert.are.equal(write, w._write)
    assert.are.equal(writev, w._writev)
    helper.settle()
  end)

  -- twin: instance_write
  it("_write assigned on the instance after construction is used", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, chunk, enc, cb)
      helper.put(log, "write:" .. chunk .. "/" .. tostring(self == w))
      cb()
    end
    helper.on(w, log, "finish", "error")
    w:finish("blerg")
    helper.settle()
    assert.are.same(node.instance_write, log)
  end)

  -- Node 20 throws out of end()/write() here (its default _write throws); API.md
  -- §3 destroys the stream instead, as a raise inside _write would.
  it("no _write: finish(chunk) destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local w = Writable.new()
    helper.on(w, log, "error", "close", "finish")
    w:finish("blerg")
    helper.put(log, "sync destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "sync destroyed=true", "error:ERR_METHOD_NOT_IMPLEMENTED", "close" }, log)
  end)

  it("no _write: write() destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local w = Writable.new()
    helper.on(w, log, "error", "close")
    w:write("blerg", function(err) helper.put(log, "cb:" .. helper.errtext(err)) end)
    helper.put(log, "sync destroyed=" .. tostring(w.destroyed))
    helper.settle()
    assert.are.same({ "sync destroyed=true", "error:ERR_METHOD_NOT_IMPLEMENTED", "close" }, log)
  end)

  -- twin: no_write_end_empty
  it("no _write: finish() without data needs no _write and finishes", function()
    local log = {}
    local w = Writable.new()
    helper.on(w, log, "error", "finish", "close")
    w:finish()
    helper.settle()
    assert.are.same(node.no_write_end_empty, log)
  end)
end)

describe("test-stream-writable-constructor-set-methods", function()
  -- twin: write_and_writev
  it("write and writev options: single write, then a corked pair in one _writev", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. joined(chunks))
        cb()
      end,
    })
    helper.on(w, log, "finish", "close")
    w:write("blerg")
    w:cork()
    w:write("blerg2")
    w:write("blerg3")
    w:finish()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.write_and_writev, log)
  end)

  -- twin: writev_alone
  it("a writev option alone serves single writes as one-chunk batches", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. batch(chunks))
        cb()
      end,
    })
    helper.on(w, log, "finish", "close")
    w:write("a")
    w:write("b")
    w:write("c")
    w:finish()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.writev_alone, log)
  end)

  -- twin: subclass_methods
  it("_write and _writev defined on a subclass", function()
    local log = {}
    local W = Writable:extend()
    function W:_write(c, e, cb)
      helper.put(log, "write:" .. c)
      cb()
    end
    function W:_writev(chunks, cb)
      helper.put(log, "writev:" .. joined(chunks))
      cb()
    end
    local w = W.new()
    helper.on(w, log, "finish")
    w:write("x")
    w:cork()
    w:write("y")
    w:write("z")
    w:finish()
    helper.settle()
    assert.are.same(node.subclass_methods, log)
  end)
end)
