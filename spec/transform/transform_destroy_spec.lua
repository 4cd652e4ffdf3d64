-- test-stream-transform-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/transform/transform_destroy.js.
local node = twin.run("test/twins/transform/transform_destroy.js")

describe("test-stream-transform-destroy", function()
  local function never() end

  -- twin: destroy_close_only
  it("destroy() emits only 'close'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    helper.record(t, log)
    t:destroy()
    helper.settle()
    assert.are.same(node.destroy_close_only, log)
  end)

  -- twin: destroy_err
  it("destroy(err) emits 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    helper.record(t, log)
    t:destroy("kaboom")
    helper.settle()
    assert.are.same(node.destroy_err, log)
  end)

  -- twin: method_passes_error
  it("_destroy receives the error and passes it on", function()
    local log = {}
    local t = Transform.new({ transform = never })
    function t:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      cb(err)
    end
    helper.record(t, log)
    t:destroy("kaboom")
    helper.settle()
    assert.are.same(node.method_passes_error, log)
  end)

  -- twin: option_swallows
  it("a destroy option that calls back without the error swallows it", function()
    local log = {}
    local t = Transform.new({
      transform = never,
      destroy = function(_, err, cb)
        helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
        cb()
      end,
    })
    t:resume()
    helper.record(t, log)
    t:destroy("kaboom")
    helper.settle()
    assert.are.same(node.option_swallows, log)
  end)

  -- twin: destroy_nil_error
  it("_destroy gets nil when destroy() had no error", function()
    local log = {}
    local t = Transform.new({ transform = never })
    function t:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      cb()
    end
    helper.record(t, log)
    t:destroy()
    helper.settle()
    assert.are.same(node.destroy_nil_error, log)
  end)

  -- twin: push_end_in_async_destroy
  it("push(nil) and end() inside an async _destroy: 'end' but no 'finish'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    function t:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      helper.nextTick(function()
        self:push(nil)
        self["end"](self)
        helper.put(log, "cb")
        cb()
      end)
    end
    local function fail() helper.put(log, "fail") end
    t:on("finish", fail)
    t:on("end", fail)
    t:destroy()
    t:removeListener("end", fail)
    t:removeListener("finish", fail)
    helper.record(t, log)
    helper.settle()
    assert.are.same(node.push_end_in_async_destroy, log)
  end)

  -- twin: destroy_turned_error
  it("_destroy may turn destroy() into an error", function()
    local log = {}
    local t = Transform.new({ transform = never })
    function t:_destroy(err, cb)
      helper.put(log, "_destroy:" .. helper.errtext(err, "null"))
      cb("kaboom")
    end
    helper.record(t, log)
    t:destroy()
    helper.settle()
    assert.are.same(node.destroy_turned_error, log)
  end)
end)
