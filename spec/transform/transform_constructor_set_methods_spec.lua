-- test-stream-transform-constructor-set-methods.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Transform = stream.Transform
local twin = require("spec.twin")
local node = twin.run("test/twins/transform/transform_constructor_set_methods.js")

describe("test-stream-transform-constructor-set-methods", function()
  -- twin: options_become_methods
  it("transform/flush options become _transform/_flush", function()
    local log = {}
    local function _transform(_, _, _, n)
      helper.put(log, "_transform")
      n()
    end
    local function _flush(_, n)
      helper.put(log, "_flush")
      n()
    end
    local t = Transform.new({ transform = _transform, flush = _flush })
    t["end"](t, "blerg")
    t:resume()
    helper.put(log, t._transform == _transform, t._flush == _flush)
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.options_become_methods, twin.strings(log))
  end)

  -- Node throws from end() here (its default _transform throws synchronously);
  -- API.md section 3 makes that a destroy with ERR_METHOD_NOT_IMPLEMENTED.
  it("a Transform without _transform fails with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local t2 = Transform.new({})
    helper.record(t2, log)
    local ok, err = pcall(t2["end"], t2, "blerg")
    helper.put(log, ok and "no raise" or "raise:" .. helper.errtext(err, "null"))
    helper.settle()
    assert.are.same({ "no raise", "error:ERR_METHOD_NOT_IMPLEMENTED", "close" }, log)
  end)
end)
