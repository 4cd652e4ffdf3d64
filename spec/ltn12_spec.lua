-- LTN12 adapters (API.md §9 LTN12), against LuaSocket's own ltn12.lua
-- (Debian's lua-socket): its sources, sinks, filters and pumps on one side,
-- streams on the other.
local helper = require("spec.helper")
local stream = require("cstream")
local ltn12 = require("ltn12")

local Readable, Writable = stream.Readable, stream.Writable

local function run() helper.run(5000) end

-- Runs fn in a coroutine, then the loop; re-raises what fn raised.
local function async(fn)
  local done, failure = false, nil
  local co = coroutine.create(function()
    local ok, err = xpcall(fn, debug.traceback)
    done, failure = true, (not ok) and err or nil
  end)
  assert(coroutine.resume(co))
  run()
  if failure ~= nil then error(failure, 0) end
  assert.is_true(done, "the coroutine never finished")
end

-- Events of r as a list: data chunks, "end", "error:<value>", "close".
local function record(r)
  local log = {}
  r:on("data", function(c) log[#log + 1] = c end)
  r:on("end", function() log[#log + 1] = "end" end)
  r:on("error", function(e) log[#log + 1] = "error:" .. tostring(e) end)
  r:on("close", function() log[#log + 1] = "close" end)
  return log
end

local function bytesOf(chunks)
  return Readable.from(chunks, { objectMode = false })
end

describe("stream.fromLTN12", function()
  local blocksize
  before_each(function() blocksize = ltn12.BLOCKSIZE end)
  after_each(function() ltn12.BLOCKSIZE = blocksize end)

  it("reads an LTN12 source to its end", function()
    ltn12.BLOCKSIZE = 4
    local log = record(stream.fromLTN12(ltn12.source.string("hello, world")))
    run()
    assert.are.same({ "hell", "o, w", "orld", "end", "close" }, log)
  end)

  it("destroys the readable with the source's nil, err", function()
    local n = 0
    local log = record(stream.fromLTN12(function()
      n = n + 1
      if n == 1 then return "a" end
      return nil, "source failed"
    end))
    run()
    assert.are.same({ "a", "error:source failed", "close" }, log)
  end)

  it("destroys the readable with what the source raises", function()
    local r = stream.fromLTN12(function() error({ code = "EBAD" }) end)
    local log = record(r)
    run()
    assert.are.equal("EBAD", r.errored.code)
    assert.are.equal("close", log[#log])
  end)

  it("pulls only as the consumer reads (backpressure)", function()
    local calls = 0
    local r = stream.fromLTN12(function()
      calls = calls + 1
      return "abcd"
    end, { highWaterMark = 8 })
    r:read(0)
    run()
    assert.are.equal(2, calls)         -- 8 bytes buffered: highWaterMark reached
    assert.are.equal("abcd", r:read(4))
    run()
    assert.are.equal(3, calls)
    r:destroy()
    run()
  end)

  it("lets the source wait: a stream read through stream.ltn12.source", function()
    local inner = stream.PassThrough.new()
    local r = stream.fromLTN12(stream.ltn12.source(inner))
    local log = record(r)
    inner:write("x")
    helper.setTimeout(function() inner:finish("y") end, 5)
    run()
    assert.are.same({ "x", "y", "end", "close" }, log)
  end)

  it("never resumes a waiting source once destroyed", function()
    local inner = stream.PassThrough.new()
    local src = stream.ltn12.source(inner)
    local calls, returned = 0, 0
    local r = stream.fromLTN12(function()
      calls = calls + 1
      local c = src()
      returned = returned + 1
      return c
    end)
    local log = record(r)
    helper.setTimeout(function()
      r:destroy()
      inner:write("late")
    end, 5)
    run()
    assert.are.same({ "close" }, log)
    assert.are.same({ 1, 0 }, { calls, returned })
    inner:destroy()
    run()
  end)

  it("raises at once on a source that is not a function", function()
    local ok, e = pcall(stream.fromLTN12, "nope")
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_ARG_TYPE", e.code)
    ok, e = pcall(stream.fromLTN12, function() end, 3)
    assert.are.equal("ERR_INVALID_ARG_TYPE", e.code)
  end)
end)

describe("stream.toLTN12sink", function()
  it("writes every chunk into an LTN12 sink", function()
    local t = {}
    local done
    stream.pipeline(bytesOf({ "a", "b", "c" }), stream.toLTN12sink((ltn12.sink.table(t))),
      function(err) done = { err } end)
    run()
    assert.are.same({ "a", "b", "c" }, t)
    assert.are.same({}, done)
  end)

  it("calls sink(nil) at the end, after the last chunk", function()
    local calls = {}
    local w = stream.toLTN12sink(function(chunk)
      calls[#calls + 1] = chunk == nil and "nil" or chunk
      return 1
    end)
    local finished = false
    w:on("finish", function() finished = true end)
    w:write("x")
    w:finish("y")
    run()
    assert.are.same({ "x", "y", "nil" }, calls)
    assert.is_true(finished)
  end)

  it("makes a sink's nil, err the write's error", function()
    local n = 0
    local w = stream.toLTN12sink(function(chunk)
      n = n + 1
      if chunk == "bad" then return nil, "disk full" end
      return 1
    end)
    local log = {}
    w:on("error", function(e) log[#log + 1] = "error:" .. tostring(e) end)
    w:on("close", function() log[#log + 1] = "close" end)
    w:write("ok")
    w:write("bad", function(e) log[#log + 1] = "cb:" .. tostring(e) end)
    w:write("never")
    run()
    assert.are.same({ "cb:disk full", "error:disk full", "close" }, log)
    assert.are.equal(2, n)
  end)

  it("makes a failing sink(nil) the 'error' instead of 'finish'", function()
    local w = stream.toLTN12sink(function(chunk)
      if chunk == nil then return nil, "cannot close" end
      return 1
    end)
    local log = {}
    w:on("finish", function() log[#log + 1] = "finish" end)
    w:on("error", function(e) log[#log + 1] = "error:" .. tostring(e) end)
    w:finish("x")
    run()
    assert.are.same({ "error:cannot close" }, log)
  end)
end)

describe("stream.fromLTN12filter", function()
  it("runs a filter chain from ltn12.filter.chain", function()
    local upper = function(c) return c and c:upper() end
    local bracket = function(c) return c and (c == "" and "" or "[" .. c .. "]") end
    local t = stream.fromLTN12filter(ltn12.filter.chain(upper, bracket))
    local log = record(t)
    t:write("ab")
    t:finish("cd")
    run()
    assert.are.same({ "[AB]", "[CD]", "end", "close" }, log)
  end)

  it("asks a filter for more with \"\" and empties it with nil at the end", function()
    -- Gives its input out one byte per call, and "<eof>" then nil at the end.
    local pending, ended = "", false
    local function bytewise(c)
      if c == nil then
        if ended then return nil end
        if pending ~= "" then
          local b = pending:sub(1, 1)
          pending = pending:sub(2)
          return b
        end
        ended = true
        return "<eof>"
      end
      pending = pending .. c
      if pending == "" then return "" end
      local b = pending:sub(1, 1)
      pending = pending:sub(2)
      return b
    end
    local t = stream.fromLTN12filter(bytewise)
    local log = record(t)
    t:write("abc")
    t:finish()
    run()
    assert.are.same({ "a", "b", "c", "<eof>", "end", "close" }, log)
  end)

  it("pushes nothing for \"\" or nil", function()
    local t = stream.fromLTN12filter(function(c)
      if c == "skip" then return "" end
      return c
    end)
    local log = record(t)
    t:write("skip")
    t:finish("keep")
    run()
    assert.are.same({ "keep", "end", "close" }, log)
  end)
end)

describe("stream.ltn12.source", function()
  it("feeds ltn12.pump.all inside a coroutine", function()
    local t, ret = {}, nil
    async(function()
      ret = ltn12.pump.all(stream.ltn12.source(bytesOf({ "a", "b" })), (ltn12.sink.table(t)))
    end)
    assert.are.equal(1, ret)
    assert.are.same({ "a", "b" }, t)
  end)

  it("returns nil, err when the stream fails", function()
    local res
    async(function()
      local r = stream.PassThrough.new()
      r:write("a")
      helper.setTimeout(function() r:destroy("went away") end, 5)
      local t = {}
      res = { ltn12.pump.all(stream.ltn12.source(r), (ltn12.sink.table(t))) }
      res[3] = t[1]
    end)
    assert.are.same({ nil, "went away", "a" }, res)
  end)

  it("must be called inside a coroutine", function()
    local src = stream.ltn12.source(stream.PassThrough.new())
    local ok, e = pcall(src)
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_STATE", e.code)
    run()
  end)
end)

describe("stream.ltn12.sink", function()
  local blocksize
  before_each(function() blocksize = ltn12.BLOCKSIZE end)
  after_each(function() ltn12.BLOCKSIZE = blocksize end)

  it("takes ltn12.pump.all, waiting on backpressure and for 'finish'", function()
    ltn12.BLOCKSIZE = 3
    local got, log, ret = {}, {}, nil
    local w = Writable.new({
      highWaterMark = 2,
      write = function(_, chunk, _, cb)
        got[#got + 1] = chunk
        helper.setTimeout(cb, 1)
      end,
    })
    w:on("finish", function() log[#log + 1] = "finish" end)
    async(function()
      ret = ltn12.pump.all(ltn12.source.string("abcdefgh"), stream.ltn12.sink(w))
      log[#log + 1] = "pumped"
    end)
    assert.are.equal(1, ret)
    assert.are.same({ "abc", "def", "gh" }, got)
    assert.are.same({ "finish", "pumped" }, log)
  end)

  it("returns nil, err once the stream failed", function()
    local res
    local w = Writable.new({
      write = function(_, _, _, cb) cb("no room") end,
    })
    w:on("error", function() end)
    async(function()
      res = { ltn12.pump.all(ltn12.source.string("abc"), stream.ltn12.sink(w)) }
    end)
    assert.are.same({ nil, "no room" }, res)
  end)

  it("destroys the stream with the source's error", function()
    local res
    local w = stream.PassThrough.new()
    w:on("error", function() end)
    async(function()
      res = { ltn12.pump.all(function() return nil, "source broke" end, stream.ltn12.sink(w)) }
    end)
    assert.are.same({ nil, "source broke" }, res)
    assert.are.equal("source broke", w.errored)
  end)
end)
