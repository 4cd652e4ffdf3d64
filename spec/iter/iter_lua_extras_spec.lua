-- Lua extras: cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable
local Transform, PassThrough = stream.Transform, stream.PassThrough
local twin = require("spec.twin")
-- Where a Lua extra has a Node counterpart (for-await, write then once drain)
-- the sequences are what test/twins/iter/iter_lua_extras.js printed.
local node = twin.run("test/twins/iter/iter_lua_extras.js")

-- Runs the loop to completion; fails when it is still busy after 5 s.
local function run() helper.run(5000) end

-- Runs fn in a coroutine (Node's async function), then the loop; fails if
-- fn raised or never returned.
local function async(fn)
  local done, failure = false, nil
  local co = coroutine.create(function()
    local ok, err = xpcall(fn, debug.traceback)
    done = true
    if not ok then failure = err end
  end)
  local ok, err = coroutine.resume(co)
  if not ok then error(err, 0) end
  run()
  if failure ~= nil then error(failure, 0) end
  assert.is_true(done, "the coroutine never finished")
end

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

describe("Lua extras", function()
  it("iter() must wait inside a coroutine", function()
    local r = Readable.new({ read = function() end })
    local ok, err = pcall(function()
      for _ in r:iter() do end -- luacheck: ignore
    end)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_STATE", err.code)
    r:destroy()
    run()
  end)

  -- twin: from_stream
  it("a stream as the source of Readable.from", function()
    local src = Readable.from({ 1, 2, 3 })
    local r = Readable.from(src)
    local got
    async(function() got = drain(r) end)
    assert.are.same(node.from_stream, twin.strings(got))
  end)

  -- Written out: in node an async generator waiting in `for await` over
  -- another stream is not left when Readable.from is destroyed (return()
  -- waits for its next yield): no 'close' comes; a coroutine can be closed.
  it("destroying Readable.from stops a generator waiting on another stream", function()
    local source = PassThrough.new()
    local r = Readable.from(coroutine.wrap(function()
      for chunk in source:iter() do coroutine.yield(chunk) end
    end))
    local log = {}
    source:on("close", function() log[#log + 1] = "source close " .. tostring(source.destroyed) end)
    r:on("close", function() log[#log + 1] = "r close" end)
    r:resume()
    helper.check_immediate(function() r:destroy() end)
    run()
    table.sort(log)
    if coroutine.close then
      assert.same({ "r close", "source close true" }, log)
    else
      -- docs/API.md, Lua versions: before 5.4 the generator's coroutine
      -- cannot be closed, so its loop over source is abandoned, not left.
      assert.same({ "r close" }, log)
      assert.is_false(source.destroyed)
    end
  end)

  it("collect: bytes", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("ab")
    r:push("cd")
    r:push(nil)
    r:collect(function(err, res) log[#log + 1] = { helper.errtext(err), res } end)
    run()
    assert.same({ { "nil", "abcd" } }, log)
  end)

  it("collect: objects", function()
    local log = {}
    Readable.from({ 1, false, "x" }):collect(function(err, res) log[#log + 1] = { helper.errtext(err), res } end)
    run()
    assert.same({ { "nil", { 1, false, "x" } } }, log)
  end)

  it("collect: the stream's error", function()
    local log = {}
    local e = helper.E("kaboom")
    local r = Readable.new({ read = function() end })
    r:push("ab")
    r:collect(function(err, res) log[#log + 1] = { err == e, res } end)
    stream.nextTick(function() r:destroy(e) end)
    run()
    assert.same({ { true } }, log)
  end)

  -- twin: write_async_drain
  it("writeAsync waits for 'drain'", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 2, write = function(_, chunk, _, cb)
      log[#log + 1] = "write " .. chunk
      helper.check_immediate(cb)
    end })
    w:on("drain", function() log[#log + 1] = "drain" end)
    async(function()
      for _, c in ipairs({ "a", "b", "c" }) do
        w:writeAsync(c)
        log[#log + 1] = "wrote " .. c
      end
      w:finish()
    end)
    assert.are.same(node.write_async_drain, log)
  end)

  it("writeAsync raises the stream's error", function()
    local e = helper.E("kaboom")
    local w = Writable.new({ highWaterMark = 1, write = function(_, _, _, cb)
      helper.check_immediate(function() cb(e) end)
    end })
    w:on("error", function() end)
    local ok, err
    async(function() ok, err = pcall(w.writeAsync, w, "abc") end)
    assert.is_false(ok)
    assert.equal(e, err)
  end)

  it("writeAsync on a destroyed stream raises ERR_STREAM_DESTROYED", function()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    w:destroy()
    w:on("error", function() end)
    local ok, err
    async(function() ok, err = pcall(w.writeAsync, w, "abc") end)
    assert.is_false(ok)
    assert.equal("ERR_STREAM_DESTROYED", helper.errtext(err))
  end)

  it("writeAsync outside a coroutine is ERR_INVALID_STATE", function()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    local ok, err = pcall(w.writeAsync, w, "abc")
    assert.is_false(ok)
    assert.equal("ERR_INVALID_STATE", err.code)
    assert.equal(0, w.writableLength)
  end)

  -- twin: duplex
  it("a Duplex has writeAsync and iter", function()
    local d = PassThrough.new()
    local got
    async(function()
      d:writeAsync("x")
      d:finish()
      got = drain(d)
    end)
    assert.are.same(node.duplex, got)
  end)

  -- r:each(fn): the iter() loop on every Lua (docs/API.md, Readable).
  describe("each", function()
    -- twin: each_all
    it("calls fn per chunk and returns true at the end", function()
      local r = Readable.from({ "a", "b", "c" })
      local got, res = {}, nil
      async(function()
        res = r:each(function(c) got[#got + 1] = c end)
      end)
      assert.are.same(node.each_all, got)
      assert.is_true(res)
    end)

    -- twin: each_stop
    it("fn returning false stops, destroys the stream and returns false", function()
      local r = Readable.from({ 1, 2, 3, 4 })
      local got, res, destroyedThen = {}, nil, nil
      local closed = false
      r:on("close", function() closed = true end)
      async(function()
        res = r:each(function(c)
          got[#got + 1] = c
          return c ~= 2
        end)
        destroyedThen = r.destroyed
      end)
      assert.are.same(node.each_stop, twin.strings(got))
      assert.is_false(res)
      assert.is_true(destroyedThen)
      assert.is_true(closed)
    end)

    -- twin: each_keep
    it("destroyOnReturn = false leaves the stream readable after a stop", function()
      local r = Readable.from({ 1, 2, 3 })
      local rest
      async(function()
        r:each(function() return false end, { destroyOnReturn = false })
        rest = {}
        r:each(function(c) rest[#rest + 1] = c end)
      end)
      assert.are.same(node.each_keep, twin.strings(rest))
    end)

    it("an error fn raises destroys the stream and is raised", function()
      local r = Readable.from({ 1, 2 })
      local ok, err, destroyedThen
      async(function()
        ok, err = pcall(r.each, r, function() error(helper.E("in fn")) end)
        destroyedThen = r.destroyed
      end)
      assert.is_false(ok)
      assert.equal("in fn", err.message)
      assert.is_true(destroyedThen)
    end)

    it("raises the stream's error", function()
      local r = PassThrough.new()
      local ok, err
      async(function()
        helper.setTimeout(function() r:destroy(helper.E("bad")) end, 1)
        ok, err = pcall(r.each, r, function() end)
      end)
      assert.is_false(ok)
      assert.equal("bad", err.message)
    end)

    it("outside a coroutine is ERR_INVALID_STATE; fn must be a function", function()
      local r = Readable.from({ 1 })
      local ok, err = pcall(r.each, r, function() end)
      assert.is_false(ok)
      assert.equal("ERR_INVALID_STATE", err.code)
      ok, err = pcall(r.each, r, 42)
      assert.is_false(ok)
      assert.equal("ERR_INVALID_ARG_TYPE", err.code)
      r:destroy()
      run()
    end)
  end)
end)
