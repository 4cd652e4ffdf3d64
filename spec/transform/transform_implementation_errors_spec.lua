-- Transform implementation errors (API.md section 3): cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Transform = stream.Transform

describe("Transform implementation errors (API.md section 3)", function()
  it("an error raised in _transform destroys the stream: 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({ transform = function() error("bad chunk", 0) end })
    helper.record(t, log, { "error", "finish", "end", "close" })
    t:write("x")
    helper.put(log, "destroyed:" .. tostring(t.destroyed))
    helper.settle()
    assert.are.same({ "destroyed:true", "error:bad chunk", "close" }, log)
  end)

  it("an error raised in _flush destroys the stream: 'error' then 'close'", function()
    local log = {}
    local err = { message = "flush failed" }
    local got
    local t = Transform.new({
      transform = function(_, c, _, cb) cb(nil, c) end,
      flush = function() error(err) end,
    })
    t:on("data", function(d) helper.put(log, d) end)
    helper.record(t, log, { "error", "finish", "end", "close" })
    t:on("error", function(e) got = e end)
    t["end"](t, "x")
    helper.settle()
    assert.are.same({ "x", "error:flush failed", "close" }, log)
    assert.are.equal(err, got)
  end)

  it("an error given to the transform callback destroys the stream", function()
    local log = {}
    local t = Transform.new({ transform = function(_, _, _, cb) cb("nope") end })
    helper.record(t, log, { "error", "finish", "end", "close" })
    t:write("x")
    helper.settle()
    assert.are.same({ "error:nope", "close" }, log)
  end)

  it("an error given to the flush callback destroys the stream", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, _, _, cb) cb() end,
      flush = function(_, cb) cb("late") end,
    })
    t:resume()
    helper.record(t, log, { "error", "finish", "end", "close" })
    t["end"](t, "x")
    helper.settle()
    assert.are.same({ "error:late", "close" }, log)
  end)
end)
