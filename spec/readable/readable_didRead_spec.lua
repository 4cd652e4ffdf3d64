-- test-stream-readable-didRead.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-didRead", function()
  local function ev(r, log)
    r:on("error", function(e) helper.put(log, "error:" .. tostring(e)) end)
    r:on("end", function() helper.put(log, "end") end)
    r:on("close", function() helper.put(log, "close") end)
    r:on("data", function() helper.put(log, "data") end)
  end
  local function endOnly() return Readable.new({ read = function(self) self:push(nil) end }) end

  local cases = {
    { "read()", function(r) r:read() end, { false, "end", "close", "imm", false, false } },
    { "resume()", function(r) r:resume() end, { false, "end", "close", "imm", false, false } },
    { "destroy()", function(r) r:destroy() end, { false, "close", "imm", false, false } },
    { "destroy(err)", function(r) r:destroy("x") end,
      { false, "error:x", "close", "imm", false, true } },
  }
  for _, c in ipairs(cases) do
    it("readableDidRead stays false after " .. c[1] .. " of an empty stream", function()
      local log = {}
      local r = endOnly()
      helper.put(log, r.readableDidRead)
      ev(r, log)
      c[2](r)
      helper.setImmediate(function() helper.put(log, "imm", r.readableDidRead, r.errored ~= nil) end)
      helper.settle()
      assert.are.same(c[3], log)
    end)
  end

  it("readableDidRead is true once 'data' was emitted", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push("data"); self:push(nil) end })
    helper.put(log, r.readableDidRead)
    ev(r, log)
    helper.setImmediate(function() helper.put(log, "imm", r.readableDidRead) end)
    helper.settle()
    assert.are.same({ false, "data", "end", "close", "imm", true }, log)
  end)

  it("a 'data' listener added and removed still reads the stream", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push("data"); self:push(nil) end })
    r:on("error", function(e) helper.put(log, "error:" .. tostring(e)) end)
    r:on("end", function() helper.put(log, "end") end)
    r:on("close", function() helper.put(log, "close") end)
    local noop = function() end
    r:on("data", noop)
    r:off("data", noop)
    helper.setImmediate(function() helper.put(log, "imm", r.readableDidRead, r.readableFlowing) end)
    helper.settle()
    assert.are.same({ "end", "close", "imm", true, true }, log)
  end)
end)
