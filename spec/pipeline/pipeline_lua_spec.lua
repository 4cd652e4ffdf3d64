-- pipeline, Lua specifics: cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough
local pipeline = stream.pipeline

-- Runs the loop to completion; fails when it is still busy after 5 s.
local function run() helper.run(5000) end

-- Node's `async function(source) { for await (c of source) res += c }`.
local function concatSink(out)
  return function(source)
    for chunk in source:iter() do out[#out + 1] = chunk end
  end
end

describe("pipeline, Lua specifics", function()
  it("a final function that returns nil at once ends the returned stream", function()
    local log, L = helper.line_recorder()
    local ret = pipeline(PassThrough.new(), function() end, function(err, val)
      L("cb", helper.errtext(err), val)
    end)
    ret:on("end", function() L("end") end)
    ret:resume()
    local src = PassThrough.new()
    local ret2 = pipeline(src, function(source)
      return source:iter() -- a readable iterator: its output is pumped
    end, function(err) L("cb2", helper.errtext(err)) end)
    local got = {}
    ret2:on("data", function(c) got[#got + 1] = c end)
    src:finish("abc")
    run()
    table.sort(log)
    assert.same({ "cb nil nil", "cb2 nil", "end" }, log)
    assert.same({ "abc" }, got)
  end)

  it("a final function's value is also written to the returned stream", function()
    local log, L = helper.line_recorder()
    local ret = pipeline({ "a", "b" }, function(source)
      local n = 0
      for _ in source:iter() do n = n + 1 end
      return { count = n }
    end, function(err, val) L("cb", helper.errtext(err), val.count) end)
    ret:on("data", function(v) L("data", v.count) end)
    run()
    assert.same({ "data 2", "cb nil 2" }, log)
  end)

  it("a final function may not return a stream it cannot read from", function()
    local log, L = helper.line_recorder()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    pipeline({ "a" }, function() return w end, function(err) L("cb", helper.errtext(err)) end)
    run()
    assert.same({ "cb ERR_INVALID_RETURN_VALUE" }, log)
    w:destroy()
    run()
  end)

  it("a coroutine.wrap generator may wait on its source", function()
    local log, L = helper.line_recorder()
    local src = PassThrough.new()
    local out = {}
    pipeline(src, helper.map_stage(string.upper), concatSink(out), function(err)
      L("cb", helper.errtext(err), table.concat(out))
    end)
    helper.timeout_now(function() src:write("a") end, 1)
    helper.timeout_now(function() src:finish("b") end, 5)
    run()
    assert.same({ "cb nil AB" }, log)
  end)
end)
