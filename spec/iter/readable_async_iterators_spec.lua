-- test-stream-readable-async-iterators.js (Node 20's test/parallel/),
-- translated: `for await (x of r)` is `for x in r:iter()` inside a coroutine
-- (Node's async function). Its destroyOnReturn cases are in
-- readable_async_iterators_destroy_on_return_spec.lua; cases Node's test does
-- not have are in readable_async_iterators_beyond_node_spec.lua. See
-- spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Transform, PassThrough = stream.Transform, stream.PassThrough

-- Catches what `for x in r:iter()` raises, with what it received.
local function drain(r, body)
  local got = {}
  local ok, err = pcall(function()
    for x in r:iter() do
      got[#got + 1] = x
      if body then body(x) end
    end
  end)
  return got, (not ok) and err or nil
end

-- What node v20 printed for the cases that assert a whole sequence (each
-- named in a `twin:` comment): test/twins/iter/readable_async_iterators.js.
local node = twin.run("test/twins/iter/readable_async_iterators.js")

describe("test-stream-readable-async-iterators.js", function()
  it("a v1 stream", function()
    local destroys = 0
    local s = helper.legacy_stream()
    function s.destroy() destroys = destroys + 1 end
    stream.nextTick(function()
      s:emit("data", "hello")
      s:emit("data", "world")
      s:emit("end")
    end)
    local res = ""
    helper.async(function()
      for d in Readable.iter(s) do res = res .. d end
    end)
    assert.equal("helloworld", res)
    assert.equal(1, destroys)
  end)

  -- twin: v1_stream_errors
  it("a v1 stream that errors", function()
    local closes = 0
    local s = helper.legacy_stream()
    function s.close() closes = closes + 1 end
    local e = helper.E("asd")
    stream.nextTick(function()
      s:emit("data", 0)
      s:emit("data", 1)
      s:emit("error", e)
    end)
    local got
    helper.async(function()
      local it = Readable.iter(s)
      local ok, err = pcall(it)
      got = { ok, err == e }
    end)
    assert.same(node.v1_stream_errors, twin.strings(got))
    assert.equal(1, closes)
  end)

  -- twin: next_then_loop
  it("next() then a loop on the same iterator", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push(0)
    r:push(1)
    r:push(nil)
    local got = {}
    helper.async(function()
      local it = r:iter()
      got[#got + 1] = it()
      for d in it do got[#got + 1] = d end
    end)
    assert.same(node.next_then_loop, twin.strings(got))
  end)

  -- twin: next_after_error
  it("next() after an error raises it", function()
    local r = Readable.new({ read = function() end })
    local e = helper.E("kaboom")
    local it = r:iter()
    r:destroy(e)
    local got
    helper.async(function()
      local ok, err = pcall(it)
      got = { ok, err == e }
    end)
    assert.same(node.next_after_error, twin.strings(got))
  end)

  -- twin: reads_42_objects
  it("reads 42 objects", function()
    local log = {}
    local readed, received = 0, 0
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("hello")
        readed = readed + 1
        if readed == 42 then self:push(nil) end
      end,
    })
    helper.async_log(log, function()
      for k in r:iter() do
        if k == "hello" then received = received + 1 end
      end
      helper.put(log, readed, received)
    end)
    helper.settle()
    assert.are.same(node.reads_42_objects, twin.strings(log))
  end)

  -- twin: destroy_in_read
  it("destroy(err) inside _read raises err in the loop", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self) self:destroy({ message = "kaboom from read" }) end,
    })
    helper.async_log(log, function()
      local ok, err = pcall(function()
        for _ in r:iter() do helper.put(log, "chunk") end
      end)
      helper.put(log, ok, helper.message(err))
    end)
    helper.settle()
    assert.are.same(node.destroy_in_read, twin.strings(log))
  end)

  -- twin: destroy_from_timer
  it("destroy(err) from a timer after one chunk", function()
    local log = {}
    local pushed = false
    local r
    r = Readable.new({
      objectMode = true,
      read = function(self)
        if not pushed then
          self:push("hello")
          pushed = true
          helper.setImmediate(function() r:destroy({ message = "kaboom" }) end)
        end
      end,
    })
    helper.async_log(log, function()
      local received = 0
      local ok, err = pcall(function()
        for _ in r:iter() do received = received + 1 end
      end)
      helper.put(log, ok, helper.message(err), received)
    end)
    helper.settle()
    assert.are.same(node.destroy_from_timer, twin.strings(log))
  end)

  -- twin: body_raises
  it("an error raised in the loop body destroys the stream", function()
    -- Breaking (or raising) out of the loop closes the iterator through the
    -- for loop's to-be-closed value: Lua 5.4 only (r:each(fn) is the portable form).
    if not helper.TBC then return pending("needs Lua 5.4's to-be-closed for-loop value") end
    local log = {}
    local r = Readable.new({ objectMode = true, read = function(self) self:push("hello") end })
    r:on("close", function() helper.put(log, "close") end)
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    helper.async_log(log, function()
      local kaboom = { message = "kaboom" }
      local ok, err = pcall(function()
        for k in r:iter() do
          helper.put(log, k)
          error(kaboom)
        end
      end)
      helper.put(log, ok, err == kaboom, r.destroyed)
    end)
    helper.settle()
    assert.are.same(node.body_raises, twin.strings(log))
  end)

  -- twin: destroy_after_push
  it("destroy(err) right after a push delivers the chunk, then raises", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("hello")
        self:destroy({ message = "kaboom" })
      end,
    })
    helper.async_log(log, function()
      local received = 0
      local ok, err = pcall(function()
        for k in r:iter() do helper.put(log, k); received = received + 1 end
      end)
      helper.put(log, ok, helper.message(err), received)
    end)
    helper.settle()
    assert.are.same(node.destroy_after_push, twin.strings(log))
  end)

  -- twin: destroyed_and_closed
  it("iterating a stream destroyed and closed before raises premature close", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:destroy()
    r:on("close", function() helper.put(log, "close1") end)
    helper.nextTick(function()
      helper.async_log(log, function()
        r:on("close", function() helper.put(log, "close2") end)
        local received = 0
        for _ in r:iter() do received = received + 1 end
        helper.put(log, received)
      end)
    end)
    helper.settle()
    assert.are.same(node.destroyed_and_closed, twin.strings(log))
  end)

  -- twin: pushes_from_timers
  it("pushes from timers", function()
    local log = {}
    local readed, received = 0, 0
    local r
    r = Readable.new({
      objectMode = true,
      read = function()
        helper.setImmediate(function()
          r:push("hello")
          readed = readed + 1
          if readed == 42 then r:push(nil) end
        end)
      end,
    })
    helper.async_log(log, function()
      for _ in r:iter() do received = received + 1 end
      helper.put(log, readed, received)
    end)
    helper.settle()
    assert.are.same(node.pushes_from_timers, twin.strings(log))
  end)

  -- twin: encoding_pause_data
  it("with setEncoding, pause() and a 'data' listener it sees the same text", function()
    local log = {}
    local readed = 0
    local r
    r = Readable.new({
      read = function()
        helper.setImmediate(function()
          r:push("hello")
          readed = readed + 1
          if readed == 42 then r:push(nil) end
        end)
      end,
    })
    local expected = {}
    r:setEncoding("utf8")
    r:pause()
    r:on("data", function(c) helper.put(expected, c) end)
    helper.async_log(log, function()
      local data = {}
      for k in r:iter() do helper.put(data, k) end
      local a, b = table.concat(data), table.concat(expected)
      helper.put(log, #a, #b, a == b)
    end)
    helper.settle()
    assert.are.same(node.encoding_pause_data, twin.strings(log))
  end)

  -- twin: destroyed_at_once
  it("a destroyed stream raises premature close at once", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:destroy()
    helper.async_log(log, function()
      for _ in r:iter() do helper.put(log, "chunk") end
    end)
    helper.settle()
    assert.are.same(node.destroyed_at_once, twin.strings(log))
  end)

  it("next() on a pipelined stream", function()
    local r = Readable.new({ read = function() end })
    local pt = PassThrough.new()
    local e = helper.E("kaboom")
    local cbErr
    stream.pipeline(r, pt, function(err2) cbErr = err2 end)
    r:destroy(e)
    local err
    helper.async(function()
      local _
      _, err = drain(r)
    end)
    assert.equal(e, err)
    assert.equal(e, cbErr)
  end)

  -- twin: ended_again
  it("iterating an ended stream again yields nothing", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("asdf")
        self:push("hehe")
        self:push(nil)
      end,
    })
    helper.async_log(log, function()
      for a in r:iter() do helper.put(log, "1:" .. a) end
      for b in r:iter() do helper.put(log, "2:" .. b) end
    end)
    helper.settle()
    assert.are.same(node.ended_again, twin.strings(log))
  end)

  -- twin: destroy_null_in_loop
  it("destroy(nil) inside the loop ends it with premature close", function()
    local log = {}
    local r = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("asdf")
        self:push("hehe")
      end,
    })
    r:on("close", function() helper.put(log, "close") end)
    helper.async_log(log, function()
      for a in r:iter() do
        helper.put(log, a)
        r:destroy(nil)
      end
    end)
    helper.settle()
    assert.are.same(node.destroy_null_in_loop, twin.strings(log))
  end)

  -- twin: transform_push_null
  it("the readable side of a Transform ends with push(nil)", function()
    local t = Transform.new({ objectMode = true, transform = function(_, chunk, _, cb) cb(nil, chunk) end })
    t:push(0)
    t:push(1)
    stream.nextTick(function() t:push(nil) end)
    local got, reached = {}, 0
    helper.async(function()
      local it = t:iter()
      got[#got + 1] = it()
      for d in it do
        got[#got + 1] = d
        reached = reached + 1
      end
      reached = reached + 1
    end)
    assert.same(node.transform_push_null, twin.strings(got))
    assert.equal(2, reached)
    t:destroy()
    helper.run(5000)
  end)

  -- twin: async_destroy_error
  it("an error from an asynchronous _destroy is raised", function()
    local log = {}
    local r = Readable.new({
      read = function() end,
      destroy = function(_, _, cb) helper.setTimeout(function() cb({ message = "asd" }) end, 1) end,
    })
    r:destroy()
    helper.async_log(log, function()
      local ok, err = pcall(function()
        for _ in r:iter() do helper.put(log, "chunk") end
      end)
      helper.put(log, ok, helper.message(err))
    end)
    helper.settle()
    assert.are.same(node.async_destroy_error, twin.strings(log))
  end)

  -- twin: no_auto_destroy_end
  it("autoDestroy = false: the stream is not destroyed after the loop", function()
    local log = {}
    local r = Readable.new({
      autoDestroy = false,
      read = function(self) self:push("asd"); self:push(nil) end,
    })
    helper.async_log(log, function()
      for c in r:iter() do helper.put(log, c) end
      helper.put(log, r.destroyed)
    end)
    helper.settle()
    assert.are.same(node.no_auto_destroy_end, twin.strings(log))
  end)

  -- twin: no_auto_destroy_break
  it("autoDestroy = false: break still destroys", function()
    -- Breaking (or raising) out of the loop closes the iterator through the
    -- for loop's to-be-closed value: Lua 5.4 only (r:each(fn) is the portable form).
    if not helper.TBC then return pending("needs Lua 5.4's to-be-closed for-loop value") end
    local log = {}
    local r = Readable.new({ autoDestroy = false, read = function(self) self:push("asd") end })
    helper.async_log(log, function()
      for c in r:iter() do
        helper.put(log, c)
        break
      end
      helper.put(log, r.destroyed)
    end)
    helper.settle()
    assert.are.same(node.no_auto_destroy_break, twin.strings(log))
  end)

  it("the stream is not destroyed before 'end'", function()
    local log = {}
    local r
    r = Readable.new({ read = function(self) self:push("asd"); self:push(nil) end })
    r:on("end", function() helper.put(log, "end", r.destroyed) end)
    helper.async_log(log, function()
      for c in r:iter() do helper.put(log, c) end
      helper.put(log, r.destroyed)
    end)
    helper.settle()
    assert.are.same(node.not_destroyed_before_end, twin.strings(log))
  end)

  it("a destroyed stream fails the iterator made after 'close'", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    r:destroy()
    local err
    r:on("close", function()
      local co = coroutine.create(function()
        local _
        _, err = drain(r)
      end)
      assert(coroutine.resume(co))
    end)
    helper.run(5000)
    assert.equal("ERR_STREAM_PREMATURE_CLOSE", helper.errtext(err))
  end)
end)
