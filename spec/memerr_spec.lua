-- Memory errors (docs/API.md, "Memory errors"), in the style of Lua's own
-- testes/memerr.lua: each operation runs with its allocations failing after
-- n (test/lua/memlimit.c, a test-only module), for n = 0, 1, 2, ... until
-- one run needs no more.  Every run must end without a crash or a sanitizer
-- report, raise nothing but a memory error, and leave the stream usable or
-- cleanly errored (destroyed, with a memory error as its 'error'); the loop
-- then drains with memory back and nothing else may be raised.
local stream = require("cstream")
local zlib = require("cstream.zlib")
local helper = require("spec.helper")

local path = os.getenv("CSTREAM_MEMLIMIT")
local memlimit = path and path ~= "" and assert(package.loadlib(path, "luaopen_memlimit"))()

if memlimit then
  local luv = package.searchpath("luv", package.cpath)
  if luv then memlimit.pin(luv) end  -- see mk/lsan.supp
end

local function ismem(e)
  return e == "not enough memory" or (type(e) == "table" and e.code == "ENOMEM")
end

local function show(e)
  return type(e) == "table" and tostring(e.code) .. ": " .. tostring(e.message) or tostring(e)
end

-- setup() -> the stream (made with memory), and what else op and check need;
-- op(s, x) runs limited; when it raised and left the stream alive,
-- opts.resume(s, x) finishes the job with memory back (a raise leaves the
-- operation half done, as in Lua's own libraries); check(s, x) runs once the
-- loop drained.
local function sweep(setup, op, check, opts)
  opts = opts or {}
  local failed = 0
  for n = 0, opts.max or 2000 do
    local s, x = setup()
    local errors = {}
    s:on("error", function(e) errors[#errors + 1] = e end)
    -- A tick queued first: the loop's idle handle then exists and runs
    -- before the limit bites (luv's uv.new_idle leaks its handle when Lua
    -- cannot allocate the userdata for it).
    stream.nextTick(function() end)
    local st, e = memlimit.run(n, op, s, x)
    local refused = memlimit.refused()
    if st ~= "ok" then
      assert(ismem(e), ("n=%d: %s raised %s"):format(n, st, show(e)))
      failed = failed + 1
    end
    if st ~= "ok" and not s.destroyed and opts.resume then opts.resume(s, x) end
    helper.settle()
    for _, err in ipairs(errors) do
      assert(ismem(err) or (opts.error and opts.error(err)),
             ("n=%d: 'error' with %s"):format(n, show(err)))
    end
    if #errors > 0 then assert.is_true(s.destroyed, ("n=%d: errored, not destroyed"):format(n)) end
    check(s, x, n)
    if refused == 0 then
      assert(failed > 0 or opts.nofail, "the limit never bit")
      return n
    end
  end
  error("still refusing allocations after the last n")
end

local function source(...)
  local r = stream.Readable.new({ read = function() end })
  for i = 1, select("#", ...) do r:push((select(i, ...))) end
  return r
end

local function usable(r)
  if r.destroyed then return end
  r:push("z")
  local v = r:read()
  assert.are.equal("string", type(v))
end

local describe_if = memlimit and describe or pending
describe_if("operations whose allocations fail after n", function()
  it("read(n) across chunks (assembled in scratch, then a sliced front)", function()
    sweep(function() return source("abc", "defgh", "ijk") end,
          function(r) return r:read(6), r:read(2) end, usable)
  end)

  it("read(n) whose new string cannot be made keeps its bytes buffered", function()
    -- the string is made by read() itself, once the core has returned
    -- (docs/DESIGN.md, "Re-entry"): a failure takes nothing off the buffer
    for _, n in ipairs({ 2, 6 }) do  -- a slice of the front chunk; pieces of two
      local kept = 0
      -- x.got exists before: storing to it allocates nothing
      sweep(function() return source("abcd", "efgh", "ijk"), { got = false } end,
            function(r, x) x.got = r:read(n) end,
            function(r, x)
              if r.destroyed then return end  -- scratch (core memory) failed
              local want = ("abcdefghijk"):sub(1, n)
              if x.got then
                assert.are.equal(want, x.got)
                assert.are.equal(11 - n, r.readableLength)
              else
                assert.are.equal(11, r.readableLength)
                assert.are.equal(want, r:read(n))
                kept = kept + 1
              end
            end)
      assert.is_true(kept > 0, "no run failed at the string")
    end
  end)

  it("read(n) with setEncoding, a hex push and unshift", function()
    sweep(function()
      local r = source()
      r:setEncoding("utf8")
      r:push("ab\xe2")
      r:push("\x9c\x93cd")
      return r
    end, function(r)
      r:push("e29c93", "hex")
      r:unshift("x")
      return r:read(3), r:read()
    end, usable)
  end)

  it("setEncoding over buffered bytes", function()
    sweep(function() return source("abc", "\xff\x00") end,
          function(r) r:setEncoding("hex") end, usable)
  end)

  it("the stream's end through a decoder (its tail)", function()
    sweep(function()
      local r = source()
      r:setEncoding("utf8")
      r:push("a\xe2\x9c")
      return r
    end, function(r) r:push(nil); return r:read() end, function() end)
  end)

  it("write, cork, uncork and end through _writev", function()
    sweep(function()
      local w = stream.Writable.new({
        decodeStrings = true,
        writev = function(_, _, cb) cb() end,
        write = function(_, _, _, cb) cb() end,
      })
      local done = {}
      return w, done
    end, function(w, done)
      w:cork()
      w:write("a", function() end)
      w:write("6162", "hex", function() end)
      w:write("c")
      w:uncork()
      w:finish(function(e) done[#done + 1] = e or "finished" end)
    end, function(w, done)
      assert.is_true(w.writableFinished or w.destroyed)
      assert.is_true(#done <= 1)
    end, { resume = function(w) if not w.writableEnded then w:finish() end end })
  end)

  -- pipe() itself is Lua code (init.lua) that wires listeners one by one:
  -- it is set up with memory; the data then flows under the limit.
  it("data through a pipe into a slow writer", function()
    sweep(function()
      local w = stream.Writable.new({
        highWaterMark = 2,
        write = function(_, _, _, cb) stream.nextTick(cb) end,
      })
      local r = source()
      r:on("error", function() end)
      r:pipe(w)
      return r, w
    end, function(r)
      r:push("abc")
      r:push("de")
      r:push(nil)
    end, function(r, w)
      assert.is_true(w.writableFinished or w.destroyed or r.destroyed)
    end, { resume = function(r) if not r.readableEnded then r:push(nil) end end })
  end)

  it("Transform write, end and read", function()
    sweep(function()
      return stream.Transform.new({
        transform = function(_, c, _, cb) cb(nil, c:upper()) end,
      })
    end, function(t)
      t:write("abc")
      t:write("6465", "hex")
      t:finish()
      return t:read()
    end, function(t)
      if not t.destroyed then assert.is_true(t.writableFinished) end
    end, { resume = function(t) if not t.writableEnded then t:finish() end; t:resume() end })
  end)

  it("destroy with an error", function()
    local boom = { code = "E_BOOM", message = "boom" }
    sweep(function()
      return stream.Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
    end, function(d) d:write("x"); d:destroy(boom) end,
    function(d) assert.is_true(d.destroyed) end,
    { error = function(e) return e == boom end,
      resume = function(d) d:destroy(boom) end })
  end)

  it("zlib inflate", function()
    local text = ("cstream "):rep(2000)
    local data = zlib.deflateSync(text)
    local head, tail = data:sub(1, 100), data:sub(101)
    sweep(function()
      local z = zlib.createInflate()
      local out = {}
      z:on("data", function(c) out[#out + 1] = c end)
      return z, out
    end, function(z)
      z:write(head)
      z:write(tail)
      z:finish()
    end, function(z, out)
      if not z.destroyed then
        local got = table.concat(out)
        assert(got == text, ("%d bytes out of %d"):format(#got, #text))
      end
    end, { resume = function(z) z:destroy() end })  -- which chunks went in is unknown
  end)
end)
