-- Transform:extend() subclasses: cstream behaviour beyond Node's own tests; sequences from test/twins/transform/transform_extend.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/transform/transform_extend.js")

-- API.md section 3: subclassing with extend(), and Lua errors in implementations.
describe("Transform:extend() subclasses", function()
  -- twin: transform_and_flush
  it("a subclass overrides _transform and _flush", function()
    local log = {}
    local Upper = Transform:extend()
    function Upper:initialize(_, suffix) self.suffix = suffix end
    function Upper:_transform(chunk, _, cb) cb(nil, chunk:upper()) end
    function Upper:_flush(cb) cb(nil, self.suffix) end
    local u = Upper.new(nil, "!")
    u:on("data", function(d) helper.put(log, d) end)
    u:on("end", function() helper.put(log, "end") end)
    u:write("ab")
    u["end"](u, "cd")
    helper.settle()
    assert.are.same(node.transform_and_flush, log)
    assert.is_true(Upper:isInstance(u))
    assert.is_true(Transform:isInstance(u))
  end)

  -- twin: sub_subclass
  it("a sub-subclass overrides only _flush and keeps the parent's _transform", function()
    local log = {}
    local Upper = Transform:extend()
    function Upper:_transform(chunk, _, cb) cb(nil, chunk:upper()) end
    local Counted = Upper:extend()
    function Counted:_transform(chunk, enc, cb)
      self.n = (self.n or 0) + 1
      return Upper._transform(self, chunk, enc, cb)
    end
    function Counted:_flush(cb)
      self:push("#" .. self.n)
      cb()
    end
    local c = Counted.new()
    c:on("data", function(d) helper.put(log, d) end)
    c:on("end", function() helper.put(log, "end") end)
    c:write("x")
    c:write("y")
    c["end"](c)
    helper.settle()
    assert.are.same(node.sub_subclass, log)
    assert.is_true(Upper:isInstance(c))
    assert.is_false(Counted:isInstance(Upper.new()))
  end)

  -- twin: options_win
  it("options win over class methods", function()
    local log = {}
    local Upper = Transform:extend()
    function Upper:_transform(chunk, _, cb) cb(nil, chunk:upper()) end
    local u = Upper.new({ transform = function(_, chunk, _, cb) cb(nil, chunk:rep(2)) end })
    u:on("data", function(d) helper.put(log, d) end)
    u["end"](u, "ab")
    helper.settle()
    assert.are.same(node.options_win, log)
  end)
end)
