-- test-stream-writable-writable.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-writable", function()
  it("destroy() clears writable", function()
    local w = Writable.new({ write = function() end })
    local a = w.writable
    w:destroy()
    local b = w.writable
    helper.settle()
    assert.are.same({ true, false }, { a, b })
  end)

  it("a synchronous write error clears writable at once", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb) cb(helper.E("x")) end })
    helper.put(log, w.writable)
    w:write("asd")
    helper.put(log, w.writable)
    helper.on(w, log, "error")
    helper.settle()
    assert.are.same({ true, false, "error:x" }, log)
  end)

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
    assert.are.same({ "after cb writable=false", "error:x" }, log)
  end)

  it("finish() clears writable", function()
    local log = {}
    local w = Writable.new({ write = function() helper.put(log, "WRITE!") end })
    helper.put(log, w.writable)
    w:finish()
    helper.put(log, w.writable)
    helper.settle()
    assert.are.same({ true, false }, log)
  end)
end)
