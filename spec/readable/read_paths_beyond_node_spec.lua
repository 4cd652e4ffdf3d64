-- read(n) inside the front chunk and across into the next.  cstream plans
-- the common ones with their tests only (cs_readable.c, read_: a slice that
-- leaves a highWaterMark buffered, a whole chunk and a cut of the next with
-- no decoder); everything around them takes the general path.  Both give
-- Node's results (test/twins/readable/read_paths.js): with a 'data'
-- listener as well, a decoder, objectMode, an ended stream, a fractional n,
-- an n above the highWaterMark, and the _read those reads start.  The last
-- cases run the plans under finalizers that change the buffer while read(n)
-- makes its string (docs/DESIGN.md, "Re-entry").

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local TWIN = "test/twins/readable/read_paths.js"
local node = twin.run(TWIN)

-- Chunk i (1-based) of w bytes: its letter, then digits.
local function chunk(i, w)
  local s = string.char(96 + i) .. string.rep("0123456789", math.ceil(w / 10))
  return s:sub(1, w)
end

local function source(count, w, opts, L)
  local i = 0
  opts.read = function(self, n)
    if L then L("_read " .. n) end
    while i < count do
      i = i + 1
      if not self:push(chunk(i, w)) then return end
    end
    self:push(nil)
  end
  return Readable.new(opts)
end

local function show(c) return c == nil and "null" or c end

local function drain(r, n, L)
  while true do
    local c = r:read(n)
    if c == nil then break end
    L("read " .. c .. " len=" .. r.readableLength)
  end
  L("null len=" .. r.readableLength)
end

local cases = {
  { "slices_and_cuts", "read(3) of 10-byte chunks, highWaterMark 8", function(L)
      local r = source(6, 10, { highWaterMark = 8 }, L)
      r:on("readable", function() L("readable"); drain(r, 3, L) end)
      r:on("end", function() L("end") end)
    end },
  { "with_data_listener", "each read emits 'data' first", function(L)
      local r = source(4, 10, { highWaterMark = 4 })
      r:on("data", function(c) L("data " .. c) end)
      r:on("readable", function() L("readable"); drain(r, 4, L) end)
      r:on("end", function() L("end") end)
    end },
  { "exact_chunk_and_one_more", "a whole chunk, a fractional n, a cut of the next", function(L)
      local r = Readable.new({ highWaterMark = 2, read = function() end })
      for i = 1, 4 do r:push(chunk(i, 5)) end
      for _, n in ipairs({ 5, 2, 4, 2.9, 6 }) do
        L("read " .. show(r:read(n)) .. " len=" .. r.readableLength)
      end
      L("hwm " .. r.readableHighWaterMark)
    end },
  { "ended_stream", "slices and cuts after push(nil)", function(L)
      local r = Readable.new({ highWaterMark = 2, read = function() end })
      for i = 1, 3 do r:push(chunk(i, 6)) end
      r:push(nil)
      r:on("end", function() L("end") end)
      for _, n in ipairs({ 4, 4, 1, 9, 9, 1 }) do
        L("read " .. show(r:read(n)) .. " len=" .. r.readableLength)
      end
    end },
  { "decoder", "setEncoding('utf8'): units are UTF-16 code units", function(L)
      local r = Readable.new({ highWaterMark = 2, read = function() end })
      r:setEncoding("utf8")
      r:push("h\195\169llo")
      r:push("\226\130\172uro\240\159\152\128!")
      r:push("abcdef")
      for _, n in ipairs({ 2, 3, 1, 2, 3, 2, 4 }) do
        L("read " .. show(r:read(n)) .. " len=" .. r.readableLength)
      end
    end },
  { "object_mode", "read(n) hands one object", function(L)
      local r = Readable.new({ objectMode = true, highWaterMark = 2, read = function() end })
      for i = 1, 5 do r:push("obj" .. i) end
      for _, n in ipairs({ 1, 2, 1, 3 }) do
        L("read " .. show(r:read(n)) .. " len=" .. r.readableLength)
      end
    end },
  { "above_hwm", "read(12) above the highWaterMark raises it, then cuts", function(L)
      local r = source(5, 10, { highWaterMark = 4 }, L)
      r:on("readable", function()
        L("readable")
        while true do
          local c = r:read(12)
          if c == nil then break end
          L("read " .. c .. " len=" .. r.readableLength .. " hwm=" .. r.readableHighWaterMark)
        end
        L("null")
      end)
      r:on("end", function() L("end") end)
    end },
}

describe("read(n): slices and cuts (test/twins/readable/read_paths.js)", function()
  helper.twin_cases(cases, node, TWIN)
  helper.twin_covers(cases, node)
end)

-- Runs src in a child helper.LUA (its collector tuned by the prelude's
-- gcIncremental to step at every allocation); stdout+stderr and exit code.
local PRELUDE = 'local uv = require("luv")\nlocal stream = require("cstream")\n' .. helper.GC_PRELUDE
local function child(src) return helper.child(src, PRELUDE) end

describe("read(n)'s plans under finalizers that change the buffer", function()
  -- The finalizer reads the front bytes and puts them back (unshift), or
  -- pushes, or sets a decoder: the buffer's generation moves while read(n)
  -- makes its string, and cs_read_commit reads again.  The bytes read in
  -- order are the bytes pushed in order, whatever ran in between.
  it("read(n) at a chunk boundary while a finalizer reads and unshifts", function()
    local out, rc = child([[
      local s = stream.Readable.new({ read = function() end, highWaterMark = 64 })
      local armed, inread, fired = true, false, 0
      local function bomb()
        finalized(function()
          if armed and inread then
            fired = fired + 1
            local c = s:read(1 + fired % 5)
            if c then s:unshift(c) end
          end
          if armed then bomb() end
        end)
      end
      bomb()
      gcIncremental(1, 1000, 1)
      local pushed, got, k = {}, {}, 0
      for i = 1, 4000 do
        while s.readableLength < 400 do
          k = k + 1
          local c = string.format("<%06d>", k) .. string.rep(string.char(97 + k % 26), k % 13)
          pushed[#pushed + 1] = c
          s:push(c)
        end
        inread = true
        local c = s:read(7 + i % 23)
        inread = false
        if c then got[#got + 1] = c end
      end
      armed = false
      gcIncremental(200, 100, 13)
      got = table.concat(got)
      local all = table.concat(pushed)
      print("ok", fired > 0 or jit ~= nil, #got > 0, all:sub(1, #got) == got)
    ]])
    assert.are.equal("ok\ttrue\ttrue\ttrue\n", out)
    assert.are.equal(0, rc)
  end)

  it("read(n) at a chunk boundary while a finalizer pushes, or sets a decoder", function()
    local out, rc = child([[
      local s = stream.Readable.new({ read = function() end, highWaterMark = 32 })
      local armed, inread, fired, extra = true, false, 0, 0
      local function bomb()
        finalized(function()
          if armed and inread then
            fired = fired + 1
            if fired == 500 then s:setEncoding("latin1")
            else extra = extra + 1; s:push("+") end
          end
          if armed then bomb() end
        end)
      end
      bomb()
      gcIncremental(1, 1000, 1)
      local got, n, k = 0, 0, 0
      for i = 1, 3000 do
        while s.readableLength < 400 do
          k = k + 1
          s:push(string.format("<%06d>", k) .. string.rep("x", k % 13))
        end
        inread = true
        local c = s:read(5 + i % 31)
        inread = false
        if c then
          got = got + #c
          n = n + 1
          assert(not c:find("[^x+<>0-9]"), "bytes that were never pushed")
        end
        assert(s.readableLength >= 0 and s.readableLength < 2^40)
      end
      armed = false
      gcIncremental(200, 100, 13)
      print("ok", fired > 0 or jit ~= nil, n > 0)
    ]])
    assert.are.equal("ok\ttrue\ttrue\n", out)
    assert.are.equal(0, rc)
  end)
end)
