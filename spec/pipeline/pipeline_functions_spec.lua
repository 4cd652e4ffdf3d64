-- test-stream-pipeline.js (Node 20's test/parallel/), translated: the cases
-- whose stages are functions and generators (Node's async functions and
-- async generators: Lua functions returning iterators, and functions that
-- wait). The cases with streams alone are in pipeline_spec.lua. See
-- spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable
local Transform, PassThrough = stream.Transform, stream.PassThrough
local pipeline = stream.pipeline

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/pipeline/pipeline_functions.js.
local node = twin.run("test/twins/pipeline/pipeline_functions.js")

describe("test-stream-pipeline.js (function and generator stages)", function()
  -- twin: iterator_source
  it("an iterator function as the source", function()
    local log, L = helper.line_recorder()
    local res = {}
    pipeline(function()
      local items, i = { "hello", "world" }, 0
      return function()
        i = i + 1
        return items[i]
      end
    end, helper.writer(res), function(err) L("cb", helper.errtext(err), table.concat(res)) end)
    helper.run(5000)
    assert.same(node.iterator_source, log)
  end)

  -- twin: slow_source
  it("a generator that waits, as the source", function()
    local log, L = helper.line_recorder()
    local res = {}
    pipeline(helper.slow_items({ "hello", "world" }), helper.writer(res),
             function(err) L("cb", helper.errtext(err), table.concat(res)) end)
    helper.run(5000)
    assert.same(node.slow_source, log)
  end)

  -- twin: source_transform_sink
  it("source, transform and sink functions", function()
    local log, L = helper.line_recorder()
    local res = {}
    pipeline(helper.slow_items({ "hello", "world" }), helper.map_stage(string.upper), helper.concat_sink(res),
             function(err) L("cb", helper.errtext(err), table.concat(res)) end)
    helper.run(5000)
    assert.same(node.source_transform_sink, log)
  end)

  -- twin: final_value
  it("the value returned by a final function reaches the callback", function()
    local log, L = helper.line_recorder()
    pipeline(helper.slow_items({ "hello", "world" }), helper.map_stage(string.upper), function(source)
      local ret = ""
      for chunk in source:iter() do ret = ret .. chunk end
      return ret
    end, function(err, val) L("cb", helper.errtext(err), val) end)
    helper.run(5000)
    assert.same(node.final_value, log)
  end)

  -- twin: final_generator
  it("a final generator: a readable stream is returned and finalizes", function()
    local log, L = helper.line_recorder()
    local ret = pipeline(helper.slow_items({ "hello" }), function(source)
      return function()
        for _ in source:iter() do end -- luacheck: ignore
        return nil
      end
    end, function(err) L("cb", helper.errtext(err)) end)
    ret:resume()
    L("pipe", type(ret.pipe))
    helper.run(5000)
    assert.same(node.final_generator, log)
  end)

  -- twin: failing_source_final_generator
  it("a failing source before a final generator", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local ret = pipeline(function()
      return function()
        helper.sleep(1)
        error(kaboom)
      end
    end, function(source)
      return function()
        for _ in source:iter() do end -- luacheck: ignore
      end
    end, function(err) L("cb", err == kaboom) end)
    ret:resume()
    helper.run(5000)
    assert.same(node.failing_source_final_generator, log)
  end)

  -- twin: source_raises
  it("a source that raises destroys the next stream", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local s = PassThrough.new()
    pipeline(function() return function() error(kaboom) end end, s,
             function(err) L("cb", err == kaboom, s.destroyed) end)
    helper.run(5000)
    assert.same(node.source_raises, log)
  end)

  -- twin: sink_raises
  it("a sink that raises destroys the streams", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local s = PassThrough.new()
    pipeline(helper.slow_items({ "hello", "world" }), s, function(source)
      for _ in source:iter() do error(kaboom) end
    end, function(err) L("cb", err == kaboom, s.destroyed) end)
    helper.run(5000)
    assert.same(node.sink_raises, log)
  end)

  -- twin: array_source_generator_raises
  it("an array returned by the source, a generator that raises", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local s = PassThrough.new()
    local ret = pipeline(function() return { "hello", "world" } end, s, function(source)
      return coroutine.wrap(function()
        for _ in source:iter() do error(kaboom) end
      end)
    end, function(err) L("cb", err == kaboom, s.destroyed) end)
    ret:resume()
    L("pipe", type(ret.pipe))
    helper.run(5000)
    assert.same(node.array_source_generator_raises, log)
  end)

  -- twin: v1_source
  it("a v1 stream without read() as the source of a function", function()
    local log, L = helper.line_recorder()
    local s = helper.legacy_stream()
    local closes = 0
    function s.close() closes = closes + 1 end
    stream.nextTick(function()
      s:emit("data", "asd")
      s:emit("end")
    end)
    local res = {}
    pipeline(s, helper.concat_sink(res), function(err) L("cb", helper.errtext(err), table.concat(res), closes >= 1) end)
    helper.run(5000)
    assert.same(node.v1_source, log)
  end)

  -- twin: v1_source_errors
  it("a v1 stream that errors is destroyed", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local s = helper.legacy_stream()
    stream.nextTick(function() s:emit("error", kaboom) end)
    function s.destroy() L("destroy") end
    pipeline(s, function() end, function(err) L("cb", err == kaboom) end)
    helper.run(5000)
    assert.same(node.v1_source_errors, log)
  end)

  it("a source or transform function must return something to read", function()
    local s = PassThrough.new()
    local ok, err = pcall(pipeline, function() end, s, function() end)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_RETURN_VALUE", err.code)
    assert.is_false(s.destroyed)
    ok, err = pcall(pipeline, s, function() end, s, function() end)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_RETURN_VALUE", err.code)
    assert.is_false(s.destroyed)
    s:destroy()
    helper.run(5000)
  end)

  -- twin: transform_fails_between
  it("a Transform that fails between functions", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local res = {}
    pipeline(helper.slow_items({ "hello", "world" }),
             Transform.new({ transform = function(_, _, _, cb) cb(kaboom) end }),
             helper.concat_sink(res), function(err) L("cb", err == kaboom, #res) end)
    helper.run(5000)
    assert.same(node.transform_fails_between, log)
  end)

  -- twin: transform_fails_next_tick
  it("a Transform that fails on the next tick between functions", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local res = {}
    pipeline(helper.slow_items({ "hello", "world" }),
             Transform.new({ transform = function(_, _, _, cb)
               stream.nextTick(function() cb(kaboom) end)
             end }),
             helper.concat_sink(res), function(err) L("cb", err == kaboom, #res) end)
    helper.run(5000)
    assert.same(node.transform_fails_next_tick, log)
  end)

  -- twin: transform_between
  it("a Transform between functions", function()
    local log, L = helper.line_recorder()
    local res = {}
    pipeline(helper.slow_items({ "hello", "world" }),
             Transform.new({ decodeStrings = false, transform = function(_, chunk, _, cb)
               cb(nil, chunk:upper())
             end }),
             helper.concat_sink(res), function(err) L("cb", helper.errtext(err), table.concat(res)) end)
    helper.run(5000)
    assert.same(node.transform_between, log)
  end)

  -- twin: sink_raises_at_once
  it("a sink that raises at once", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    pipeline(function() return { "hello" } end, function() error(kaboom) end,
             function(err) L("cb", err == kaboom) end)
    helper.run(5000)
    assert.same(node.sink_raises_at_once, log)
  end)

  -- twin: generator_raises_stops_rest
  it("a generator that raises stops the stages after it", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local res = {}
    local rs
    rs = Readable.new({ read = function()
      helper.check_immediate(function() rs:push("hello") end)
    end })
    local ws = Writable.new({ write = function() L("write") end })
    pipeline(rs, function(src)
      return coroutine.wrap(function()
        for _ in src:iter() do error(kaboom) end
      end)
    end, function(source)
      return coroutine.wrap(function()
        for chunk in source:iter() do res[#res + 1] = chunk end
      end)
    end, ws, function(err) L("cb", err == kaboom, #res) end)
    helper.run(5000)
    assert.same(node.generator_raises_stops_rest, log)
  end)

  -- twin: generator_yields_objects
  it("a generator may yield tables", function()
    local log, L = helper.line_recorder()
    pipeline(function() return { "asd" } end, helper.map_stage(function(c) return { chunk = c } end),
             function(err) L("cb", helper.errtext(err)) end)
    helper.run(5000)
    assert.same(node.generator_yields_objects, log)
  end)

  -- twin: sink_breaks_early
  it("a sink that breaks early destroys the stream before it", function()
    local log, L = helper.line_recorder()
    local s = PassThrough.new({ objectMode = true })
    pipeline(helper.slow_items({ "hello", "world", "world" }), s, function(source)
      local ret, n = "", 0
      for chunk in source:iter() do
        n = n + 1
        if n > 2 then break end
        ret = ret .. chunk
      end
      return ret
    end, function(err, val) L("cb", helper.errtext(err), val, s.destroyed) end)
    helper.run(5000)
    assert.same(node.sink_breaks_early, log)
  end)

  -- twin: unread_source_destroyed
  it("destroys a source that a function stage never read", function()
    local log, L = helper.line_recorder()
    local src = Readable.new({ read = function() end })
    src:push("a")
    src:on("error", function(e) L("src error", helper.errtext(e)) end)
    src:on("close", function() L("src close") end)
    pipeline(src, function() return { "x" } end, Writable.new({ write = function(_, ch, _, cb)
      L("write", ch)
      cb()
    end }), function(err) L("cb", helper.errtext(err)) end)
    helper.run(5000)
    assert.same(node.unread_source_destroyed, log)
  end)
end)
