-- test-stream-writable-end-cb-error.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_end_cb_error.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_end_cb_error.js")

describe("test-stream-writable-end-cb-error", function()
  -- twin: every_end_cb
  it("every finish() callback gets the write error", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, "write")
      helper.nextTick(cb, helper.E("kaboom"))
    end
    helper.on(w, log, "error", "close")
    w:write("asd")
    w:finish(function(err) helper.put(log, "end1:" .. helper.errtext(err)) end)
    w:finish(function(err) helper.put(log, "end2:" .. helper.errtext(err)) end)
    helper.settle()
    assert.are.same(node.every_end_cb, log)
  end)

  -- twin: end_cb_once
  it("the finish() callback is not called again by a later 'error'", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) helper.nextTick(cb) end
    w:finish("asd", function(err) helper.put(log, "endcb:" .. helper.errtext(err)) end)
    helper.on(w, log, "error", "close")
    w:on("finish", function()
      helper.put(log, "finish")
      w:emit("error", helper.E("kaboom"))
    end)
    helper.settle()
    assert.are.same(node.end_cb_once, log)
  end)

  -- (Node's test also passes a 'finish' option, a typo with no effect; left out.)
  -- twin: end_chunk_after_end
  it("finish(chunk) after finish() fails every pending callback with WRITE_AFTER_END", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) helper.setImmediate(cb) end })
    w:finish("testing ended state", function(err) helper.put(log, "end1:" .. helper.errtext(err)) end)
    helper.put(log, ("d=%s ended=%s"):format(tostring(w.destroyed), tostring(w.writableEnded)))
    w:finish(function(err) helper.put(log, "end2:" .. helper.errtext(err)) end)
    helper.put(log, ("d=%s ended=%s"):format(tostring(w.destroyed), tostring(w.writableEnded)))
    w:finish("end", function(err) helper.put(log, "end3:" .. helper.errtext(err)) end)
    helper.put(log, ("d=%s"):format(tostring(w.destroyed)))
    helper.on(w, log, "error", "finish", "close")
    helper.settle()
    assert.are.same(node.end_chunk_after_end, log)
  end)
end)
