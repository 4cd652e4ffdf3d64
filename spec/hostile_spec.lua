-- Hostile input: wrong types, nil, huge sizes, re-entrant calls from events
-- and implementation functions, Lua errors (of any type) raised from every
-- callback.  Each gets a clear error or Node's behaviour, never a crash or a
-- hang.  The event sequences are what test/twins/hostile/reentrant.js
-- printed under Node 20 (its case named above each); the "node:" comments
-- are what other JS twins printed; API.md §4 decides where Lua differs (a wrong
-- argument type raises an error table with code ERR_INVALID_ARG_TYPE).
local uv = require("luv")
local stream = require("cstream")
local errors = require("cstream.errors")
local helper = require("spec.helper")
local twin = require("spec.twin")
local node = twin.run("test/twins/hostile/reentrant.js")

local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough

local function R(opts)
  opts = opts or {}
  opts.read = opts.read or function() end
  return Readable.new(opts)
end

local function W(opts)
  opts = opts or {}
  opts.write = opts.write or function(_, _, _, cb) cb() end
  return Writable.new(opts)
end

local function after(ms, fn)
  local t = uv.new_timer()
  t:start(ms, 0, function() t:close(); fn() end)
end

-- pcall(f): the raised value's code ("ok" when nothing was raised, "string"
-- when a bare string was raised instead of an error table).
local function code_of(f, ...)
  local ok, e = pcall(f, ...)
  if ok then return "ok" end
  if type(e) == "table" then return e.code end
  return type(e)
end

-- A log of events: "name" or "name:detail".
local function watch(s, log, names)
  for _, ev in ipairs(names) do
    s:on(ev, function(x)
      if ev == "data" then
        log[#log + 1] = "data:" .. tostring(x)
      elseif ev == "error" then
        log[#log + 1] = "error:" .. (type(x) == "table" and tostring(x.code or x.message) or tostring(x))
      else
        log[#log + 1] = ev
      end
    end)
  end
  return s
end

describe("hostile input: wrong argument types", function()
  local cases = {
    { "write(123)", function() return W():write(123) end, "ERR_INVALID_ARG_TYPE" },
    { "write({})", function() return W():write({}) end, "ERR_INVALID_ARG_TYPE" },
    { "write(true)", function() return W():write(true) end, "ERR_INVALID_ARG_TYPE" },
    { "write(nil)", function() return W():write(nil) end, "ERR_STREAM_NULL_VALUES" },
    { "write()", function() return W():write() end, "ERR_STREAM_NULL_VALUES" },
    { "write(nil) in object mode", function() return W({ objectMode = true }):write(nil) end,
      "ERR_STREAM_NULL_VALUES" },
    { "write('x', 123)", function() return W():write("x", 123) end, "ERR_INVALID_ARG_TYPE" },
    { "write('x', 'bogus')", function() return W():write("x", "bogus") end, "ERR_UNKNOWN_ENCODING" },
    { "write('x', 'utf8', 123)", function() return W():write("x", "utf8", 123) end,
      "ERR_INVALID_ARG_TYPE" },
    { "finish(123)", function() return W():finish(123) end, "ERR_INVALID_ARG_TYPE" },
    { "finish('x', 'bogus')", function() return W():finish("x", "bogus") end, "ERR_UNKNOWN_ENCODING" },
    { "setDefaultEncoding(123)", function() return W():setDefaultEncoding(123) end,
      "ERR_INVALID_ARG_TYPE" },
    { "setDefaultEncoding('bogus')", function() return W():setDefaultEncoding("bogus") end,
      "ERR_UNKNOWN_ENCODING" },
    { "read('x')", function() return R():read("x") end, "ERR_INVALID_ARG_TYPE" },
    { "read({})", function() return R():read({}) end, "ERR_INVALID_ARG_TYPE" },
    { "push('x', 'bogus')", function() return R():push("x", "bogus") end, "ERR_UNKNOWN_ENCODING" },
    { "push('x', {})", function() return R():push("x", {}) end, "ERR_INVALID_ARG_TYPE" },
    { "setEncoding('bogus')", function() return R():setEncoding("bogus") end, "ERR_UNKNOWN_ENCODING" },
    { "setEncoding({})", function() return R():setEncoding({}) end, "ERR_INVALID_ARG_TYPE" },
    { "pipe(123)", function() return R():pipe(123) end, "ERR_INVALID_ARG_TYPE" },
    { "pipe(nil)", function() return R():pipe(nil) end, "ERR_INVALID_ARG_TYPE" },
    { "pipe({})", function() return R():pipe({}) end, "ERR_INVALID_ARG_TYPE" },
    { "on('data', 123)", function() return R():on("data", 123) end, "ERR_INVALID_ARG_TYPE" },
    { "on(nil, fn)", function() return R():on(nil, function() end) end, "ERR_INVALID_ARG_TYPE" },
    { "removeListener('x', 1)", function() return R():removeListener("x", 1) end,
      "ERR_INVALID_ARG_TYPE" },
    { "Readable.read with a table as self", function() return Readable.read({}) end,
      "ERR_INVALID_ARG_TYPE" },
    { "Writable.write with nil as self", function() return Writable.write(nil, "x") end,
      "ERR_INVALID_ARG_TYPE" },
    { "new(123)", function() return Readable.new(123) end, "ERR_INVALID_ARG_TYPE" },
    { "new('x')", function() return Writable.new("x") end, "ERR_INVALID_ARG_TYPE" },
    { "encoding = 'bogus'", function() return Readable.new({ encoding = "bogus" }) end,
      "ERR_UNKNOWN_ENCODING" },
    { "defaultEncoding = 'bogus'", function() return Writable.new({ defaultEncoding = "bogus" }) end,
      "ERR_UNKNOWN_ENCODING" },
    -- node v20.20: The property 'options.highWaterMark' is invalid. Received {}
    { "highWaterMark = {}", function() return Readable.new({ highWaterMark = {} }) end,
      "ERR_INVALID_ARG_VALUE" },
    { "Readable.from(123)", function() return Readable.from(123) end, "ERR_INVALID_ARG_TYPE" },
    { "finished(123, fn)", function() return stream.finished(123, function() end) end,
      "ERR_INVALID_ARG_TYPE" },
    { "pipeline() with no callback", function() return stream.pipeline() end,
      "ERR_INVALID_ARG_TYPE" },
    { "nextTick(123)", function() return stream.nextTick(123) end, "ERR_INVALID_ARG_TYPE" },
  }
  for _, c in ipairs(cases) do
    it(c[1] .. " raises " .. c[3], function()
      assert.are.equal(c[3], code_of(c[2]))
    end)
  end

  -- twin: push_non_chunk
  it("push(123) and unshift(123) in byte mode emit 'error' ERR_INVALID_ARG_TYPE (Node's push)", function()
    local log = {}
    local r = watch(R(), log, { "error", "close" })
    assert.is_false(r:push(123))
    local u = watch(R(), log, { "error", "close" })
    u:unshift({})
    helper.run()
    -- each stream's 'error' and 'close' come from one tick (emitErrorCloseNT)
    assert.are.same(node.push_non_chunk, log)
  end)

  it("a failed call leaves the stream usable", function()
    local w = W()
    local got = {}
    w._write = function(_, c, _, cb) got[#got + 1] = c; cb() end
    pcall(w.write, w, 123)
    pcall(w.write, w, "x", "bogus")
    pcall(w.write, w, nil)
    assert.is_true(w:write("ok"))
    w:finish()
    helper.run()
    assert.are.same({ "ok" }, got)
    assert.is_true(w.writableFinished)
  end)
end)

describe("hostile input: huge and odd sizes", function()
  it("read(2^53) and read(math.huge) raise ERR_OUT_OF_RANGE (node: size must be <= 1GiB)", function()
    assert.are.equal("ERR_OUT_OF_RANGE", code_of(function() return R():read(2 ^ 53) end))
    assert.are.equal("ERR_OUT_OF_RANGE", code_of(function() return R():read(math.huge) end))
  end)

  it("read(2^30) raises the highWaterMark to 1GiB without allocating it", function()
    -- node: _read(1073741824), read returns null, readableHighWaterMark 1073741824
    local asked
    local r = R({ read = function(_, n) asked = n end })
    assert.is_nil(r:read(2 ^ 30))
    assert.are.equal(2 ^ 30, asked)
    assert.are.equal(2 ^ 30, r.readableHighWaterMark)
    r:destroy()
    helper.run()
  end)

  it("read(-1), read(-math.huge) return nil; read(0/0) returns everything; read(1.5) reads 1", function()
    -- node: null null 'abcdef' then 'g' for read(1.5) after pushing 'gh'
    local r = R()
    r:push("abc")
    r:push("def")
    assert.is_nil(r:read(-1))
    assert.is_nil(r:read(-math.huge))
    assert.are.equal("abcdef", r:read(0 / 0))
    r:push("gh")
    assert.are.equal("g", r:read(1.5))
    r:destroy()
    helper.run()
  end)

  for _, v in ipairs({ { "-1", -1 }, { "NaN", 0 / 0 }, { "1.5", 1.5 }, { "inf", math.huge },
                       { "-inf", -math.huge } }) do
    it("highWaterMark = " .. v[1] .. " raises ERR_INVALID_ARG_VALUE (node: property is invalid)", function()
      for _, C in ipairs({ Readable, Writable, Duplex, Transform, PassThrough }) do
        assert.are.equal("ERR_INVALID_ARG_VALUE", code_of(C.new, { highWaterMark = v[2] }))
      end
      assert.are.equal("ERR_INVALID_ARG_VALUE",
        code_of(Duplex.new, { readableHighWaterMark = v[2] }))
      assert.are.equal("ERR_INVALID_ARG_VALUE",
        code_of(Duplex.new, { writableHighWaterMark = v[2] }))
    end)
  end

  it("highWaterMark = 2^53 - 1 takes writes of any size", function()
    local w = W({ highWaterMark = 2 ^ 53 - 1 })
    assert.are.equal(2 ^ 53 - 1, w.writableHighWaterMark)
    assert.is_true(w:write(string.rep("x", 1024 * 1024)))
    w:finish()
    helper.run()
    assert.is_true(w.writableFinished)
  end)

  it("highWaterMark = 0 with a 4 MiB push: push is false, the chunk is kept whole", function()
    local r = R({ highWaterMark = 0 })
    assert.is_false(r:push(string.rep("y", 4 * 1024 * 1024)))
    assert.are.equal(4 * 1024 * 1024, r.readableLength)
    assert.are.equal(4 * 1024 * 1024, #r:read())
    r:destroy()
    helper.run()
  end)
end)

describe("hostile input: re-entrant calls", function()
  -- twin: destroy_in_read
  it("destroy() inside _read", function()
    local log = {}
    local r = watch(R({ read = function(self) log[#log + 1] = "_read"; self:destroy() end }),
      log, { "resume", "close", "error", "end" })
    r:on("data", function() end)
    helper.run()
    assert.are.same(node.destroy_in_read, log)
  end)

  -- twin: write_in_drain
  it("write() inside 'drain', then finish() inside 'drain'", function()
    local log, n = {}, 0
    local w
    w = watch(W({ highWaterMark = 1, write = function(_, c, _, cb)
      log[#log + 1] = "_write:" .. c
      after(1, cb)
    end }), log, { "finish", "close" })
    w:on("drain", function()
      log[#log + 1] = "drain"
      n = n + 1
      if n <= 2 then
        local ok = w:write("d" .. n)
        log[#log + 1] = "w=" .. tostring(ok)
      else
        w:finish()
      end
    end)
    local ok = w:write("ab")
    log[#log + 1] = "w=" .. tostring(ok)
    helper.run()
    assert.are.same(node.write_in_drain, log)
  end)

  -- twin: pipe_in_data
  it("pipe() inside 'data'", function()
    local log = {}
    local src = R()
    local dest = PassThrough.new()
    dest:on("data", function(c) log[#log + 1] = "dest:" .. c end)
    dest:on("end", function() log[#log + 1] = "dest end" end)
    local piped = false
    src:on("data", function(c)
      log[#log + 1] = "src:" .. c
      if not piped then piped = true; src:pipe(dest) end
    end)
    src:push("a")
    src:push("b")
    after(5, function() src:push("c"); src:push(nil) end)
    helper.run()
    assert.are.same(node.pipe_in_data, log)
  end)

  -- twin: push_in_end
  it("push() inside 'end'", function()
    local log = {}
    local r = watch(R(), log, { "error", "close" })
    r:on("end", function() log[#log + 1] = "end"; r:push("x") end)
    r:on("data", function() end)
    r:push(nil)
    helper.run()
    assert.are.same(node.push_in_end, log)
  end)

  -- twin: destroy_in_destroy
  it("destroy() inside _destroy", function()
    local log = {}
    local r = watch(R({ destroy = function(self, e, cb)
      log[#log + 1] = "_destroy"
      self:destroy()
      cb(e)
    end }), log, { "error", "close" })
    r:destroy("boom")
    helper.run()
    assert.are.same(node.destroy_in_destroy, log)
  end)

  -- twin: destroy_in_error_close
  it("destroy() inside 'error' and inside 'close'", function()
    local log = {}
    local r = R()
    r:on("error", function(e) log[#log + 1] = "error:" .. e; r:destroy("again") end)
    r:on("close", function() log[#log + 1] = "close"; r:destroy("third") end)
    r:destroy("boom")
    helper.run()
    assert.are.same(node.destroy_in_error_close, log)
  end)

  -- twin: write_in_write
  it("write() inside _write", function()
    local log = {}
    local w = watch(W({ write = function(self, c, _, cb)
      log[#log + 1] = "_write:" .. c
      if c == "a" then self:write("b") end
      cb()
    end }), log, { "finish" })
    w:write("a")
    w:finish("c")
    helper.run()
    assert.are.same(node.write_in_write, log)
  end)

  -- twin: finish_in_write
  it("finish() inside _write, then a write after end", function()
    -- node: the second write does not throw, the error goes to 'error'
    local log = {}
    local w = watch(W({ write = function(self, c, _, cb)
      log[#log + 1] = "_write:" .. c
      self:finish()
      cb()
    end }), log, { "finish", "close", "error" })
    w:write("a")
    local ok = pcall(w.write, w, "b")
    helper.run()
    assert.is_true(ok)
    assert.are.same(node.finish_in_write, log)
  end)

  -- twin: pause_resume
  it("resume() inside 'pause' and pause() inside 'resume' do not loop", function()
    local log, n = {}, 0
    local r = R()
    r:on("pause", function()
      log[#log + 1] = "pause"
      if n < 3 then n = n + 1; r:resume() end
    end)
    r:on("resume", function() log[#log + 1] = "resume"; r:pause() end)
    r:on("data", function(c) log[#log + 1] = "data:" .. c end)
    r:push("x")
    helper.run()
    assert.are.same(node.pause_resume, log)
  end)

  -- twin: unshift_in_data
  it("unshift() inside 'data'", function()
    local log, once = {}, false
    local r = R()
    r:on("data", function(c)
      log[#log + 1] = "data:" .. c
      if not once then once = true; r:unshift("u") end
    end)
    r:on("end", function() log[#log + 1] = "end" end)
    r:push("a")
    r:push("b")
    r:push(nil)
    helper.run()
    assert.are.same(node.unshift_in_data, log)
  end)

  it("read() inside 'readable' inside a synchronous _read", function()
    local n, got = 0, {}
    local r
    r = R({ read = function(self)
      n = n + 1
      if n <= 5 then self:push(("%d"):format(n)) else self:push(nil) end
    end })
    r:on("readable", function()
      local c = r:read()
      while c do got[#got + 1] = c; c = r:read() end
    end)
    helper.run()
    assert.are.equal("12345", table.concat(got))
  end)

  -- twin: transform_cb_twice, final_cb_twice, write_cb_twice
  it("the _transform callback called twice; the _final callback called twice; a write callback called twice", function()
    local l1, l2, l3 = {}, {}, {}
    local t = watch(Transform.new({ transform = function(_, c, _, cb) cb(nil, c); cb(nil, c) end }),
      l1, { "data", "error", "close" })
    t:write("x")
    local w = watch(W({ final = function(_, cb) cb(); cb() end }), l2,
      { "prefinish", "finish", "error", "close" })
    w:finish("x")
    local w3 = watch(W({ write = function(_, _, _, cb) cb(); cb() end }), l3, { "error", "close" })
    w3:write("x")
    helper.run()
    assert.are.same(node.transform_cb_twice, l1)
    assert.are.same(node.final_cb_twice, l2)
    assert.are.same(node.write_cb_twice, l3)
  end)

  -- twin: final_raising
  it("_final raising, then calling its callback later (pendingcb goes to -1 as in Node)", function()
    local log, saved = {}, nil
    local w = watch(W({ autoDestroy = false, final = function(_, cb)
      saved = cb
      error("boom", 0)
    end }), log, { "prefinish", "finish", "error", "close" })
    w:finish("x")
    after(5, function() saved(); log[#log + 1] = "pendingcb=" .. w:_state().w.pendingcb end)
    helper.run()
    assert.are.same(node.final_raising, log)
  end)

  it("setEncoding() called again keeps the text already decoded (node: '616263', then 'abc')", function()
    local r = R()
    r:push("abc")
    r:setEncoding("hex")
    r:setEncoding("hex")
    r:setEncoding("hex")
    assert.are.equal("616263", r:read())
    local r2 = R()
    r2:setEncoding("utf8")
    r2:push("abc")
    r2:setEncoding("hex")
    assert.are.equal("abc", r2:read())
    r:destroy()
    r2:destroy()
    helper.run()
  end)
end)

describe("hostile input: errors raised from every callback", function()
  -- The values a Lua error may carry; nil becomes an error table (API §4:
  -- user errors pass through unchanged, any value but nil).
  local tbl = {}
  local values = {
    { "a table", tbl, function(e) return e == tbl end },
    { "a string", "boom", function(e) return e == "boom" end },
    { "a number", 42, function(e) return e == 42 end },
    { "true", true, function(e) return e == true end },
    { "false", false, function(e) return e == false end },
    { "an error table", errors.new("ERR_X", "x"), function(e) return type(e) == "table" and e.code == "ERR_X" end },
    { "nil", nil, function(e) return type(e) == "table" and type(e.code) == "string" end },
  }

  -- Where user code runs, and how to make it run: each returns the stream.
  local sites = {
    { "_read", function(raise) local r = R({ read = raise }); r:read(0); return r end },
    { "_write", function(raise) local w = Writable.new({ write = raise }); w:write("x"); return w end },
    { "_writev", function(raise)
        local w = Writable.new({ writev = raise }); w:write("x"); return w end },
    { "_final", function(raise) local w = W({ final = raise }); w:finish(); return w end },
    { "_transform", function(raise)
        local t = Transform.new({ transform = raise }); t:write("x"); return t end },
    { "_flush", function(raise)
        local t = Transform.new({ flush = raise }); t:resume(); t:finish(); return t end },
    { "_construct", function(raise)
        return Writable.new({ construct = raise, write = function(_, _, _, cb) cb() end }) end },
    { "_destroy", function(raise) local r = R({ destroy = raise }); r:destroy(); return r end },
    { "a write callback", function(raise) local w = W(); w:write("x", raise); return w end },
  }

  for _, site in ipairs(sites) do
    for _, v in ipairs(values) do
      it(site[1] .. " raising " .. v[1] .. ": 'error' with that value, then 'close'", function()
        local log, got = {}, "none"
        local s = site[2](function() error(v[2], 0) end)
        s:on("error", function(e) got = e; log[#log + 1] = "error" end)
        s:on("close", function() log[#log + 1] = "close" end)
        helper.run()
        assert.are.same({ "error", "close" }, log)
        assert.is_true(v[3](got), "the value 'error' got: " .. tostring(got))
        assert.is_true(s.destroyed)
      end)
    end
  end

  it("a 'data' listener raising inside push() raises out of push(); the stream goes on", function()
    -- node: push throws; a later push delivers
    local r = R()
    local seen = {}
    local first = true
    r:on("data", function(c)
      seen[#seen + 1] = c
      if first then first = false; error({ tag = "listener" }) end
    end)
    helper.run()
    local ok, e = pcall(r.push, r, "a")
    assert.is_false(ok)
    assert.are.equal("listener", type(e) == "table" and e.tag)
    r:push("b")
    r:push(nil)
    helper.run()
    assert.are.same({ "a", "b" }, seen)
  end)

  it("an end() callback and a destroy() callback raising destroy quietly, never crash", function()
    local w = W()
    local errs = {}
    w:on("error", function(e) errs[#errs + 1] = e end)
    w:finish(function() error("from end callback", 0) end)
    local r = R()
    r:destroy(nil, function() error("from destroy callback", 0) end)
    helper.run()
    assert.is_true(w.destroyed)
    assert.is_true(r.destroyed)
    assert.is_true(#errs <= 1)
  end)
end)
