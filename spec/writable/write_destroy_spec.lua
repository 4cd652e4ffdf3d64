-- test-stream-write-destroy.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

describe("test-stream-write-destroy", function()
  -- Interaction between destroy() and pending writes; highWaterMark 1 makes
  -- every write report backpressure so 'drain' is easy to observe.
  local expected = {
    ["pending=false end=false"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:ghi", "ret=false",
      "destroy", "destroyed", "cb:nil", "step2 remaining=0", "close" },
    ["pending=false end=true"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:ghi", "destroy",
      "destroyed", "cb:ERR_STREAM_DESTROYED destroyed=true", "step2 remaining=0", "close" },
    ["pending=true end=false"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:def", "ret=false",
      "ret=false", "destroy", "destroyed", "cb:nil",
      "cb:ERR_STREAM_DESTROYED destroyed=true", "step2 remaining=0", "close" },
    ["pending=true end=true"] = {
      "write:abc", "ret=false", "drain", "cb:nil", "step1", "write:def", "ret=false",
      "destroy", "destroyed", "cb:nil", "cb:ERR_STREAM_DESTROYED destroyed=true",
      "step2 remaining=0", "close" },
  }
  for _, withPending in ipairs({ false, true }) do
    for _, useEnd in ipairs({ false, true }) do
      local name = ("pending=%s end=%s"):format(tostring(withPending), tostring(useEnd))
      it(name, function()
        local log, cbs = {}, {}
        local w = Writable.new({
          write = function(self, data, enc, cb)
            helper.put(log, "write:" .. data)
            cbs[#cbs + 1] = cb
          end,
          highWaterMark = 1,
        })
        helper.on(w, log, "drain", "finish", "close")
        local function onWrite(err)
          helper.put(log, "cb:" .. helper.errtext(err) .. (err and (" destroyed=" .. tostring(w.destroyed)) or ""))
        end
        helper.put(log, "ret=" .. tostring(w:write("abc", onWrite)))
        table.remove(cbs, 1)()
        helper.put(log, "step1")
        if withPending then helper.put(log, "ret=" .. tostring(w:write("def", onWrite))) end
        if useEnd then
          w:finish("ghi", onWrite)
        else
          helper.put(log, "ret=" .. tostring(w:write("ghi", onWrite)))
        end
        helper.put(log, "destroy")
        w:destroy()
        helper.put(log, "destroyed")
        table.remove(cbs, 1)()
        helper.put(log, "step2 remaining=" .. #cbs)
        helper.settle()
        assert.are.same(expected[name], log)
      end)
    end
  end
end)
