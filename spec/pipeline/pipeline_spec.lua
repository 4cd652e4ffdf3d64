-- test-stream-pipeline.js (Node 20's test/parallel/), translated: streams,
-- legacy streams and arrays as stages. Its cases with function and generator
-- stages are in pipeline_functions_spec.lua. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough
local pipeline = stream.pipeline

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/pipeline/pipeline.js.
local node = twin.run("test/twins/pipeline/pipeline.js")

describe("test-stream-pipeline.js", function()
  -- twin: pipes_readable_writable
  it("pipes a Readable into a Writable", function()
    local log, L = helper.line_recorder()
    local read = Readable.new({ read = function() end })
    local write = Writable.new({ write = function(_, d, _, cb)
      L("write", d)
      cb()
    end })
    write:on("finish", function() L("finish") end)
    for _, x in ipairs({ "a", "b", "c" }) do read:push(x) end
    read:push(nil)
    pipeline(read, write, function(err) L("cb", helper.errtext(err)) end)
    helper.run(5000)
    assert.same(node.pipes_readable_writable, log)
  end)

  it("checks its arguments", function()
    local read = Readable.new({ read = function() end })
    local ok, err = pcall(pipeline, read, function() end)
    assert.is_false(ok)
    assert.equal("ERR_MISSING_ARGS", err.code)
    assert.equal('The "streams" argument must be specified', err.message)
    ok, err = pcall(pipeline, function() end)
    assert.is_false(ok)
    assert.equal("ERR_MISSING_ARGS", err.code)
    ok, err = pcall(pipeline)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
    ok, err = pcall(pipeline, read, Transform.new({ transform = function() end }),
                    Writable.new({ write = function() end }))
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
    read:destroy()
    helper.run(5000)
  end)

  -- twin: source_destroy_premature
  it("destroy() of the source is a premature close", function()
    local log, L = helper.line_recorder()
    local read = Readable.new({ read = function() end })
    local write = Writable.new({ write = function(_, _, _, cb) cb() end })
    read:push("data")
    helper.check_immediate(function() read:destroy() end)
    pipeline(read, write, function(err) L("cb", helper.errtext(err)) end)
    helper.run(5000)
    assert.same(node.source_destroy_premature, log)
  end)

  -- twin: source_destroy_err
  it("destroy(err) of the source is the error, and returns the last stream", function()
    local log, L = helper.line_recorder()
    local read = Readable.new({ read = function() end })
    local write = Writable.new({ write = function(_, _, _, cb) cb() end })
    local kaboom = helper.E("kaboom")
    read:push("data")
    helper.check_immediate(function() read:destroy(kaboom) end)
    local dst = pipeline(read, write, function(err) L("cb", err == kaboom) end)
    L("dst", dst == write)
    helper.run(5000)
    assert.same(node.source_destroy_err, log)
  end)

  -- twin: transform_error
  it("an error in a Transform destroys every stream", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local read = Readable.new({ read = function() end })
    local transform = Transform.new({ transform = function(_, _, _, cb) cb(kaboom) end })
    local write = Writable.new({ write = function(_, _, _, cb) cb() end })
    for _, p in ipairs({ { "read", read }, { "transform", transform }, { "write", write } }) do
      local name, s = p[1], p[2]
      s:on("close", function() L(name, "close") end)
      s:on("error", function(e) L(name, "error", helper.errtext(e), e == kaboom) end)
    end
    local dst = pipeline(read, transform, write, function(err) L("cb", helper.errtext(err), err == kaboom) end)
    L("dst", dst == write)
    read:push("hello")
    helper.run(5000)
    assert.same(node.transform_error, log)
  end)

  -- twin: six_transforms_sink_fails
  it("a failing sink at the end of six Transforms closes all of them", function()
    local log, L = helper.line_recorder()
    local kaboom = helper.E("kaboom")
    local function makeTransform(i)
      local tr = Transform.new({ transform = function(_, d, _, cb) cb(nil, d) end })
      tr:on("close", function() L("close", i) end)
      return tr
    end
    local rs
    rs = Readable.new({ read = function() rs:push("hello") end })
    local cnt = 10
    local ws = Writable.new({ write = function(_, _, _, cb)
      cnt = cnt - 1
      if cnt == 0 then return cb(kaboom) end
      cb()
    end })
    rs:on("close", function() L("close", "rs") end)
    ws:on("close", function() L("close", "ws") end)
    pipeline(rs, makeTransform(1), makeTransform(2), makeTransform(3), makeTransform(4),
             makeTransform(5), makeTransform(6), ws, function(err) L("cb", err == kaboom) end)
    helper.run(5000)
    assert.same(node.six_transforms_sink_fails, log)
  end)

  -- twin: legacy_middle
  it("a legacy stream in the middle", function()
    local log, L = helper.line_recorder()
    local old = helper.legacy_stream()
    function old.write(self, data)
      self:emit("data", data)
      return true
    end
    old["end"] = function(self) self:emit("end") end
    local rs
    rs = Readable.new({ read = function()
      rs:push("hello")
      rs:push("world")
      rs:push(nil)
    end })
    local ws = Writable.new({ write = function(_, d, _, cb)
      L("write", d)
      cb()
    end })
    ws:on("finish", function() L("finish") end)
    pipeline(rs, old, ws, function(err) L("cb", helper.errtext(err)) end)
    helper.run(5000)
    assert.same(node.legacy_middle, log)
  end)

  -- twin: legacy_destroy
  it("legacy streams are destroyed through their destroy()", function()
    local log, L = helper.line_recorder()
    local function makeOld()
      local old = helper.legacy_stream()
      function old.write(self, data)
        self:emit("data", data)
        return true
      end
      old["end"] = function(self) self:emit("end") end
      return old
    end
    local old, destroyable = makeOld(), makeOld()
    function destroyable.destroy(self)
      L("destroy")
      self:emit("close")
    end
    local stop = helper.E("stop")
    local rs
    rs = Readable.new({ read = function() rs:destroy(stop) end })
    local ws = Writable.new({ write = function(_, _, _, cb) cb() end })
    ws:on("finish", function() L("finish") end)
    pipeline(rs, old, destroyable, ws, function(err) L("cb", err == stop) end)
    helper.run(5000)
    assert.same(node.legacy_destroy, log)
  end)

  -- twin: no_auto_destroy
  it("does not destroy streams with autoDestroy = false", function()
    local log, L = helper.line_recorder()
    local src = PassThrough.new({ autoDestroy = false })
    local dst = PassThrough.new({ autoDestroy = false })
    pipeline(src, dst, function(err) L("cb", helper.errtext(err), src.destroyed, dst.destroyed) end)
    src:finish()
    helper.run(5000)
    assert.same(node.no_auto_destroy, log)
    src:destroy()
    dst:destroy()
    helper.run(5000)
  end)

  -- twin: close_before_end
  it("'close' before 'end' finishes without error once EOF was pushed", function()
    local log, L = helper.line_recorder()
    local r = Readable.new({ read = function() end })
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    pipeline(r, w, function(err) L("cb", helper.errtext(err)) end)
    r:push("asd")
    r:push(nil)
    r:emit("close")
    helper.run(5000)
    assert.same(node.close_before_end, log)
  end)

  -- twin: readable_last_not_destroyed
  it("a readable last stream is not destroyed", function()
    local log, L = helper.line_recorder()
    local src, dst = PassThrough.new(), PassThrough.new()
    pipeline(src, dst, function(err) L("cb", helper.errtext(err), dst.destroyed) end)
    src:finish()
    helper.run(5000)
    assert.same(node.readable_last_not_destroyed, log)
    dst:destroy()
    helper.run(5000)
  end)

  -- twin: duplex_source_writable_kept
  it("keeps the writable side of a Duplex source usable", function()
    local log, L = helper.line_recorder()
    local src = PassThrough.new()
    L("before", src.writable)
    local dst = PassThrough.new()
    pipeline(src, dst, function(err) L("cb", helper.errtext(err), src.writable, src.destroyed) end)
    src:push(nil)
    helper.run(5000)
    assert.same(node.duplex_source_writable_kept, log)
    src:destroy()
    dst:destroy()
    helper.run(5000)
  end)

  -- twin: returned_destroy_premature
  it("destroy() of the returned stream is a premature close", function()
    local log, L = helper.line_recorder()
    local src = PassThrough.new()
    local dst = pipeline(src, helper.map_stage(function(c) return c end),
                         function(err) L("cb", helper.errtext(err)) end)
    src:push("asd")
    dst:destroy()
    helper.run(5000)
    assert.same(node.returned_destroy_premature, log)
  end)

  -- twin: async_destroy_source
  it("waits for the source's async _destroy", function()
    local log, L = helper.line_recorder()
    local closed = false
    local src = Readable.new({
      read = function() end,
      destroy = function(_, _, cb) stream.nextTick(cb) end,
    })
    local dst = Writable.new({ write = function(_, _, _, cb) cb() end })
    src:on("close", function() closed = true end)
    src:push(nil)
    pipeline(src, dst, function(err) L("cb", helper.errtext(err), closed) end)
    helper.run(5000)
    assert.same(node.async_destroy_source, log)
  end)

  -- twin: async_destroy_source_duplex
  it("waits for the source's async _destroy (Duplex destination)", function()
    local log, L = helper.line_recorder()
    local closed = false
    local src = Readable.new({
      read = function() end,
      destroy = function(_, _, cb) stream.nextTick(cb) end,
    })
    local dst = Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
    src:on("close", function() closed = true end)
    src:push(nil)
    pipeline(src, dst, function(err) L("cb", helper.errtext(err), closed) end)
    helper.run(5000)
    assert.same(node.async_destroy_source_duplex, log)
    dst:destroy()
    helper.run(5000)
  end)

  -- twin: duplex_busy_writable
  it("does not destroy a Duplex whose writable side is still busy", function()
    local log, L = helper.line_recorder()
    local d
    d = Duplex.new({
      autoDestroy = false,
      write = function(_, data, _, cb)
        L("write")
        d:push(data)
        cb()
      end,
      read = function()
        L("read")
        d:push(nil)
      end,
      final = function(_, cb)
        L("final")
        helper.timeout_now(function()
          L("final-cb", d.destroyed)
          cb()
        end, 10)
      end,
      destroy = function() L("destroy") end,
    })
    local sink = Writable.new({ write = function(_, data, _, cb)
      L("sink-write", data)
      cb()
    end })
    pipeline(d, sink, function(err) L("cb", helper.errtext(err)) end)
    d:write("test")
    d:finish()
    helper.run(5000)
    assert.same(node.duplex_busy_writable, log)
  end)

  -- twin: streams_array
  it("takes the streams as one array", function()
    local log, L = helper.line_recorder()
    local r = Readable.new({ read = function() end })
    r:push("hello")
    r:push("world")
    r:push(nil)
    local res = {}
    pipeline({ r, helper.writer(res) }, function(err) L("cb", helper.errtext(err), table.concat(res)) end)
    helper.run(5000)
    assert.same(node.streams_array, log)
  end)

  -- twin: transform_flush
  it("waits for a Transform's flush", function()
    local log, L = helper.line_recorder()
    local flushed = false
    local input = Readable.new({ read = function() end })
    input:push(nil)
    pipeline(input, Transform.new({
      transform = function(_, chunk, _, cb) cb(nil, chunk) end,
      flush = function(_, cb)
        helper.timeout_now(function()
          flushed = true
          cb()
        end, 1)
      end,
    }), function(err) L("cb", helper.errtext(err), flushed) end)
    helper.run(5000)
    assert.same(node.transform_flush, log)
  end)

  -- twin: array_sources
  it("array tables as the source", function()
    local log, L = helper.line_recorder()
    pipeline({ 1, 2, 3 }, PassThrough.new({ objectMode = true }), function(err) L("objects", helper.errtext(err)) end)
    local res = {}
    pipeline({ "1", "2", "3" }, helper.writer(res), function(err) L("strings", helper.errtext(err), table.concat(res)) end)
    helper.run(5000)
    table.sort(log)
    assert.same(node.array_sources, log)
  end)

  -- twin: from_string_source
  it("Readable.from(string) as the source", function()
    local log, L = helper.line_recorder()
    local res = {}
    local write = helper.writer(res)
    write:on("finish", function() L("finish") end)
    pipeline({ Readable.from("Hello World!"), write },
             function(err) L("cb", helper.errtext(err), table.concat(res)) end)
    helper.run(5000)
    assert.same(node.from_string_source, log)
  end)

  -- twin: legacy_writable_no_destroy
  it("a legacy Writable without destroy() gets the error emitted", function()
    local log, L = helper.line_recorder()
    local stop = helper.E("stop")
    local writable = helper.legacy_stream()
    function writable.write(_, _, _, cb)
      if cb then cb() end
      return true
    end
    writable:on("error", function(err) L("error", err == stop) end)
    pipeline(Readable.from(function() error(stop) end), writable,
             function(err) L("cb", err == stop) end)
    helper.run(5000)
    assert.same(node.legacy_writable_no_destroy, log)
  end)

  -- twin: own_end
  it("ends the destination through its own finish()", function()
    local log, L = helper.line_recorder()
    local CustomReadable = Readable:extend()
    function CustomReadable:_read()
      self:push("asd")
      self:push(nil)
    end
    local CustomWritable = Writable:extend()
    function CustomWritable:initialize()
      self.endCount = 0
      self.str = ""
    end
    function CustomWritable:_write(chunk, _, cb)
      self.str = self.str .. chunk
      cb()
    end
    function CustomWritable:finish(...)
      self.endCount = self.endCount + 1
      return Writable.finish(self, ...)
    end
    local writable = CustomWritable.new()
    pipeline(CustomReadable.new(), writable,
             function(err) L("cb", helper.errtext(err), writable.str, writable.endCount) end)
    helper.run(5000)
    assert.same(node.own_end, log)
  end)

  -- twin: source_already_ended
  it("a source that has already ended", function()
    local log, L = helper.line_recorder()
    local readable = Readable.new({ read = function() end })
    readable:on("end", function()
      pipeline(readable, PassThrough.new(), function(err) L("cb", helper.errtext(err)) end)
    end)
    readable:push(nil)
    readable:read()
    helper.run(5000)
    assert.same(node.source_already_ended, log)
  end)

  -- twin: duplex_source_already_ended
  it("a Duplex source that has already ended", function()
    local log, L = helper.line_recorder()
    local dup = Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
    dup:on("end", function()
      pipeline(dup, PassThrough.new(), function(err) L("cb", helper.errtext(err)) end)
    end)
    dup:push(nil)
    dup:read()
    helper.run(5000)
    assert.same(node.duplex_source_already_ended, log)
    dup:destroy()
    helper.run(5000)
  end)

  -- twin: final_after_end_large
  it("_final runs after the source's 'end' with a large buffer", function()
    local log, L = helper.line_recorder()
    local r = Readable.new({ read = function() end })
    for _ = 1, 4000 do r:push("asdfdagljanfgkaljdfn") end
    r:push(nil)
    local ended = false
    r:on("end", function() ended = true end)
    local w = Writable.new({
      write = function(_, _, _, cb) cb() end,
      final = function(_, cb)
        L("final", ended)
        cb()
      end,
    })
    pipeline(r, w, function(err) L("cb", helper.errtext(err)) end)
    helper.run(5000)
    assert.same(node.final_after_end_large, log)
  end)

  -- twin: slow_destination
  it("calls back before a slow destination has closed (node 20)", function()
    local log, L = helper.line_recorder()
    local problem = helper.E("problem")
    local src = Readable.new({ read = function() end })
    local dst = Writable.new({
      write = function(_, _, _, cb) cb() end,
      destroy = function(_, _, cb) helper.check_immediate(cb) end,
    })
    pipeline(src, dst, function(err) L("cb", src.closed, dst.closed, err == problem) end)
    src:destroy(problem)
    helper.run(5000)
    assert.same(node.slow_destination, log)
  end)

  -- twin: slow_destination_10
  it("calls back before a slow destination has closed, through 10 PassThroughs", function()
    local log, L = helper.line_recorder()
    local problem = helper.E("problem")
    local src = Readable.new({ read = function() end })
    local dst = Writable.new({
      write = function(_, _, _, cb) cb() end,
      destroy = function(_, _, cb) helper.check_immediate(cb) end,
    })
    local pts = {}
    for i = 1, 10 do pts[i] = PassThrough.new() end
    pts[#pts + 1] = dst
    pts[#pts + 1] = function(err)
      local all = true
      for i = 1, 10 do all = all and pts[i].closed end
      L("cb", src.closed, dst.closed, err == problem, all)
    end
    pipeline(src, (table.unpack or unpack)(pts))
    src:destroy(problem)
    helper.run(5000)
    assert.same(node.slow_destination_10, log)
  end)
end)
