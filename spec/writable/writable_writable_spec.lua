-- test-stream-writable-writable.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_writable.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_writable.js")

describe("test-stream-writable-writable", function()
  -- twin: destroy_clears
  it("destroy() clears writable", function()
    local w = Writable.new({ write = function() end })
    local a = w.writable
    w:destroy()
    local b = w.writable
    helper.settle()
    assert.are.same(node.destroy_clears, twin.strings({ a, b }))
  end)

  -- twin: sync_error_clears
  it("a synchronous write error clears writable at once", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(helper.E("x")) end })
    helper.put(log, w.writable)
    w:write("asd")
    helper.put(log, w.writable)
    helper.on(w, log, "error")
    helper.settle()
    assert.are.same(node.sync_error_clears, twin.strings(log))
  end)

  -- twin: async_error_clears
  it("an asynchronous write error clears writable when called back", function()
    local log = {}
    local w
    w = Writable.new({ write = function(self, c, e, cb)
      helper.nextTick(function()
        cb(helper.E("x"))
        helper.put(log, "after cb writable=" .. tostring(w.writable))
      end)
    end })
    w:write("asd")
    helper.on(w, log, "error")
    helper.settle()
    assert.are.same(node.async_error_clears, log)
  end)

  -- twin: end_clears
  it("finish() clears writable", function()
    local log = {}
    local w = Writable.new({ write = function() helper.put(log, "WRITE!") end })
    helper.put(log, w.writable)
    w:finish()
    helper.put(log, w.writable)
    helper.settle()
    assert.are.same(node.end_clears, twin.strings(log))
  end)
end)
