-- test-stream-readable-constructor-set-methods.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-constructor-set-methods", function()
  it("read given as an option is used as _read", function()
    local log = {}
    local r = Readable.new({
      read = function(self, n) helper.put(log, "_read:" .. n); self:push(nil) end,
    })
    r:resume()
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "_read:16384", "end" }, log)
  end)

  it("destroy given as an option is used as _destroy", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) helper.put(log, "_destroy"); cb(err) end,
    })
    r:on("close", function() helper.put(log, "close") end)
    r:destroy()
    helper.settle()
    assert.are.same({ "_destroy", "close" }, log)
  end)

  it("_read defined on a subclass", function()
    local log = {}
    local C = Readable:extend()
    function C:_read(n)
      helper.put(log, "_read:" .. n)
      self:push(nil)
    end
    local r = C.new({ highWaterMark = 7 })
    r:resume()
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "_read:7", "end" }, log)
  end)
end)
