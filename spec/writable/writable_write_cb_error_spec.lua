-- test-stream-writable-write-cb-error.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-write-cb-error", function()
  it("synchronous error: callback before 'error'", function()
    local log = {}
    local w = Writable.new({ write = function(self, b, e, cb)
      helper.put(log, "write")
      cb(helper.E("x"))
    end })
    helper.on(w, log, "error", "close")
    w:write("hi", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "write", "sync", "cb:x", "error:x", "close" }, log)
  end)

  it("asynchronous error: callback before 'error'", function()
    local log = {}
    local w = Writable.new({ write = function(self, b, e, cb)
      helper.put(log, "write")
      helper.nextTick(cb, helper.E("x"))
    end })
    helper.on(w, log, "error", "close")
    w:write("hi", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same({ "write", "cb:x", "error:x", "close" }, log)
  end)

  it("a synchronous error stops a while(write()) loop at once", function()
    local log = {}
    local w = Writable.new({ write = function(self, b, e, cb)
      helper.put(log, "write")
      cb(helper.E("x"))
    end })
    helper.on(w, log, "error")
    local cnt = 0
    while w:write("a") do
      cnt = cnt + 1
      if cnt > 10 then break end
    end
    helper.put(log, "cnt=" .. cnt)
    helper.settle()
    assert.are.same({ "write", "cnt=0", "error:x" }, log)
  end)
end)
