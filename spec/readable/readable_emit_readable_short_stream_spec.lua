-- test-stream-readable-emit-readable-short-stream.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/readable/readable_emit_readable_short_stream.js.
local node = twin.run("test/twins/readable/readable_emit_readable_short_stream.js")

describe("test-stream-readable-emit-readable-short-stream", function()
  local function transform(log)
    return stream.Transform.new({
      transform = function(self, c, _, cb) helper.put(log, "transform"); self:push(c); cb() end,
      flush = function(_, cb) helper.put(log, "flush"); cb() end,
    })
  end
  local function drain(r, log)
    return helper.guard(function()
      helper.put(log, "readable")
      local c = r:read()
      while c do helper.put(log, c); c = r:read() end
    end)
  end

  -- twin: readable_piped_into_transform
  it("a short Readable piped into a Transform", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push("content"); self:push(nil) end })
    local t = transform(log)
    r:pipe(t)
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.readable_piped_into_transform, log)
  end)

  -- twin: transform_end_content
  it("a Transform ended with finish('content')", function()
    local log = {}
    local t = transform(log)
    t:finish("content")
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.transform_end_content, log)
  end)

  -- twin: transform_write_then_end
  it("a Transform given write('content') then finish()", function()
    local log = {}
    local t = transform(log)
    t:write("content")
    t:finish()
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.transform_write_then_end, log)
  end)

  -- twin: readable_sync_push
  it("a Readable pushing synchronously", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", drain(r, log))
    r:on("end", function() helper.put(log, "end") end)
    r:push("content")
    r:push(nil)
    helper.settle()
    assert.are.same(node.readable_sync_push, log)
  end)

  -- twin: readable_next_tick_push
  it("a Readable pushing on the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", drain(r, log))
    r:on("end", function() helper.put(log, "end") end)
    helper.nextTick(function() r:push("content"); r:push(nil) end)
    helper.settle()
    assert.are.same(node.readable_next_tick_push, log)
  end)

  -- twin: transform_listener_first
  it("a Transform with its 'readable' listener added before writing", function()
    local log = {}
    local t = transform(log)
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    t:write("content")
    t:finish()
    helper.settle()
    assert.are.same(node.transform_listener_first, log)
  end)
end)
