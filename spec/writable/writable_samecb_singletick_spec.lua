-- test-stream-writable-samecb-singletick.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_samecb_singletick.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_samecb_singletick.js")

describe("test-stream-writable-samecb-singletick", function()
  -- Node batches completions that share one callback into a single tick; a tick
  -- queued between those writes therefore runs after all of them.
  -- twin: same_cb_one_tick
  it("synchronous writes sharing one callback complete in one tick", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      cb()
    end })
    local cb = function() helper.put(log, "cb") end
    w:write("a", cb)
    stream.nextTick(function() helper.put(log, "tick") end)
    w:write("b", cb)
    w:write("c", cb)
    helper.settle()
    assert.are.same(node.same_cb_one_tick, log)
  end)

  -- twin: different_cbs
  it("different callbacks each get their own tick", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      cb()
    end })
    w:write("a", function() helper.put(log, "cb1") end)
    stream.nextTick(function() helper.put(log, "tick") end)
    w:write("b", function() helper.put(log, "cb2") end)
    helper.settle()
    assert.are.same(node.different_cbs, log)
  end)

  -- twin: hundred_writes
  it("100 writes, 100 _write calls, 100 callbacks", function()
    local log = {}
    local n, k = 0, 0
    local w = Writable.new({ write = function(self, c, e, cb)
      n = n + 1
      cb()
    end })
    local cb = function() k = k + 1 end
    for i = 0, 99 do w:write(tostring(i), cb) end
    stream.nextTick(function() helper.put(log, ("writes=%d cbs=%d"):format(n, k)) end)
    helper.settle()
    assert.are.same(node.hundred_writes, log)
  end)
end)
