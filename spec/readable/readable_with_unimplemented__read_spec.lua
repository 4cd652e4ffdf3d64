-- test-stream-readable-with-unimplemented-_read.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-with-unimplemented-_read", function()
  it("read() without _read destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local r = Readable.new()
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e)), r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    local ok, v = pcall(r.read, r)
    if ok then helper.put(log, helper.nullstr(v)) else helper.put(log, "raised:" .. tostring(helper.errcode(v))) end
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "null", "sync", "error:ERR_METHOD_NOT_IMPLEMENTED", true, "close" }, log)
  end)

  it("flowing without _read destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local r = Readable.new()
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e)), r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    r:on("data", function() helper.put(log, "data") end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "sync", "error:ERR_METHOD_NOT_IMPLEMENTED", true, "close" }, log)
  end)
end)
