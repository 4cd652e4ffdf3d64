-- test-stream2-readable-empty-buffer-no-eof.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/stream2_readable_empty_buffer_no_eof.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/stream2_readable_empty_buffer_no_eof.js")

describe("test-stream2-readable-empty-buffer-no-eof", function()
  -- twin: empty_push_not_eof
  it("push('') is not EOF: the stream waits for more", function()
    local log, results = {}, {}
    local buf = string.rep("x", 5)
    local reads = 5
    local r
    r = Readable.new({
      read = function()
        local n = reads
        reads = reads - 1
        if n == 5 then
          helper.setImmediate(function() r:push(buf) end)
        elseif n == 4 then
          helper.setImmediate(function() r:push("") end)
          helper.setImmediate(function() r:read(0) end)
        elseif n == 3 then
          helper.setImmediate(function() r:read(0) end)
          helper.nextTick(function() r:push("") end)
        elseif n == 2 then
          helper.setImmediate(function() r:read(0) end)
          r:push("")
        elseif n == 1 then
          r:push(buf)
        elseif n == 0 then
          r:push(nil)
        else
          helper.put(log, "unreachable")
        end
      end,
    })
    local flow = helper.guard(function()
      local c = r:read()
      while c ~= nil do helper.put(results, c); c = r:read() end
    end)
    r:on("readable", flow)
    r:on("end", function() helper.put(results, "EOF") end)
    flow()
    helper.settle()
    assert.are.same(node.empty_push_not_eof, results)
    assert.are.same({}, log)
    assert.are.equal(-1, reads)
  end)

  -- twin: base64_quanta
  it("base64: 1-byte pushes come out in whole quanta", function()
    local results = {}
    local reads = 5
    local r
    r = Readable.new({
      encoding = "base64",
      read = function()
        reads = reads - 1
        if reads + 1 == 0 then return r:push(nil) end
        return r:push("x")
      end,
    })
    local flow = helper.guard(function()
      local c = r:read()
      while c ~= nil do helper.put(results, c); c = r:read() end
    end)
    r:on("readable", flow)
    r:on("end", function() helper.put(results, "EOF") end)
    flow()
    helper.settle()
    assert.are.same(node.base64_quanta, results)
  end)
end)
