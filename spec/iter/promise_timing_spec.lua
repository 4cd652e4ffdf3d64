-- promise timing of iter(), Readable.from and writeAsync: cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable
local twin = require("spec.twin")
local node = twin.run("test/twins/iter/promise_timing.js")

-- Runs the loop to completion; fails when it is still busy after 5 s.
local function run() helper.run(5000) end

-- Where Node's code awaits, the coroutine waits for as many microtasks
-- (stream.queueMicrotask) as that await takes in Node 20, even when the
-- value is already there; so loop bodies interleave with ticks and other
-- microtasks as in Node. Each expected log is what node printed for the case
-- of test/twins/iter/promise_timing.js named above the spec (the
-- Readable.from destroy cases keep theirs written out, from
-- /tmp/itx_from_destroy2.js and 3.js).
describe("promise timing of iter(), Readable.from and writeAsync", function()
  local mt = stream.queueMicrotask

  local function put(log, ...)
    for i = 1, select("#", ...) do log[#log + 1] = (select(i, ...)) end
  end

  -- k chained microtasks logging tag1..tagk, with "D" once s is destroyed
  -- and "E" once its readable side has ended (push(nil) done).
  local function chain(log, tag, k, s)
    local i = 0
    local function step()
      i = i + 1
      local mark = ""
      if s then
        mark = (s:_state().r.ended and "E" or "") .. (s.destroyed and "D" or "")
      end
      put(log, tag .. i .. mark)
      if i < k then mt(step) end
    end
    mt(step)
  end

  -- Node's `(async () => { body })().then(() => log.push('done'))`.
  local function asyncLog(log, body)
    local co = coroutine.create(function()
      local ok, err = pcall(body)
      mt(function() put(log, ok and "done" or ("rejected:" .. helper.errtext(err))) end)
    end)
    local ok, err = coroutine.resume(co)
    if not ok then error(err, 0) end
  end

  local function tick(log, name) stream.nextTick(function() put(log, name) end) end

  -- twin: buffered
  it("a step over a buffered chunk takes two microtasks", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a"); r:push("b"); r:push("c")
    helper.check_immediate(function()
      asyncLog(log, function()
        chain(log, "p", 8)
        put(log, "start")
        helper.iterate(r, function(c)
          put(log, "chunk:" .. c)
          if c == "a" then chain(log, "q", 8) end
          if c == "c" then return false end -- break
        end)
      end)
      put(log, "sync")
    end)
    run()
    assert.are.same(node.buffered, twin.strings(log))
  end)

  -- twin: waiting
  it("a chunk pushed while waiting reaches the body three microtasks after 'readable'", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    helper.check_immediate(function()
      asyncLog(log, function()
        for c in r:iter() do put(log, "chunk:" .. c) end
      end)
      helper.timeout_now(function()
        put(log, "push")
        r:push("x")
        chain(log, "p", 8)
        tick(log, "tick")
        helper.check_immediate(function() r:push(nil) end)
      end, 5)
    end)
    run()
    assert.are.same(node.waiting, twin.strings(log))
  end)

  -- twin: end
  it("the end seen while waiting leaves the loop two microtasks after 'close'", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    helper.check_immediate(function()
      asyncLog(log, function()
        for c in r:iter() do put(log, "chunk:" .. c) end
        put(log, "after")
      end)
      helper.timeout_now(function()
        r:on("end", function()
          put(log, "end")
          chain(log, "p", 8)
          tick(log, "tick")
        end)
        r:push(nil)
        r:on("close", function() put(log, "close") end)
      end, 5)
    end)
    run()
    assert.are.same(node["end"], twin.strings(log))
  end)

  -- twin: break, throw_in_body: for-await calls return(),
  -- whose finally block destroys the stream a microtask later.
  it("break destroys one microtask later and goes on after two", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a"); r:push("b")
    helper.check_immediate(function()
      asyncLog(log, function()
        helper.iterate(r, function(c)
          put(log, "chunk:" .. c)
          chain(log, "p", 8, r)
          return false -- break
        end)
        put(log, "after" .. (r.destroyed and "D" or ""))
      end)
    end)
    run()
    assert.are.same(node["break"], twin.strings(log))
  end)

  -- twin: throw_in_body
  it("an error raised by the body is caught two microtasks later", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a")
    helper.check_immediate(function()
      asyncLog(log, function()
        local ok, err = pcall(function()
          helper.iterate(r, function(c)
            put(log, "chunk:" .. c)
            chain(log, "p", 8, r)
            error(helper.E("x"))
          end)
        end)
        put(log, ok, err.message .. (r.destroyed and "D" or ""))
      end)
    end)
    run()
    assert.are.same(node.throw_in_body, twin.strings(log))
  end)

  -- twin: error_wait
  it("an error while waiting is raised two microtasks after 'error'", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    helper.check_immediate(function()
      asyncLog(log, function()
        local ok, err = pcall(function()
          for c in r:iter() do put(log, "chunk:" .. c) end
        end)
        put(log, ok, err.message)
      end)
      helper.timeout_now(function()
        r:on("error", function()
          put(log, "error")
          chain(log, "p", 8)
        end)
        r:destroy(helper.E("bad"))
      end, 5)
    end)
    run()
    assert.are.same(node.error_wait, twin.strings(log))
  end)

  -- twin: error_in_body
  it("destroy(err) in the body: the next step waits for the error's ticks", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a")
    helper.check_immediate(function()
      asyncLog(log, function()
        local ok, err = pcall(function()
          for c in r:iter() do
            put(log, "chunk:" .. c)
            r:destroy(helper.E("bad"))
            chain(log, "p", 8)
          end
        end)
        put(log, ok, err.message)
      end)
      r:on("error", function() put(log, "error") end)
      r:on("close", function() put(log, "close") end)
    end)
    run()
    assert.are.same(node.error_in_body, twin.strings(log))
  end)

  -- twin: from_async, from_array: Readable.from calls a function as
  -- Node awaits an async generator, and reads an array as a sync iterable.
  local function trace(src, log)
    local r = Readable.from(src)
    r:on("end", function() put(log, "end") end)
    r:on("close", function() put(log, "close") end)
    asyncLog(log, function()
      for c in r:iter() do
        put(log, "chunk:" .. c)
        tick(log, "tick" .. c)
        mt(function() put(log, "mt" .. c) end)
      end
    end)
    run()
  end

  it("Readable.from(function) and iter(): ticks wait until the loop is done", function()
    local log, calls = {}, 0
    trace(function()
      calls = calls + 1
      put(log, "gen" .. calls)
      if calls <= 5 then return calls end
    end, log)
    assert.are.same(node.from_async, twin.strings(log))
  end)

  it("Readable.from(array) and iter(): the array is not awaited", function()
    local log = {}
    trace({ 1, 2, 3, 4, 5 }, log)
    assert.are.same(node.from_array, twin.strings(log))
  end)

  -- twin: from_values, from_throw: `await iterator.next()` takes two microtasks for a
  -- value, one for the end or a throw.
  for _, mode in ipairs({ "values", "throw" }) do
    it("Readable.from(function): " .. mode, function()
      local log, n, r = {}, 0, nil
      r = Readable.from(function()
        n = n + 1
        put(log, "gen" .. n)
        chain(log, "g" .. n .. ".", 4, r)
        if n == 3 then
          if mode == "throw" then error(helper.E("bad")) end
          return nil
        end
        return n
      end)
      r:on("data", function(c) put(log, "data:" .. c) end)
      r:on("end", function() put(log, "end") end)
      r:on("error", function(e) put(log, "error:" .. e.message) end)
      r:on("close", function() put(log, "close") end)
      run()
      assert.are.same(node["from_" .. mode], log)
    end)
  end

  -- itx_from_destroy2.js / itx_from_destroy3.js: _destroy calls back after
  -- Node's async close() around the iterator's return() (or throw(err)).
  -- Each microtask k of a chain queues tick tk; "cb" lands between them.
  local sources = {
    ["function"] = function()
      local i = 0
      return function() i = i + 1; return i end
    end,
    array = function() return { 1, 2, 3 } end,
    stream = function()
      return Readable.new({ objectMode = true, read = function(self) self:push(1) end })
    end,
  }
  local expected = {
    ["function"] = { none = 3, err = 1 },
    array = { none = 0, err = 0 },
    stream = { none = 3, err = 1 },
  }
  for _, kind in ipairs({ "function", "array", "stream" }) do
    for _, how in ipairs({ "none", "err" }) do
      it("Readable.from(" .. kind .. "):destroy(" .. (how == "err" and "err" or "")
         .. ") calls back after Node's close()", function()
        local log = {}
        local r = Readable.from(sources[kind]())
        r:read(0)
        local orig = r._destroy
        r._destroy = function(self, err, cb)
          orig(self, err, function(e)
            put(log, "cb")
            cb(e)
          end)
        end
        r:on("close", function() put(log, "close") end)
        r:on("error", function() put(log, "error") end)
        helper.timeout_now(function()
          r:destroy(how == "err" and helper.E("x") or nil)
          local i = 0
          local function step()
            i = i + 1
            tick(log, "t" .. i)
            if i < 8 then mt(step) end
          end
          mt(step)
        end, 5)
        run()
        local want = {}
        for i = 1, 8 do
          if i - 1 == expected[kind][how] then put(want, "cb") end
          put(want, "t" .. i)
        end
        if how == "err" then put(want, "error") end
        put(want, "close")
        assert.same(want, log)
      end)
    end
  end

  -- twin: write_drain, write_error: `if (!w.write(c)) await once(w, 'drain')` goes on two
  -- microtasks after 'drain' or 'error'.
  it("writeAsync goes on two microtasks after 'drain'", function()
    local log, cb0 = {}, nil
    local w = Writable.new({ highWaterMark = 1, write = function(_, c, _, cb)
      put(log, "write:" .. c)
      cb0 = cb
    end })
    w:on("drain", function()
      put(log, "drain")
      chain(log, "p", 6)
      tick(log, "tick")
    end)
    asyncLog(log, function()
      w:writeAsync("a")
      put(log, "wrote")
    end)
    helper.timeout_now(function() cb0() end, 5)
    run()
    assert.are.same(node.write_drain, twin.strings(log))
  end)

  it("writeAsync raises two microtasks after 'error'", function()
    local log, cb0 = {}, nil
    local w = Writable.new({ highWaterMark = 1, write = function(_, c, _, cb)
      put(log, "write:" .. c)
      cb0 = cb
    end })
    w:on("error", function()
      put(log, "error")
      chain(log, "p", 6)
      tick(log, "tick")
    end)
    w:on("close", function() put(log, "close") end)
    asyncLog(log, function()
      local ok, err = pcall(w.writeAsync, w, "a")
      put(log, ok, err.message)
    end)
    helper.timeout_now(function() cb0(helper.E("bad")) end, 5)
    run()
    assert.are.same(node.write_error, twin.strings(log))
  end)
end)
