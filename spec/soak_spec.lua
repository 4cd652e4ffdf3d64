-- Bounded memory: a large volume piped through a chain whose sink is slow
-- (every callback waits for the next loop turn, and now and then for a
-- timer).  A timer samples each stage's readableLength/writableLength: none
-- may exceed its highWaterMark by more than one chunk (push/write return
-- false from there, as in Node), and the Lua heap stays bounded.
-- Volume: SOAK_MB MiB, by default the issue's 1 GiB (under a second here);
-- `make check-asan` and `make check-valgrind` set SOAK_MB lower.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")

local Readable, Writable, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Transform, stream.PassThrough

local MB = tonumber(os.getenv("SOAK_MB")) or 1024
local CHUNK = 64 * 1024
local TOTAL = MB * 1024 * 1024

describe("soak", function()
  it(("pipes %d MiB through Transform, PassThrough and a slow sink within the highWaterMarks"):format(MB), function()
    -- Chunks: a few distinct strings, each tagged with its index mod 256 so
    -- that the sink can check order without keeping anything.
    local chunks = {}
    for i = 0, 255 do
      chunks[i] = string.char(i) .. string.rep(string.char((i * 7) % 256), CHUNK - 1)
    end
    local sent, n = 0, 0
    local src = Readable.new({ highWaterMark = 4 * CHUNK, read = function(self)
      while sent < TOTAL do
        local c = chunks[n % 256]
        n, sent = n + 1, sent + #c
        if not self:push(c) then return end
      end
      self:push(nil)
    end })
    -- A Transform that re-cuts: each 64 KiB chunk goes out as two halves.
    local xf = Transform.new({ highWaterMark = 2 * CHUNK, transform = function(self, c, _, cb)
      self:push(c:sub(1, helper.idiv(CHUNK, 2)))
      cb(nil, c:sub(helper.idiv(CHUNK, 2) + 1))
    end })
    local pt = PassThrough.new({ highWaterMark = CHUNK })

    -- The slow sink: callbacks wait for the next loop turn (an idle handle,
    -- started only while some wait), and every 256th write for a 1 ms timer.
    local pending, got, expect, bad = {}, 0, 0, nil
    local idle = uv.new_idle()
    local function flush()
      local p = pending
      pending = {}
      idle:stop()
      for i = 1, #p do p[i]() end
    end
    local function later(cb)
      if #pending == 0 then idle:start(flush) end
      pending[#pending + 1] = cb
    end
    local writes = 0
    local sink = Writable.new({ highWaterMark = CHUNK, write = function(_, c, _, cb)
      writes = writes + 1
      if writes % 2 == 1 then  -- first half of a source chunk: check its tag
        if c:byte(1) ~= expect % 256 and not bad then
          bad = ("chunk %d starts with %d"):format(expect, c:byte(1))
        end
        expect = expect + 1
      end
      got = got + #c
      if writes % 256 == 0 then
        local t = uv.new_timer()
        t:start(1, 0, function() t:close(); cb() end)
      else
        later(cb)
      end
    end })

    local stages = { src = src, xf = xf, pt = pt, sink = sink }
    local max = {}
    local heap = 0
    local sampler = uv.new_timer()
    local function sample()
      for name, s in pairs(stages) do
        for _, p in ipairs({ "readableLength", "writableLength" }) do
          local v = s[p]
          if v then
            local k = name .. "." .. p
            if v > (max[k] or 0) then max[k] = v end
          end
        end
      end
      local kb = collectgarbage("count")
      if kb > heap then heap = kb end
    end
    sampler:start(5, 5, sample)

    local t0 = uv.now()
    local done
    stream.pipeline(src, xf, pt, sink, function(err)
      done = err or "ok"
      sampler:close()
      idle:close()
    end)
    helper.run(600 * 1000)
    sample()
    local secs = (uv.now() - t0) / 1000

    assert.are.equal("ok", done)
    assert.is_nil(bad)
    assert.are.equal(TOTAL, got)
    -- Each stage: at most its highWaterMark plus one chunk (the push or
    -- write that crossed it).
    local limits = {
      ["src.readableLength"] = src.readableHighWaterMark + CHUNK,
      ["xf.writableLength"] = xf.writableHighWaterMark + CHUNK,
      ["xf.readableLength"] = xf.readableHighWaterMark + CHUNK,
      ["pt.writableLength"] = pt.writableHighWaterMark + CHUNK,
      ["pt.readableLength"] = pt.readableHighWaterMark + CHUNK,
      ["sink.writableLength"] = sink.writableHighWaterMark + CHUNK,
    }
    for k, limit in pairs(limits) do
      assert.is_true((max[k] or 0) <= limit,
        ("%s reached %d, over its limit %d"):format(k, max[k] or 0, limit))
    end
    -- The samples did see data in flight (a sampler that never ran proves nothing).
    assert.is_true((max["sink.writableLength"] or 0) > 0)
    -- The Lua heap: the 16 MiB of chunk strings plus little else.
    assert.is_true(heap < 96 * 1024, ("Lua heap reached %.0f KiB"):format(heap))
    print(("\n# soak: %d MiB in %.1f s (%.0f MiB/s); max lengths: %s; heap %.0f KiB"):format(
      MB, secs, MB / secs, (function()
        local ks = {}
        for k, v in pairs(max) do ks[#ks + 1] = k .. "=" .. v end
        table.sort(ks)
        return table.concat(ks, " ")
      end)(), heap))
  end)
end)
