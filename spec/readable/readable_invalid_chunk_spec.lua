-- test-stream-readable-invalid-chunk.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_invalid_chunk.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_invalid_chunk.js")

describe("test-stream-readable-invalid-chunk", function()
  local function check(case, method, chunk)
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e)), r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    local ok, ret = pcall(r[method], r, chunk)
    if ok then helper.put(log, ret) else helper.put(log, "raised:" .. tostring(helper.errcode(ret))) end
    helper.settle()
    assert.are.same(node[case], twin.strings(log))
  end

  -- twin: push_table, push_number, push_boolean, unshift_table
  it("push(table) emits ERR_INVALID_ARG_TYPE", function() check("push_table", "push", {}) end)
  it("push(number) emits ERR_INVALID_ARG_TYPE", function() check("push_number", "push", 0) end)
  it("push(boolean) emits ERR_INVALID_ARG_TYPE", function() check("push_boolean", "push", true) end)
  it("unshift(table) emits ERR_INVALID_ARG_TYPE", function() check("unshift_table", "unshift", {}) end)
end)
