-- stream.lines() and r:lines() (API.md §9 Lines). Node has no lines
-- Transform; its readline is the reference for where lines break.
local helper = require("spec.helper")
local stream = require("cstream")
local twin = require("spec.twin")
local node = twin.run("test/twins/lines/breaks.js")

local Readable = stream.Readable

local function run() helper.run(5000) end

-- Writes the chunks into a lines() one per tick and returns the log of
-- what came out (lines as strings, then "end", or "error:<code>").
local function split(chunks, opts)
  local log = {}
  local t = stream.lines(opts)
  t:on("data", function(line) log[#log + 1] = line end)
  t:on("end", function() log[#log + 1] = "<end>" end)
  t:on("error", function(e) log[#log + 1] = "<error:" .. tostring(e.code) .. ">" end)
  local i = 0
  local function step()
    i = i + 1
    if i > #chunks then return t:finish() end
    t:write(chunks[i])
    stream.nextTick(step)
  end
  step()
  run()
  return log, t
end

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

describe("stream.lines", function()
  -- twin: one case each (node's readline fed the same chunks)
  local CASES = {
    { "lf", { "a\nb\n" } },
    { "no_final_break", { "a\nb" } },
    { "crlf", { "a\r\nb\r\n" } },
    { "lone_cr", { "a\rb\rc" } },
    { "empty_lines", { "\n\na\n\n" } },
    { "cr_then_crlf", { "a\r\r\nb" } },
    { "crlf_split", { "a\r", "\nb\r", "\n" } },
    { "cr_at_end", { "a\r" } },
    { "cr_split_then_cr", { "a\r", "\rb" } },
    { "cr_split_then_text", { "a\r", "b" } },
    { "lf_split_alone", { "a", "\n", "b" } },
    { "line_across_chunks", { "ab", "cd", "ef\ngh", "ij" } },
    { "only_break", { "\n" } },
    { "only_cr", { "\r" } },
    { "crlf_crlf", { "\r\n\r\n" } },
    { "lfcr", { "a\n\rb" } },
    { "utf8_split", { "a\xc3", "\xa9\nb" } },
    { "nothing", {} },
  }
  for _, c in ipairs(CASES) do
    it("breaks lines as readline does: " .. c[1], function()
      local want = { table.unpack(node[c[1]]) }
      want[#want + 1] = "<end>"
      assert.are.same(want, (split(c[2])))
    end)
  end

  -- Written out: node's readline decodes UTF-8 (\xff becomes U+FFFD); Lua
  -- strings are bytes and pass untouched.
  it("passes bytes untouched, NUL and invalid UTF-8 included", function()
    assert.are.same({ "\0\xff", "\xfe", "<end>" }, (split({ "\0\xff\n\xfe" })))
  end)

  -- twin: empty_chunk_in_crlf
  it("keeps a \\r and its \\n one break across an empty chunk", function()
    local want = { table.unpack(node.empty_chunk_in_crlf) }
    want[#want + 1] = "<end>"
    assert.are.same(want, (split({ "a\r", "", "\nb" })))
  end)

  it("has an object-mode readable side and a byte writable side", function()
    local t = stream.lines()
    assert.is_true(t.readableObjectMode)
    assert.is_false(t.writableObjectMode)
    assert.is_true(stream.Transform:isInstance(t))
  end)

  it("lets a line of exactly maxLength bytes pass", function()
    assert.are.same({ "abc", "de", "abc", "<end>" },
      (split({ "abc\r\nde\n", "a", "b", "c" }, { maxLength = 3 })))
  end)

  it("fails with ERR_OUT_OF_RANGE as soon as a line grows past maxLength", function()
    local log, t = split({ "ab\nab", "c", "d", "e\n" }, { maxLength = 3 })
    assert.are.same({ "ab", "<error:ERR_OUT_OF_RANGE>" }, log)
    assert.is_true(t.destroyed)
    assert.are.equal("ERR_OUT_OF_RANGE", t.errored.code)
    assert.matches("must be <= 3", t.errored.message, 1, true)
  end)

  it("fails before the break arrives", function()
    local log = {}
    local t = stream.lines({ maxLength = 2 })
    t:on("data", function(l) log[#log + 1] = l end)
    t:on("error", function(e) log[#log + 1] = e.code end)
    t:write("x\nabc")
    run()
    assert.are.same({ "x", "ERR_OUT_OF_RANGE" }, log)
  end)

  it("takes maxLength = 0: only empty lines", function()
    assert.are.same({ "", "", "<error:ERR_OUT_OF_RANGE>" },
      (split({ "\n\r\nx" }, { maxLength = 0 })))
  end)

  it("raises at once on bad options", function()
    local ok, e = pcall(stream.lines, 5)
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_ARG_TYPE", e.code)
    ok, e = pcall(stream.lines, { maxLength = "3" })
    assert.are.equal("ERR_INVALID_ARG_TYPE", e.code)
    for _, bad in ipairs({ -1, 1.5, 0 / 0 }) do
      ok, e = pcall(stream.lines, { maxLength = bad })
      assert.is_false(ok)
      assert.are.equal("ERR_OUT_OF_RANGE", e.code)
    end
  end)

  it("splits a long line fed a byte at a time, and many lines in one chunk", function()
    local chunks = {}
    for i = 1, 3000 do chunks[i] = "x" end
    chunks[#chunks + 1] = "\n" .. string.rep("y\n", 5000)
    local log = split(chunks)
    assert.are.equal(5002, #log)
    assert.are.equal(string.rep("x", 3000), log[1])
    assert.are.equal("y", log[5001])
  end)

  -- twin: pipes
  it("pipes: a readable's bytes in, lines out, backpressure on the readable side", function()
    local got
    local src = Readable.from({ "one\ntw", "o\r\nthree" }, { objectMode = false })
    local t = stream.lines({ highWaterMark = 1 })
    stream.pipeline(src, t, function(err) got = got or {}; got.err = err end)
    local lines = {}
    t:on("data", function(l) lines[#lines + 1] = l end)
    run()
    assert.are.same(node.pipes, lines)
    assert.is_nil(got.err)
  end)
end)

describe("r:lines()", function()
  -- twin: lines_iter
  it("iterates a byte readable's lines inside a coroutine", function()
    local got = {}
    async(function()
      local r = Readable.from({ "a\nb", "c\r", "\nd" }, { objectMode = false })
      for line in r:lines() do got[#got + 1] = line end
    end)
    assert.are.same(node.lines_iter, got)
  end)

  it("destroys the readable when the loop is left with break", function()
    local got, r = {}, nil
    async(function()
      r = stream.PassThrough.new()
      r:write("1\n2\n3\n")
      if helper.TBC then
        for line in r:lines() do
          got[#got + 1] = line
          if line == "2" then break end
        end
      else -- docs/API.md: r:lines() is stream.lines() piped to, and each() leaves early
        local t = stream.lines()
        stream.pipeline(r, t, function() end)
        t:each(function(line)
          got[#got + 1] = line
          if line == "2" then return false end
        end)
      end
    end)
    assert.are.same({ "1", "2" }, got)
    assert.is_true(r.destroyed)
  end)

  it("raises the readable's error in the loop", function()
    local got, failure = {}, nil
    async(function()
      local r = stream.PassThrough.new()
      r:write("1\n2")
      local ok, e = pcall(function()
        for line in r:lines() do
          got[#got + 1] = line
          r:destroy({ code = "EBOOM" })
        end
      end)
      failure = (not ok) and e or nil
    end)
    assert.are.same({ "1" }, got)
    assert.are.same({ code = "EBOOM" }, failure)
  end)

  it("raises a line longer than maxLength in the loop", function()
    local failure
    async(function()
      local r = Readable.from({ "ok\n", "toolong" }, { objectMode = false })
      local ok, e = pcall(function()
        for _ in r:lines({ maxLength = 4 }) do end
      end)
      failure = (not ok) and e or nil
    end)
    assert.are.equal("ERR_OUT_OF_RANGE", failure and failure.code)
  end)

  it("must run inside a coroutine", function()
    local r = stream.PassThrough.new()
    local ok, e = pcall(function() for _ in r:lines() do end end)
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_STATE", e.code)
    run()
  end)
end)
