-- test-stream-writable-write-error.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_write_error.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

-- pcall(f, ...) that returns the raised value's code, or "no error".
local function raises(f, ...)
  local ok, err = pcall(f, ...)
  if ok then return "no error" end
  return type(err) == "table" and err.code or tostring(err)
end

local node = twin.run("test/twins/writable/writable_write_error.js")

describe("test-stream-writable-write-error", function()
  -- twin: write_after_end_false ... write_object_true
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
      assert.are.same(node["write_after_end_" .. tostring(ad)], log)
    end)

    it("write after destroy(): async callback, no 'error'" .. tag, function()
      local log = {}
      local w = Writable.new({ autoDestroy = ad, write = function() end })
      w:destroy()
      w:write("asd", function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
      helper.put(log, "sync")
      helper.on(w, log, "error", "close")
      helper.settle()
      assert.are.same(node["write_after_destroy_" .. tostring(ad)], log)
    end)

    it("write(nil) raises ERR_STREAM_NULL_VALUES" .. tag, function()
      local log = {}
      local w = Writable.new({ autoDestroy = ad, write = function() end })
      helper.on(w, log, "error", "close")
      helper.put(log, raises(w.write, w, nil, function(e) helper.put(log, "cb:" .. helper.errtext(e)) end))
      helper.settle()
      assert.are.same(node["write_null_" .. tostring(ad)], log)
    end)

    it("write({}) raises ERR_INVALID_ARG_TYPE" .. tag, function()
      local log = {}
      local w = Writable.new({ autoDestroy = ad, write = function() end })
      helper.on(w, log, "error", "close")
      helper.put(log, raises(w.write, w, {}, function(e) helper.put(log, "cb:" .. helper.errtext(e)) end))
      helper.settle()
      assert.are.same(node["write_object_" .. tostring(ad)], log)
    end)
  end
end)
