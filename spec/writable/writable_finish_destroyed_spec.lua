-- test-stream-writable-finish-destroyed.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_finish_destroyed.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_finish_destroyed.js")

describe("test-stream-writable-finish-destroyed", function()
  -- twin: end_then_destroy
  it("finish(chunk) then destroy(): the write completing on 'close' emits no 'finish'", function()
    local log = {}
    local w
    w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write")
        w:on("close", function()
          helper.put(log, "close->cb")
          cb()
        end)
      end,
    })
    w:finish("asd")
    w:destroy()
    helper.on(w, log, "finish", "close", "error")
    helper.settle()
    assert.are.same(node.end_then_destroy, log)
  end)

  -- twin: end_from_close
  it("finish() from 'close' after the write completes emits no 'finish'", function()
    local log = {}
    local w
    w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write")
        w:on("close", function()
          helper.put(log, "close->cb")
          cb()
          w:finish()
        end)
      end,
    })
    w:write("asd")
    w:destroy()
    helper.on(w, log, "finish", "close", "error")
    helper.settle()
    assert.are.same(node.end_from_close, log)
  end)

  -- twin: destroy_in_finish
  it("destroy() inside 'finish' still closes after the finish callback", function()
    local log = {}
    local w = Writable.new({ write = helper.write_ok })
    w:on("finish", function()
      helper.put(log, "finish")
      w:destroy()
    end)
    helper.on(w, log, "prefinish", "close", "error")
    w:finish("asd", function(err) helper.put(log, "endcb:" .. helper.errtext(err)) end)
    helper.settle()
    assert.are.same(node.destroy_in_finish, log)
  end)
end)
