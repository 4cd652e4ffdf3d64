-- test-readable-from.js (Node 20's test/parallel/), translated; sequences from test/twins/iter/readable_from.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable

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

local function message(err)
  if type(err) == "table" then return err.message end
  return tostring(err)
end

local node = twin.run("test/twins/iter/readable_from.js")

describe("test-readable-from.js", function()
  it("rejects nil", function()
    local ok, err = pcall(Readable.from, nil)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
  end)

  -- twin: iterator_function
  it("an iterator function", function()
    local items, i = { "a", "b", "c" }, 0
    local r = Readable.from(function()
      i = i + 1
      return items[i]
    end)
    local got
    async(function() got = drain(r) end)
    assert.are.same(node.iterator_function, got)
  end)

  -- twin: iterator_function_waits
  it("an iterator function that waits", function()
    local items, i = { "a", "b", "c" }, 0
    local r = Readable.from(function()
      helper.sleep(1)
      i = i + 1
      return items[i]
    end)
    local got
    async(function() got = drain(r) end)
    assert.are.same(node.iterator_function_waits, got)
  end)

  -- twin: string_one_chunk
  it("a string is one chunk", function()
    local got
    async(function() got = drain(Readable.from("abc")) end)
    assert.are.same(node.string_one_chunk, got)
  end)

  -- twin: array
  it("an array table", function()
    local r = Readable.from({ "a", "b", "c" })
    assert.is_true(r.readableObjectMode)
    local got
    async(function() got = drain(r) end)
    assert.are.same(node.array, got)
  end)

  -- twin: data_events
  it("'data' events", function()
    local r = Readable.from(coroutine.wrap(function()
      coroutine.yield("a")
      coroutine.yield("b")
      coroutine.yield("c")
    end))
    local log = {}
    r:on("data", function(chunk) log[#log + 1] = chunk end)
    r:on("end", function() log[#log + 1] = "end" end)
    run()
    assert.are.same(node.data_events, log)
  end)

  -- twin: data_events_bytes
  it("'data' events, objectMode = false", function()
    local r = Readable.from({ "a", "b", "c" }, { objectMode = false })
    assert.is_false(r.readableObjectMode)
    local log = {}
    r:on("data", function(chunk) log[#log + 1] = chunk end)
    r:on("end", function() log[#log + 1] = "end" end)
    run()
    assert.are.same(node.data_events_bytes, log)
  end)

  it("an iterator that raises destroys the stream", function()
    local e = helper.E("kaboom")
    local r = Readable.from(function() error(e) end)
    r:read()
    local log = {}
    r:on("error", function(err) log[#log + 1] = { err == e, r.destroyed } end)
    run()
    assert.same({ { true, true } }, log)
  end)

  -- twin: as_transform
  it("as a transform of another stream (a generator over source:iter())", function()
    local source = Readable.new({ objectMode = true, read = function(self)
      self:push("a")
      self:push("b")
      self:push("c")
      self:push(nil)
    end })
    local r = Readable.from(coroutine.wrap(function()
      for chunk in source:iter() do coroutine.yield(chunk:upper()) end
    end))
    local got
    async(function() got = drain(r) end)
    assert.are.same(node.as_transform, got)
  end)

  -- twin: iterator_error
  it("ends with the iterator's error", function()
    local step = 0
    local r = Readable.from(function()
      step = step + 1
      if step <= 2 then return step end
      error("Boum", 0)
    end)
    local got, err
    async(function() got, err = drain(r) end)
    assert.are.same(node.iterator_error, twin.strings(got))
    assert.equal("Boum", err)
  end)
end)

describe("test-readable-from", function()
  -- twin: from_array
  it("from(array) in object mode", function()
    local log = {}
    local r = Readable.from({ "a", "b", "c" })
    helper.put(log, r.readableObjectMode)
    r:on("data", function(c) helper.put(log, "data:" .. c) end)
    r:on("end", function() helper.put(log, "end") end)
    r:on("close", function() helper.put(log, "close") end)
    helper.settle()
    assert.are.same(node.from_array, twin.strings(log))
  end)

  -- twin: from_string
  it("from(string) is one chunk", function()
    local log = {}
    local r = Readable.from("abc")
    r:on("data", function(c) helper.put(log, "data:" .. c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.from_string, log)
  end)

  -- twin: from_iterator_function
  it("from(iterator function) calls it until it returns nil", function()
    local log = {}
    local items = { "a", "b", "c" }
    local i = 0
    local r = Readable.from(function()
      i = i + 1
      return items[i]
    end)
    r:on("data", function(c) helper.put(log, "data:" .. c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.from_iterator_function, log)
    assert.are.equal(4, i)
  end)

  -- twin: from_bytes
  it("from(..., { objectMode = false }) gives byte chunks", function()
    local log = {}
    local items = { "a", "b", "c" }
    local r = Readable.from(function() return table.remove(items, 1) end, { objectMode = false })
    helper.put(log, r.readableObjectMode)
    r:on("data", function(c) helper.put(log, type(c), c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.from_bytes, twin.strings(log))
  end)

  -- twin: hwm_one_object
  it("from() has a highWaterMark of one object", function()
    local log = {}
    local calls = 0
    local r = Readable.from(function()
      calls = calls + 1
      if calls <= 40 then return calls end
    end)
    assert.are.equal(1, r.readableHighWaterMark)
    r:read(0)
    helper.setImmediate(function() helper.put(log, "calls:" .. calls, r.readableLength) end)
    helper.settle()
    assert.are.same(node.hwm_one_object, twin.strings(log))
  end)

  -- twin: falsey_chunks
  it("falsey values are chunks", function()
    local log = {}
    local r = Readable.from({ false, 0, "" })
    r:on("data", function(c) helper.put(log, c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.falsey_chunks, twin.strings(log))
  end)

  -- twin: raises
  it("an iterator that raises destroys the stream with the error", function()
    local log = {}
    local kaboom = { message = "kaboom" }
    local r = Readable.from(function() error(kaboom) end)
    r:read()
    r:on("error", function(e) helper.put(log, "error", e == kaboom, r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    helper.settle()
    assert.are.same(node.raises, twin.strings(log))
  end)

  -- twin: raises_after_one
  it("an iterator that raises after one chunk", function()
    local log = {}
    local kaboom = { message = "kaboom" }
    local n = 0
    local r = Readable.from(function()
      n = n + 1
      if n == 1 then return "a" end
      error(kaboom)
    end)
    r:on("data", function(c) helper.put(log, "data:" .. c) end)
    r:on("error", function(e) helper.put(log, "error", e == kaboom, r.destroyed) end)
    r:on("close", function() helper.put(log, "close") end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.raises_after_one, twin.strings(log))
  end)

  -- twin: waits_on_iter
  it("an iterator that waits on another stream's iter() (asTransformStream)", function()
    local log = {}
    local source = Readable.new({
      objectMode = true,
      read = function(self)
        self:push("a")
        self:push("b")
        self:push("c")
        self:push(nil)
      end,
    })
    local f, st, ctl = source:iter()
    local r = Readable.from(function()
      local chunk = f(st, ctl)
      ctl = chunk
      if chunk ~= nil then return chunk:upper() end
    end)
    r:on("data", function(c) helper.put(log, c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.waits_on_iter, log)
  end)

  -- twin: waits_on_timer
  it("an iterator that waits on a timer between chunks", function()
    local log = {}
    local n = 0
    local r = Readable.from(function()
      n = n + 1
      if n > 3 then return nil end
      local co = coroutine.running()
      helper.setTimeout(function() assert(coroutine.resume(co)) end, 2)
      coroutine.yield()
      return n
    end)
    r:on("data", function(c) helper.put(log, c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.waits_on_timer, twin.strings(log))
  end)
end)
