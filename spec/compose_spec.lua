-- stream.compose, translated from Node's test/parallel/test-stream-compose.js.
-- Its JS twin is test/twins/compose/compose.js; the logs come from its .expected.
--
-- Node's stages translate as in pipeline_spec.lua: `async function*(source)`
-- is a function returning a coroutine.wrap generator over source:iter(), an
-- `async function(source)` sink is a function looping over source:iter(), and
-- a generator object (a source) is an array table. Node's 0-based
-- 'streams[0]' is 'streams[1]' here.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")

local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough
local compose, finished = stream.compose, stream.finished

-- Runs the loop to completion; fails when it is still busy after 5 s.
local function run() helper.run(5000) end

local function upper(c) return tostring(c):upper() end

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/compose/compose.js.
local node = twin.run("test/twins/compose/compose.js")

describe("test-stream-compose.js", function()
  -- twin: two_transforms
  it("two Transforms", function()
    local log, L = helper.line_recorder()
    local d = compose(
      Transform.new({ transform = function(_, chunk, _, cb)
        L("T1")
        cb(nil, chunk .. chunk)
      end }),
      Transform.new({ transform = function(_, chunk, _, cb)
        L("T2")
        cb(nil, chunk:upper())
      end }))
    L("modes", d.writableObjectMode, d.readableObjectMode, d.readable, d.writable)
    local res = ""
    d:finish("asd")
    d:on("data", function(buf)
      L("data", buf)
      res = res .. buf
    end)
    d:on("end", function() L("end", res) end)
    d:on("finish", function() L("finish") end)
    d:on("close", function() L("close") end)
    run()
    assert.same(node.two_transforms, log)
  end)

  -- twin: two_functions
  it("two functions", function()
    local log, L = helper.line_recorder()
    local d = compose(helper.map_stage(function(c) return c .. c end), helper.map_stage(upper))
    L("modes", d.writableObjectMode, d.readableObjectMode)
    local res = ""
    d:finish("asd")
    d:on("data", function(buf) res = res .. buf end)
    d:on("end", function() L("end", res) end)
    run()
    assert.same(node.two_functions, log)
  end)

  -- twin: one_function
  it("one function", function()
    local log, L = helper.line_recorder()
    local d = compose(helper.map_stage(function(c) return c .. c end))
    local res = ""
    d:finish("asd")
    d:on("data", function(buf) res = res .. buf end)
    d:on("end", function() L("end", res) end)
    run()
    assert.same(node.one_function, log)
  end)

  -- twin: from_then_transform
  it("Readable.from then a Transform: readable only", function()
    local log, L = helper.line_recorder()
    local d = compose(Readable.from({ "asd" }), Transform.new({ transform = function(_, chunk, _, cb)
      cb(nil, tostring(chunk):upper())
    end }))
    L("modes", d.readable, d.writable)
    local res = ""
    d:on("data", function(buf) res = res .. buf end)
    d:on("end", function() L("end", res) end)
    run()
    assert.same(node.from_then_transform, log)
  end)

  -- twin: generator_then_transform
  it("an array table then a Transform", function()
    local log, L = helper.line_recorder()
    local d = compose({ "asd" }, Transform.new({ transform = function(_, chunk, _, cb)
      cb(nil, tostring(chunk):upper())
    end }))
    local res = ""
    d:on("data", function(buf) res = res .. buf end)
    d:on("end", function() L("end", res) end)
    run()
    assert.same(node.generator_then_transform, log)
  end)

  -- twin: transform_function_writable
  it("Transform, function, Writable", function()
    local log, L = helper.line_recorder()
    local res = ""
    local d = compose(
      Transform.new({ transform = function(_, chunk, _, cb) cb(nil, chunk:upper()) end }),
      helper.map_stage(function(c) return c end),
      Writable.new({ write = function(_, chunk, _, cb)
        res = res .. chunk
        cb()
      end }))
    d:finish("asd")
    d:on("finish", function() L("finish", res) end)
    run()
    assert.same(node.transform_function_writable, log)
  end)

  -- twin: transform_function_sink
  it("Transform, function, sink: writable only", function()
    local log, L = helper.line_recorder()
    local res = ""
    local d = compose(
      Transform.new({ transform = function(_, chunk, _, cb) cb(nil, chunk:upper()) end }),
      helper.map_stage(function(c) return c end),
      function(source)
        for chunk in source:iter() do res = res .. chunk end
      end)
    L("modes", d.readable, d.writable)
    d:finish("asd")
    d:on("finish", function() L("finish", res) end)
    run()
    assert.same(node.transform_function_sink, log)
  end)

  -- twin: object_mode
  it("object mode all along", function()
    local log, L = helper.line_recorder()
    local res
    local d = compose(
      Transform.new({ objectMode = true, transform = function(_, chunk, _, cb) cb(nil, { chunk = chunk }) end }),
      helper.map_stage(function(c) return c end),
      Transform.new({ objectMode = true, transform = function(_, chunk, _, cb) cb(nil, { chunk = chunk }) end }))
    d:finish(true)
    d:on("data", function(buf) res = buf end)
    d:on("end", function() L("end", res.chunk.chunk) end)
    run()
    assert.same(node.object_mode, log)
  end)

  -- twin: first_transform_error
  it("an error in the first Transform", function()
    local log, L = helper.line_recorder()
    local e = { message = "asd" }
    local d = compose(
      Transform.new({ objectMode = true, transform = function(_, _, _, cb) cb(e) end }),
      helper.map_stage(function(c) return c end),
      Transform.new({ objectMode = true, transform = function(_, chunk, _, cb)
        L("T2")
        cb(nil, { chunk = chunk })
      end }))
    d:finish(true)
    d:on("data", function() L("data") end)
    d:on("end", function() L("end") end)
    d:on("error", function(err) L("error", err == e) end)
    d:on("close", function() L("close") end)
    run()
    assert.same(node.first_transform_error, log)
  end)

  -- twin: generator_error
  it("an error raised by the generator", function()
    local log, L = helper.line_recorder()
    local e = { message = "asd" }
    local d = compose(
      Transform.new({ objectMode = true, transform = function(_, chunk, _, cb) cb(nil, chunk) end }),
      function(source)
        return coroutine.wrap(function()
          for _ in source:iter() do error(e) end
        end)
      end,
      Transform.new({ objectMode = true, transform = function(_, chunk, _, cb)
        L("T2")
        cb(nil, { chunk = chunk })
      end }))
    d:finish(true)
    d:on("data", function() L("data") end)
    d:on("end", function() L("end") end)
    d:on("error", function(err) L("error", err == e) end)
    d:on("close", function() L("close") end)
    run()
    assert.same(node.generator_error, log)
  end)

  -- twin: source_function_sink
  it("source, function, sink: neither readable nor writable", function()
    local log, L = helper.line_recorder()
    local buf = ""
    local s1 = compose({ "Hello", "World" }, helper.map_stage(upper), function(source)
      for chunk in source:iter() do buf = buf .. chunk end
    end)
    L("modes", s1.writable, s1.readable)
    finished(s1:resume(), function(err) L("cb", helper.errtext(err), buf) end)
    run()
    assert.same(node.source_function_sink, log)
  end)

  -- twin: function_duplex
  it("one function as a transform Duplex", function()
    local log, L = helper.line_recorder()
    local buf = ""
    local s2 = compose(helper.map_stage(upper))
    s2:finish("helloworld")
    s2:resume()
    s2:on("data", function(chunk) buf = buf .. chunk end)
    finished(s2:resume(), function(err) L("cb", helper.errtext(err), buf) end)
    run()
    assert.same(node.function_duplex, log)
  end)

  -- twin: compositions
  it("composes readable, transform and writable compositions", function()
    local log, L = helper.line_recorder()
    local buf = ""
    local s1 = compose({ "Hello", "World" })
    local s2 = compose(helper.map_stage(upper))
    local s3 = compose(function(source)
      for chunk in source:iter() do buf = buf .. chunk end
    end)
    L("modes", s3.readable, s3.writable)
    local s4 = compose(s1, s2, s3)
    finished(s4, function(err) L("cb", helper.errtext(err), buf) end)
    run()
    assert.same(node.compositions, log)
  end)

  -- twin: finished_unread
  it("finished() without reading", function()
    local log, L = helper.line_recorder()
    local buf = ""
    local s1 = compose({ "Hello", "World" }, helper.map_stage(upper), function(source)
      for chunk in source:iter() do buf = buf .. chunk end
    end)
    finished(s1, function(err) L("cb", helper.errtext(err), buf) end)
    run()
    assert.same(node.finished_unread, log)
  end)

  it("checks its arguments", function()
    local ok, err = pcall(compose)
    assert.is_false(ok)
    assert.equal("ERR_MISSING_ARGS", err.code)
    local w, p = Writable.new({ write = function() end }), PassThrough.new()
    ok, err = pcall(compose, w, p)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_VALUE", err.code)
    assert.equal("The argument 'streams[1]' must be readable. Received cstream.Writable", err.message)
    local r = Readable.new({ read = function() end })
    ok, err = pcall(compose, PassThrough.new(), r, PassThrough.new())
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_VALUE", err.code)
    assert.equal("The argument 'streams[2]' must be writable. Received cstream.Readable", err.message)
  end)

  -- twin: sink_returns_value
  it("a sink that returns a value is ERR_INVALID_RETURN_VALUE", function()
    local log, L = helper.line_recorder()
    local buf = ""
    local s1 = compose({ "Hello", "World" }, helper.map_stage(upper), function(source)
      for chunk in source:iter() do buf = buf .. chunk end
      return buf
    end)
    finished(s1, function(err) L("cb", helper.errtext(err)) end)
    run()
    assert.same(node.sink_returns_value, log)
  end)

  -- twin: string_first
  it("a string as the first stage", function()
    local log, L = helper.line_recorder()
    local buf = ""
    local s1 = compose("HelloWorld", helper.map_stage(upper), function(source)
      for chunk in source:iter() do buf = buf .. chunk end
    end)
    finished(s1, function(err) L("cb", helper.errtext(err), buf) end)
    run()
    assert.same(node.string_first, log)
  end)

  -- twin: modes_first_last
  it("writes like the first stream, reads like the last (#46829)", function()
    local log, L = helper.line_recorder()
    local s = compose(
      PassThrough.new({ readableObjectMode = false, writableObjectMode = false }),
      Transform.new({ readableObjectMode = true, writableObjectMode = false,
        transform = function(_, chunk, _, cb) cb(nil, { value = chunk }) end }))
    L("modes", s.writableObjectMode, s.readableObjectMode)
    s:write("Steve Rogers")
    s:write("On your left")
    s:finish()
    s:collect(function(err, res)
      L("cb", helper.errtext(err), #res, res[1].value, res[2].value)
    end)
    run()
    assert.same(node.modes_first_last, log)
  end)

  -- twin: object_writes_byte_reads
  it("object writes, byte reads (#46829)", function()
    local log, L = helper.line_recorder()
    local s = compose(
      PassThrough.new({ readableObjectMode = true, writableObjectMode = true }),
      Transform.new({ readableObjectMode = false, writableObjectMode = true,
        transform = function(_, chunk, _, cb) cb(nil, chunk.value) end }))
    L("modes", s.writableObjectMode, s.readableObjectMode)
    s:write({ value = "Steve Rogers" })
    s:write({ value = "On your left" })
    s:finish()
    s:collect(function(err, res) L("cb", helper.errtext(err), res) end)
    run()
    assert.same(node.object_writes_byte_reads, log)
  end)

  -- twin: destroy_err_last
  it("destroy(err) destroys the last stream", function()
    local log, L = helper.line_recorder()
    local DuplexProcess = Duplex:extend()
    function DuplexProcess:initialize()
      self.stuff = {}
    end
    function DuplexProcess:_write(message, _, cb)
      self.stuff[#self.stuff + 1] = message
      cb()
    end
    function DuplexProcess:_destroy(err, cb) cb(err) end
    function DuplexProcess:_read()
      if #self.stuff > 0 then
        self:push(table.remove(self.stuff, 1))
      elseif self.writableEnded then
        self:push(nil)
      end
    end
    local pass = PassThrough.new({ objectMode = true })
    local duplex = DuplexProcess.new({ objectMode = true })
    local composed = compose(pass, duplex)
    composed:on("error", function(e) L("error", e.message) end)
    composed:write("hello")
    composed:write("world")
    composed:finish()
    composed:destroy({ message = "an unexpected error" })
    L("duplex destroyed", duplex.destroyed)
    run()
    assert.same(node.destroy_err_last, log)
  end)

  -- twin: destroy_abort
  it("destroy() is an AbortError and destroys every stream", function()
    local log, L = helper.line_recorder()
    local a, b = PassThrough.new(), PassThrough.new()
    local d = compose(a, b)
    d:on("error", function(e) L("error", e.name, helper.errtext(e)) end)
    d:on("close", function() L("close", a.destroyed, b.destroyed) end)
    d:destroy()
    run()
    assert.same(node.destroy_abort, log)
  end)
end)
