-- test-stream-transform-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Transform = stream.Transform

describe("test-stream-transform-destroy", function()
  local function never() end

  it("destroy() emits only 'close'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    helper.record(t, log)
    t:destroy()
    helper.settle()
    assert.are.same({ "close" }, log)
  end)

  it("destroy(err) emits 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    helper.record(t, log)
    t:destroy("kaboom")
    helper.settle()
    assert.are.same({ "error:kaboom", "close" }, log)
  end)

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
    assert.are.same({ "_destroy:kaboom", "error:kaboom", "close" }, log)
  end)

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
    assert.are.same({ "_destroy:kaboom", "close" }, log)
  end)

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
    assert.are.same({ "_destroy:null", "close" }, log)
  end)

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
    assert.are.same({ "_destroy:null", "cb", "end", "close" }, log)
  end)

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
    assert.are.same({ "_destroy:null", "error:kaboom", "close" }, log)
  end)
end)
