-- test-stream-writable-write-error.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

-- pcall(f, ...) that returns the raised value's code, or "no error".
local function raises(f, ...)
  local ok, err = pcall(f, ...)
  if ok then return "no error" end
  return type(err) == "table" and err.code or tostring(err)
end

describe("test-stream-writable-write-error", function()
  for _, ad in ipairs({ false, true }) do
    local tag = " (autoDestroy = " .. tostring(ad) .. ")"
    it("write after finish(): async callback, then 'error'" .. tag, function()
      local log = {}
      local w = Writable.new({ autoDestroy = ad, write = function() end })
      w:finish()
      w:write("asd", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
      helper.put(log, "sync")
      helper.on(w, log, "error", "close")
      helper.settle()
      local want = { "sync", "cb:ERR_STREAM_WRITE_AFTER_END", "error:ERR_STREAM_WRITE_AFTER_END" }
      if ad then want[#want + 1] = "close" end
      assert.are.same(want, log)
    end)

    it("write after destroy(): async callback, no 'error'" .. tag, function()
      local log = {}
      local w = Writable.new({ autoDestroy = ad, write = function() end })
      w:destroy()
      w:write("asd", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
      helper.put(log, "sync")
      helper.on(w, log, "error", "close")
      helper.settle()
      assert.are.same({ "sync", "close", "cb:ERR_STREAM_DESTROYED" }, log)
    end)

    it("write(nil) raises ERR_STREAM_NULL_VALUES" .. tag, function()
      local log = {}
      local w = Writable.new({ autoDestroy = ad, write = function() end })
      helper.on(w, log, "error", "close")
      helper.put(log, raises(w.write, w, nil, function(e) helper.put(log, "cb:" .. helper.errtext(e)) end))
      helper.settle()
      assert.are.same({ "ERR_STREAM_NULL_VALUES" }, log)
    end)

    it("write({}) raises ERR_INVALID_ARG_TYPE" .. tag, function()
      local log = {}
      local w = Writable.new({ autoDestroy = ad, write = function() end })
      helper.on(w, log, "error", "close")
      helper.put(log, raises(w.write, w, {}, function(e) helper.put(log, "cb:" .. helper.errtext(e)) end))
      helper.settle()
      assert.are.same({ "ERR_INVALID_ARG_TYPE" }, log)
    end)
  end
end)
