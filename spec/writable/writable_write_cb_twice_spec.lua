-- test-stream-writable-write-cb-twice.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_write_cb_twice.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/writable_write_cb_twice.js")

describe("test-stream-writable-write-cb-twice", function()
  local function twice(mode)
    return function(self, b, e, cb)
      helper.put(self.log, "write")
      if mode == "sync+sync" then
        cb()
        cb()
      elseif mode == "sync+async" then
        cb()
        helper.nextTick(function() cb() end)
      else
        helper.nextTick(cb)
        helper.nextTick(function() cb() end)
      end
    end
  end
  -- twin: sync_sync, sync_async, async_async
  for _, mode in ipairs({ "sync+sync", "sync+async", "async+async" }) do
    it(mode .. ": ERR_MULTIPLE_CALLBACK", function()
      local log = {}
      local w = Writable.new({ write = twice(mode) })
      w.log = log
      w:write("hi", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
      helper.on(w, log, "error", "close")
      helper.settle()
      assert.are.same(node[(mode:gsub("%+", "_"))], log)
    end)
  end
end)
