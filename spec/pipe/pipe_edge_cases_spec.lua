-- pipe edge cases (Node's Readable.prototype.pipe): cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local Transform = stream.Transform
local PassThrough = stream.PassThrough

local function LC(st, names)
  local out = {}
  for i, n in ipairs(names) do out[i] = st:listenerCount(n) end
  return table.concat(out, ",")
end

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/pipe/pipe_edge_cases.js.
local node = twin.run("test/twins/pipe/pipe_edge_cases.js")

-- Cases Node's tests leave implicit; the expected sequences come from their twin
-- all the same. ev() records events with a prefix per stream.

describe("pipe edge cases (Node's Readable.prototype.pipe)", function()
  local function ev(st, log, names, prefix)
    for _, name in ipairs(names) do
      st:on(name, function(...)
        if name == "error" then
          local e = ...
          helper.put(log, prefix .. "error:" .. (type(e) == "table" and (e.code or e.message) or tostring(e)))
        else
          helper.put(log, prefix .. name)
        end
      end)
    end
  end

  -- twin: source_destroy_err
  it("destroying the source with an error neither ends nor unpipes the destination", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = helper.write_ok })
    ev(src, log, { "error", "close", "end" }, "s:")
    ev(dst, log, { "finish", "close", "unpipe", "error" }, "d:")
    src:pipe(dst)
    src:push("a")
    src:destroy("boom")
    helper.setImmediate(function()
      helper.put(log, LC(src, { "data", "end" }), LC(dst, { "unpipe", "error", "close", "finish" }),
        dst.writableEnded)
    end)
    helper.settle()
    assert.are.same(node.source_destroy_err, twin.strings(log))
  end)

  -- twin: destination_destroy
  it("destroying the destination unpipes and pauses the source", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = helper.write_ok })
    ev(src, log, { "pause", "close", "end" }, "s:")
    ev(dst, log, { "finish", "close", "unpipe", "error" }, "d:")
    src:pipe(dst)
    dst:destroy()
    helper.setImmediate(function()
      helper.put(log, src.readableFlowing, LC(src, { "data", "end" }))
      src:push("x")
      helper.put(log, src.readableLength)
    end)
    helper.settle()
    assert.are.same(node.destination_destroy, twin.strings(log))
  end)

  -- twin: destination_ended
  it("a destination ended by the user gets ERR_STREAM_WRITE_AFTER_END and is unpiped", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    ev(src, log, { "pause", "close", "end" }, "s:")
    ev(dst, log, { "finish", "close", "unpipe", "error" }, "d:")
    src:pipe(dst)
    dst["end"](dst, "last")
    src:push("more")
    helper.setImmediate(function() helper.put(log, src.readableFlowing, src.readableLength) end)
    helper.settle()
    assert.are.same(node.destination_ended, twin.strings(log))
  end)

  -- twin: end_false
  it("end = false: the destination stays writable after the source ends", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    ev(dst, log, { "finish", "close", "unpipe" }, "d:")
    ev(src, log, { "end", "close" }, "s:")
    src:pipe(dst, { ["end"] = false })
    src:push("a")
    src:push(nil)
    helper.setImmediate(function()
      helper.put(log, dst.writable)
      dst["end"](dst, "z")
    end)
    helper.settle()
    assert.are.same(node.end_false, twin.strings(log))
  end)

  -- twin: source_encoding
  it("a source with an encoding writes decoded strings", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    src:setEncoding("hex")
    local dst = Writable.new({
      decodeStrings = false,
      write = function(_, c, e, cb)
        helper.put(log, type(c) .. ":" .. c .. ":" .. e)
        cb()
      end,
    })
    src:pipe(dst)
    src:push("ab")
    src:push(nil)
    helper.settle()
    assert.are.same(node.source_encoding, twin.strings(log))
  end)

  -- twin: resumes_paused
  it("pipe() resumes a source that was paused explicitly", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    src:pause()
    src:push("a")
    src:pipe(dst)
    helper.put(log, src.readableFlowing)
    src:push(nil)
    dst:on("finish", function() helper.put(log, "finish") end)
    helper.settle()
    assert.are.same(node.resumes_paused, twin.strings(log))
  end)

  -- twin: data_and_pipe
  it("a 'data' listener and a pipe both see every chunk, in listener order", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    src:on("data", function(d) helper.put(log, "data:" .. d) end)
    src:pipe(dst)
    src:push("a")
    src:push("b")
    src:push(nil)
    dst:on("finish", function() helper.put(log, "finish") end)
    helper.settle()
    assert.are.same(node.data_and_pipe, twin.strings(log))
  end)

  -- twin: unpipe_in_data
  it("unpipe() from a 'data' listener stops the flow at once", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    src:pipe(dst)
    src:on("data", function(d)
      helper.put(log, "data:" .. d)
      if d == "b" then src:unpipe(dst) end
    end)
    src:push("a")
    src:push("b")
    src:push("c")
    src:push(nil)
    src:on("end", function() helper.put(log, "end") end)
    dst:on("unpipe", function() helper.put(log, "unpipe") end)
    helper.setImmediate(function() helper.put(log, src.readableFlowing, dst.writableEnded) end)
    helper.settle()
    assert.are.same(node.unpipe_in_data, twin.strings(log))
  end)

  -- twin: bytes_into_object_mode
  it("a byte source piped into an object-mode destination writes strings", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({
      objectMode = true,
      write = function(_, c, _, cb) helper.put(log, type(c) .. ":" .. c); cb() end,
    })
    src:pipe(dst)
    src:push("ab")
    src:push(nil)
    helper.settle()
    assert.are.same(node.bytes_into_object_mode, twin.strings(log))
  end)

  -- twin: destination_write_error
  it("a write error on the destination unpipes and pauses the source", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = function(_, _, _, cb) cb("wfail") end })
    ev(dst, log, { "error", "close", "unpipe", "finish" }, "d:")
    ev(src, log, { "pause", "close", "end" }, "s:")
    src:pipe(dst)
    src:push("a")
    src:push("b")
    helper.setImmediate(function()
      helper.put(log, src.readableFlowing, src.readableLength, LC(src, { "data", "end" }))
    end)
    helper.settle()
    assert.are.same(node.destination_write_error, twin.strings(log))
  end)

  -- twin: duplex_destination_destroy
  it("destroying a Duplex destination mid-pipe unpipes and pauses the source", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local d = stream.Duplex.new({
      read = helper.noop,
      write = function(_, c, _, cb) helper.put(log, "w:" .. c); cb() end,
    })
    ev(d, log, { "close", "unpipe", "error", "finish" }, "d:")
    ev(src, log, { "pause" }, "s:")
    src:pipe(d)
    src:push("a")
    helper.setImmediate(function()
      d:destroy()
      src:push("b")
      helper.setImmediate(function() helper.put(log, src.readableFlowing, src.readableLength) end)
    end)
    helper.settle()
    assert.are.same(node.duplex_destination_destroy, twin.strings(log))
  end)

  -- twin: readable_listener_read
  it("a 'readable' listener keeps the source paused; read() feeds the pipe", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    src:on("readable", function()
      helper.put(log, "readable")
      local c = src:read()
      while c ~= nil do
        helper.put(log, "read:" .. c)
        c = src:read()
      end
    end)
    src:pipe(dst)
    helper.put(log, "flowing:" .. tostring(src.readableFlowing))
    src:push("a")
    src:push("b")
    src:push(nil)
    dst:on("finish", function() helper.put(log, "finish") end)
    helper.settle()
    assert.are.same(node.readable_listener_read, twin.strings(log))
  end)

  -- twin: middle_transform_fails
  it("a Transform in the middle that fails unpipes its source, not its destination", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local t = Transform.new({ transform = function(_, _, _, cb) cb("terr") end })
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    ev(t, log, { "unpipe", "error", "close" }, "t:")
    ev(dst, log, { "close", "finish", "unpipe" }, "d:")
    ev(src, log, { "pause" }, "s:")
    src:pipe(t):pipe(dst)
    src:push("a")
    helper.setImmediate(function() helper.put(log, src.readableFlowing, dst.writableEnded, dst.destroyed) end)
    helper.settle()
    assert.are.same(node.middle_transform_fails, twin.strings(log))
  end)

  -- twin: unpipe_waiting_drain
  it("unpipe() while waiting for 'drain' lets a 'data' listener take over", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local cb0
    local dst = Writable.new({
      highWaterMark = 1,
      write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb0 = cb end,
    })
    src:pipe(dst)
    src:push("aa")
    src:push("bb")
    helper.setImmediate(function()
      helper.put(log, "paused:" .. tostring(src:isPaused()) .. ":" .. src.readableLength)
      src:unpipe(dst)
      helper.put(log, "after unpipe:" .. tostring(src.readableFlowing))
      src:on("data", function(d) helper.put(log, "data:" .. d) end)
      src:resume()
      cb0()
    end)
    helper.settle()
    assert.are.same(node.unpipe_waiting_drain, twin.strings(log))
  end)

  -- twin: passthrough_chain
  it("a chain of PassThrough ends and closes stage by stage", function()
    local log = {}
    local src = Readable.new({ read = helper.noop })
    local a, b = PassThrough.new(), PassThrough.new()
    local dst = Writable.new({ write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end })
    ev(src, log, { "end", "close" }, "s:")
    ev(a, log, { "finish", "end", "close" }, "a:")
    ev(b, log, { "finish", "end", "close" }, "b:")
    ev(dst, log, { "finish", "close" }, "d:")
    src:pipe(a):pipe(b):pipe(dst)
    src:push("x")
    src:push(nil)
    helper.settle()
    assert.are.same(node.passthrough_chain, twin.strings(log))
  end)
end)
