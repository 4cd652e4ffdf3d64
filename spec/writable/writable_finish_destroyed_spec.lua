-- test-stream-writable-finish-destroyed.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-writable-finish-destroyed", function()
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
    assert.are.same({ "write", "close->cb", "close" }, log)
  end)

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
    assert.are.same({ "write", "close->cb", "close" }, log)
  end)

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
    assert.are.same({ "prefinish", "endcb:nil", "finish", "close" }, log)
  end)
end)
