-- test-stream-readable-invalid-chunk.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-invalid-chunk", function()
  local function check(method, chunk)
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e)), r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    local ok, ret = pcall(r[method], r, chunk)
    if ok then helper.put(log, ret) else helper.put(log, "raised:" .. tostring(helper.errcode(ret))) end
    helper.settle()
    assert.are.same({ false, "error:ERR_INVALID_ARG_TYPE", true, "close" }, log)
  end

  it("push(table) emits ERR_INVALID_ARG_TYPE", function() check("push", {}) end)
  it("push(number) emits ERR_INVALID_ARG_TYPE", function() check("push", 0) end)
  it("push(boolean) emits ERR_INVALID_ARG_TYPE", function() check("push", true) end)
  it("unshift(table) emits ERR_INVALID_ARG_TYPE", function() check("unshift", {}) end)
end)
