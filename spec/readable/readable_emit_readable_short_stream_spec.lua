-- test-stream-readable-emit-readable-short-stream.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

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

  it("a short Readable piped into a Transform", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push("content"); self:push(nil) end })
    local t = transform(log)
    r:pipe(t)
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "transform", "flush", "readable", "content", "readable", "end" }, log)
  end)

  it("a Transform ended with finish('content')", function()
    local log = {}
    local t = transform(log)
    t:finish("content")
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "transform", "flush", "readable", "content", "end" }, log)
  end)

  it("a Transform given write('content') then finish()", function()
    local log = {}
    local t = transform(log)
    t:write("content")
    t:finish()
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "transform", "flush", "readable", "content", "end" }, log)
  end)

  it("a Readable pushing synchronously", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", drain(r, log))
    r:on("end", function() helper.put(log, "end") end)
    r:push("content")
    r:push(nil)
    helper.settle()
    assert.are.same({ "readable", "content", "end" }, log)
  end)

  it("a Readable pushing on the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", drain(r, log))
    r:on("end", function() helper.put(log, "end") end)
    helper.nextTick(function() r:push("content"); r:push(nil) end)
    helper.settle()
    assert.are.same({ "readable", "content", "readable", "end" }, log)
  end)

  it("a Transform with its 'readable' listener added before writing", function()
    local log = {}
    local t = transform(log)
    t:on("readable", drain(t, log))
    t:on("end", function() helper.put(log, "end") end)
    t:write("content")
    t:finish()
    helper.settle()
    assert.are.same({ "transform", "flush", "readable", "content", "readable", "end" }, log)
  end)
end)
