-- test-stream-writable-write-cb-error.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_write_cb_error.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_write_cb_error.js")

describe("test-stream-writable-write-cb-error", function()
  -- twin: sync_error
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
    assert.are.same(node.sync_error, log)
  end)

  -- twin: async_error
  it("asynchronous error: callback before 'error'", function()
    local log = {}
    local w = Writable.new({ write = function(self, b, e, cb)
      helper.put(log, "write")
      helper.nextTick(cb, helper.E("x"))
    end })
    helper.on(w, log, "error", "close")
    w:write("hi", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same(node.async_error, log)
  end)

  -- twin: stops_write_loop
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
    assert.are.same(node.stops_write_loop, log)
  end)
end)
