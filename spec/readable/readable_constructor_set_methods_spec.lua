-- test-stream-readable-constructor-set-methods.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_constructor_set_methods.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_constructor_set_methods.js")

describe("test-stream-readable-constructor-set-methods", function()
  -- twin: read_option
  it("read given as an option is used as _read", function()
    local log = {}
    local r = Readable.new({
      read = function(self, n) helper.put(log, "_read:" .. n); self:push(nil) end,
    })
    r:resume()
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.read_option, log)
  end)

  -- twin: destroy_option
  it("destroy given as an option is used as _destroy", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, err, cb) helper.put(log, "_destroy"); cb(err) end,
    })
    r:on("close", function() helper.put(log, "close") end)
    r:destroy()
    helper.settle()
    assert.are.same(node.destroy_option, log)
  end)

  -- twin: subclass_read
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
    assert.are.same(node.subclass_read, log)
  end)
end)
