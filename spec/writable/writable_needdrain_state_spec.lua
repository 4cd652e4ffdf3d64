-- test-stream-writable-needdrain-state.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_needdrain_state.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable
local Transform = stream.Transform

local node = twin.run("test/twins/writable/writable_needdrain_state.js")

describe("test-stream-writable-needdrain-state", function()
  -- twin: sync_write
  it("Writable: a synchronously completed write leaves no need for 'drain'", function()
    local log = {}
    local w
    w = Writable.new({
      highWaterMark = 1,
      write = function(self, c, e, cb)
        helper.put(log, "write nd=" .. tostring(w.writableNeedDrain))
        cb()
      end,
    })
    helper.put(log, "nd=" .. tostring(w.writableNeedDrain))
    helper.put(log, "ret=" .. tostring(w:write("asdasd", function()
      helper.put(log, "cb nd=" .. tostring(w.writableNeedDrain))
    end)))
    helper.put(log, "nd=" .. tostring(w.writableNeedDrain))
    helper.on(w, log, "drain")
    helper.settle()
    assert.are.same(node.sync_write, log)
  end)

  -- twin: transform
  it("Transform with highWaterMark 1 (as Node's test)", function()
    local log = {}
    local t
    t = Transform.new({
      highWaterMark = 1,
      transform = function(self, c, e, cb)
        helper.put(log, "transform nd=" .. tostring(t.writableNeedDrain))
        cb()
      end,
    })
    helper.put(log, "nd=" .. tostring(t.writableNeedDrain))
    t:write("asdasd", function() helper.put(log, "cb nd=" .. tostring(t.writableNeedDrain)) end)
    helper.put(log, "nd=" .. tostring(t.writableNeedDrain))
    helper.settle()
    assert.are.same(node.transform, log)
  end)

  -- twin: pending_over_hwm
  it("a pending write over highWaterMark sets writableNeedDrain until 'drain'", function()
    local log = {}
    local w
    w = Writable.new({ highWaterMark = 5, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      helper.setTimeout(cb, 2)
    end })
    w:on("drain", function()
      helper.put(log, ("drain len=%d nd=%s"):format(w.writableLength, tostring(w.writableNeedDrain)))
    end)
    helper.put(log, "ret=" .. tostring(w:write("abc")))
    helper.put(log, "ret=" .. tostring(w:write("def")))
    helper.put(log, ("len=%d nd=%s"):format(w.writableLength, tostring(w.writableNeedDrain)))
    helper.settle()
    assert.are.same(node.pending_over_hwm, log)
  end)
end)
