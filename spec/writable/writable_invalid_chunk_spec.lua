-- test-stream-writable-invalid-chunk.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writable_invalid_chunk.js. See spec/README.md.

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

local node = twin.run("test/twins/writable/writable_invalid_chunk.js")

describe("test-stream-writable-invalid-chunk", function()
  local bytes = {
    { "a table", {}, "ERR_INVALID_ARG_TYPE" },
    { "an integer", 0, "ERR_INVALID_ARG_TYPE" },
    { "true", true, "ERR_INVALID_ARG_TYPE" },
    { "false", false, "ERR_INVALID_ARG_TYPE" },
    { "a float", 0.0, "ERR_INVALID_ARG_TYPE" },
    { "a function", print, "ERR_INVALID_ARG_TYPE" },
    { "nil", nil, "ERR_STREAM_NULL_VALUES" },
  }
  -- twin: bytes_1 ... bytes_7
  for i, c in ipairs(bytes) do
    it("byte mode: write(" .. c[1] .. ") raises " .. c[3] .. " and emits no 'error'", function()
      local log = {}
      local w = Writable.new({ write = function() helper.put(log, "WRITE!") end })
      helper.on(w, log, "error")
      helper.put(log, raises(w.write, w, c[2]))
      helper.settle()
      assert.are.same(node["bytes_" .. i], log)
    end)
  end

  local objs = {
    { "a table", {} }, { "an integer", 0 }, { "true", true }, { "false", false },
    { "a float", 0.0 }, { "an empty string", "" },
  }
  -- twin: objs_1 ... objs_6
  for i, c in ipairs(objs) do
    it("object mode: write(" .. c[1] .. ") is an ordinary chunk", function()
      local log, got = {}, "unset"
      local w = Writable.new({
        objectMode = true,
        write = function(self, chunk, e, cb)
          got = chunk
          cb()
        end,
      })
      helper.on(w, log, "error")
      helper.put(log, raises(w.write, w, c[2]))
      helper.settle()
      assert.are.same(node["objs_" .. i], log)
      assert.are.equal(c[2], got)
    end)
  end

  -- twin: object_mode_nil
  it("object mode: write(nil) raises ERR_STREAM_NULL_VALUES", function()
    local log = {}
    local w = Writable.new({ objectMode = true, write = function() helper.put(log, "WRITE!") end })
    helper.on(w, log, "error")
    helper.put(log, raises(w.write, w, nil))
    helper.settle()
    assert.are.same(node.object_mode_nil, log)
  end)

  it("the ERR_INVALID_ARG_TYPE message names the argument as Lua does", function()
    local w = Writable.new({ write = helper.write_ok })
    local ok, err = pcall(w.write, w, {})
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_ARG_TYPE", err.code)
    assert.are.equal("bad argument #1 to 'write' (string expected, got table)", err.message)
    helper.settle()
  end)
end)
