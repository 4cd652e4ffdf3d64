-- test-stream-readable-with-unimplemented-_read.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_with_unimplemented__read.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_with_unimplemented__read.js")

describe("test-stream-readable-with-unimplemented-_read", function()
  -- twin: read
  it("read() without _read destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local r = Readable.new()
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e)), r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    local ok, v = pcall(r.read, r)
    if ok then helper.put(log, helper.nullstr(v)) else helper.put(log, "raised:" .. tostring(helper.errcode(v))) end
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.read, twin.strings(log))
  end)

  -- twin: flowing
  it("flowing without _read destroys with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local r = Readable.new()
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e)), r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    r:on("data", function() helper.put(log, "data") end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.flowing, twin.strings(log))
  end)
end)
