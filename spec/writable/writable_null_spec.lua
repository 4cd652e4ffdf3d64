-- test-stream-writable-null.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_null.js. See spec/README.md.

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

local node = twin.run("test/twins/writable/writable_null.js")

describe("test-stream-writable-null", function()
  -- twin: object_mode_null
  it("object mode: write(nil) raises ERR_STREAM_NULL_VALUES", function()
    local log = {}
    local m = Writable.new({ objectMode = true, write = helper.write_ok })
    helper.on(m, log, "error")
    helper.put(log, raises(m.write, m, nil, function() helper.put(log, "cb") end))
    helper.settle()
    assert.are.same(node.object_mode_null, log)
  end)

  -- twin: byte_mode_false
  it("byte mode: write(false) raises ERR_INVALID_ARG_TYPE", function()
    local log = {}
    local m = Writable.new({ write = helper.write_ok })
    helper.on(m, log, "error")
    helper.put(log, raises(m.write, m, false, function() helper.put(log, "cb") end))
    helper.settle()
    assert.are.same(node.byte_mode_false, log)
  end)

  -- twin: object_mode_false
  it("object mode: false is written and called back without error", function()
    local log = {}
    local m = Writable.new({
      objectMode = true,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. tostring(c) .. "/" .. tostring(e))
        cb()
      end,
    })
    helper.on(m, log, "error")
    m:write(false, function(e) helper.put(log, "cb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same(node.object_mode_false, log)
  end)
end)
