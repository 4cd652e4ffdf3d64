-- Text measured as Node measures a JS string (API.md section 2): a readable with
-- an encoding and a decodeStrings = false writable count UTF-16 code units, so
-- lengths, push/write return values, 'drain' and read(n) are Node's chunk for
-- chunk. read(n) hands out whole characters; where Node would cut a surrogate
-- pair cstream hands out the whole character (the one declared difference).
-- Every expected value is what the JS twin named above the case printed (the
-- twins are in test/twins/text/; `node test/twins/text/NAME.js` prints the
-- log), with strings shown as the hex of their UTF-8 where the twin does so;
-- read through spec/twin.lua but for read_n_pairs.js, where Node differs.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex

local finish = helper.settle
local put = helper.put
local hex = helper.hex
local setImmediate = helper.setImmediate
local twin = require("spec.twin")
local T = {
  push_measure = twin.run("test/twins/text/push_measure.js"),
  decoder_lengths = twin.run("test/twins/text/decoder_lengths.js"),
  read_n_whole_chars = twin.run("test/twins/text/read_n_whole_chars.js"),
  decoders_read_n = twin.run("test/twins/text/decoders_read_n.js"),
  set_encoding_measures = twin.run("test/twins/text/set_encoding_measures.js"),
  readable_encoding = twin.run("test/twins/text/readable_encoding.js"),
  push_spelled_apart = twin.run("test/twins/text/push_spelled_apart.js"),
  readable_backpressure = twin.run("test/twins/text/readable_backpressure.js"),
  writable_measure = twin.run("test/twins/text/writable_measure.js"),
  writable_drain = twin.run("test/twins/text/writable_drain.js"),
}

local function text(chunks, enc)
  local r = Readable.new({ read = function() end })
  r:setEncoding(enc or "utf8")
  for _, c in ipairs(chunks) do r:push(c) end
  return r
end

-- A read() result as the twins print it: hex of the UTF-8, or nil.
local function show(s)
  if s == nil then return nil end
  return hex(s)
end

describe("push() measures text in UTF-16 code units", function()
  -- twin push_measure.js
  it("counts a character below U+10000 as 1 and one above as 2", function()
    local log = {}
    local r = Readable.new({ read = function() end, highWaterMark = 2 })
    r:setEncoding("utf8")
    put(log, r:push("€"), r.readableLength, r:push("€"), r.readableLength,
        r:push("😀"), r.readableLength)
    assert.are.same(T.push_measure.counts, twin.strings(log))
    finish()
  end)

  -- twin push_measure.js encoding_and_bytes
  it("with the encoding option, and bytes stay bytes", function()
    local log = {}
    local r = Readable.new({ read = function() end, highWaterMark = 2, encoding = "utf8" })
    put(log, r:push("😀"), r.readableLength, r:read(), r.readableLength)
    local b = Readable.new({ read = function() end, highWaterMark = 2 })
    put(log, b:push("€"), b.readableLength)
    assert.are.same(T.push_measure.encoding_and_bytes, twin.strings(log))
    finish()
  end)

  -- twin decoder_lengths.js
  it("readableLength of what each decoder made", function()
    local log = {}
    for _, enc in ipairs({ "utf8", "latin1", "ascii", "hex", "base64", "utf16le" }) do
      local r = text({ "\xc3\xa9\xf0\x9f\x98\x80\x41" }, enc)
      local len = r.readableLength
      r:push(nil)
      put(log, enc, len, hex(r:read()))
    end
    assert.are.same(T.decoder_lengths.decoder_lengths, twin.strings(log))
    finish()
  end)
end)

describe("read(n) counts code units and never splits a character", function()
  -- twin read_n_whole_chars.js
  it("read(1) on 'é' is the whole character", function()
    local r = text({ "é" })
    local log = {}
    put(log, show(r:read(1)), r.readableLength)
    assert.are.same(T.read_n_whole_chars.whole_char, twin.strings(log))
    assert.are.same(T.read_n_whole_chars.whole_char_then, { tostring(show(r:read(1))) })
    finish()
  end)

  -- twin read_n_whole_chars.js across_chunks
  it("across chunks, ending on a whole character", function()
    local r = text({ "a", "😀C", "AB" })
    local log = {}
    put(log, show(r:read(3)), r.readableLength, show(r:read()), r.readableLength)
    assert.are.same(T.read_n_whole_chars.across_chunks, twin.strings(log))
    finish()
  end)

  -- twin read_n_whole_chars.js decoder_branch
  it("Node's decoder branch leaves \"\" at the front and reads on past it", function()
    local r = text({ "é", "😀", "xy" })
    local log = {}
    put(log, show(r:read(3)), r.readableLength, show(r:read(1)), r.readableLength,
        show(r:read(1)), r.readableLength)
    assert.are.same(T.read_n_whole_chars.decoder_branch, twin.strings(log))
    finish()
  end)

  -- twin read_n_whole_chars.js overshoot
  it("n === buffer.length: the whole chunk goes out and n is subtracted", function()
    local r = text({ "é", "€€€€€", "gh" })
    local log = {}
    put(log, show(r:read(4)), r.readableLength, show(r:read(2)), r.readableLength, r:read())
    assert.are.same(T.read_n_whole_chars.overshoot, twin.strings(log))
    finish()
  end)

  -- twin read_n_whole_chars.js loop
  it("a 'readable' loop of read(2) over mixed text", function()
    local r = text({ "añb€", "c中文d" })
    local got = {}
    r:on("readable", function()
      local c = r:read(2)
      while c ~= nil do
        got[#got + 1] = hex(c)
        c = r:read(2)
      end
    end)
    r:push(nil)
    r:on("end", function() got[#got + 1] = "end" end)
    finish()
    assert.are.same(T.read_n_whole_chars.loop, got)
  end)

  -- twin read_n_pairs.js. Node prints ["\ud83d",2,"\ude00",1,"x",
  -- "a\ud83d",3,"\ude00AB",0, "a\ud83d",3,"\ude00B",1]: it cuts the pair and
  -- subtracts n. cstream hands out the whole "😀" and subtracts what it took.
  it("where Node cuts a surrogate pair, the whole character (declared difference)", function()
    local log = {}
    local r = text({ "😀x" })
    put(log, r:read(1), r.readableLength, r:read(1), r.readableLength)
    assert.is_nil(r:read(1))
    r = text({ "a", "😀", "AB" })
    put(log, r:read(2), r.readableLength, r:read(), r.readableLength)
    r = text({ "a", "😀BC" })
    put(log, r:read(2), r.readableLength, r:read(2), r.readableLength)
    assert.are.same({ "😀", 1, "x", 0, "a😀", 2, "AB", 0, "a😀", 2, "BC", 0 }, log)
    finish()
  end)
end)

describe("read(n) with each decoder", function()
  -- twin decoders_read_n.js: the UTF-8 of the string Node delivers
  local function run(enc, chunks, ns)
    local r = text(chunks, enc)
    local out = { enc, r.readableLength }
    for _, n in ipairs(ns) do
      local c = r:read(n)
      out[#out + 1] = c == nil and "null" or c
      out[#out + 1] = r.readableLength
    end
    return out
  end

  local node = T.decoders_read_n
  it("hex and base64 slice the notation", function()
    assert.are.same(node.hex, twin.strings(run("hex", { "\xab\xcd", "\xef" }, { 1, 2, 3, 1 })))
    assert.are.same(node.base64, twin.strings(run("base64", { "\1\2\3\4", "\5" }, { 1, 3, 5 })))
    finish()
  end)

  it("latin1 and ascii: one unit per byte", function()
    assert.are.same(node.latin1, twin.strings(run("latin1", { "\xe9\x41\xff" }, { 1, 1, 5 })))
    assert.are.same(node.ascii, twin.strings(run("ascii", { "\xe9\x41\xff" }, { 1, 1, 5 })))
    finish()
  end)

  it("utf16le: one unit per code unit, a pair taken whole", function()
    assert.are.same(node.utf16le,
                    twin.strings(run("utf16le", { "\xe9\x00\x41\x00", "\xac\x20" }, { 1, 2 })))
    assert.are.same(node.utf16le_pair,
                    twin.strings(run("utf16le", { "\x3d\xd8\x00\xde\x41\x00" }, { 2, 1 })))
    finish()
  end)

  it("utf8: U+FFFD is one unit", function()
    assert.are.same(node.utf8, twin.strings(run("utf8", { "\xff\x61\xe2\x82" }, { 1, 1 })))
    finish()
  end)
end)

describe("setEncoding() measures the buffer it re-decodes", function()
  -- twin set_encoding_measures.js (its second half is also in diff_spec.lua)
  it("bytes become text counted in code units; text stays text", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("éé")
    r:push("😀")
    put(log, r.readableLength)
    r:setEncoding("utf8")
    put(log, r.readableLength)
    r:setEncoding("hex")
    put(log, r.readableLength, r:read(1), r.readableLength)
    assert.are.same(T.set_encoding_measures.bytes_become_text, twin.strings(log))
    finish()
  end)

  -- twin set_encoding_measures.js empty_buffer
  it("with an empty buffer the length becomes 0", function()
    local log = {}
    local r = text({ "a", "bcdef", "gh" })
    put(log, r:read(4), r.readableLength, r:read(2), r.readableLength)
    r:setEncoding("hex")
    put(log, r.readableLength)
    assert.are.same(T.set_encoding_measures.empty_buffer, twin.strings(log))
    finish()
  end)
end)

describe("readableEncoding", function()
  -- twin readable_encoding.js
  it("is the constructor's spelling; setEncoding stores the canonical name", function()
    local log = {}
    for _, e in ipairs({ "utf8", "utf-8", "UTF-8", "Utf8", "binary", "latin1", "ucs2", "UCS-2",
                         "utf-16le", "hex", "HEX", "base64", "ascii" }) do
      local r = Readable.new({ read = function() end, encoding = e })
      local r2 = Readable.new({ read = function() end })
      r2:setEncoding(e)
      put(log, e, r.readableEncoding, r2.readableEncoding)
    end
    local r = Readable.new({ read = function() end, encoding = "utf-8" })
    local d = Duplex.new({ read = function() end, write = helper.write_ok, encoding = "binary" })
    put(log, r.readableEncoding, d.readableEncoding)
    r:setEncoding("UCS-2")
    put(log, r.readableEncoding)
    r:setEncoding()
    put(log, r.readableEncoding, tostring(Readable.new().readableEncoding))
    assert.are.same(T.readable_encoding.readable_encoding, twin.strings(log))
    finish()
  end)

  -- twin push_spelled_apart.js: Node's readableAddChunk compares names
  -- (state.encoding !== encoding), so text spelled otherwise than the
  -- stream's encoding is made bytes and decoded again.
  it("push(str, enc) compares encoding names, as Node", function()
    local log = {}
    for _, enc in ipairs({ "utf8", "utf-8", "UTF8" }) do
      local r = Readable.new({ read = function() end, encoding = enc })
      r:push("\xe2")
      r:push("x", "utf8")
      r:push(nil)
      local out = {}
      r:on("data", function(c) out[#out + 1] = hex(c) end)
      r:on("end", function() put(log, enc .. " " .. table.concat(out, " ")) end)
    end
    for _, enc in ipairs({ "hex", "HEX" }) do
      local r = Readable.new({ read = function() end, encoding = enc })
      r:push("zz", "hex")
      r:push("6162", "hex")
      r:unshift("41", "hex")
      r:push(nil)
      local out = {}
      r:on("data", function(c) out[#out + 1] = c end)
      r:on("end", function() put(log, enc .. " " .. table.concat(out, " ")) end)
    end
    finish()
    assert.are.same(T.push_spelled_apart.push_spelled_apart, log)
  end)
end)

describe("backpressure on text is Node's, chunk for chunk", function()
  -- twin readable_backpressure.js
  it("_read, push and read(1) at highWaterMark 3 with utf8", function()
    local log = {}
    local pushes = 0
    local r
    r = Readable.new({
      highWaterMark = 3, encoding = "utf8",
      read = function(self, n)
        put(log, "_read " .. n .. " " .. self.readableLength)
        setImmediate(function()
          pushes = pushes + 1
          if pushes > 4 then self:push(nil) return end
          local ok = self:push(pushes % 2 == 1 and "€€" or "aé中")
          put(log, "push " .. tostring(ok) .. " " .. self.readableLength)
        end)
      end,
    })
    r:on("readable", function()
      local c = r:read(1)
      while c ~= nil do
        put(log, "read " .. hex(c) .. " " .. r.readableLength)
        c = r:read(1)
      end
      put(log, "null " .. r.readableLength)
    end)
    r:on("end", function() put(log, "end") end)
    finish()
    assert.are.same(T.readable_backpressure.readable_backpressure, log)
  end)
end)

describe("Writable: strings kept as strings count code units", function()
  -- twin writable_measure.js
  it("writableLength, write's return, writableNeedDrain and 'drain'", function()
    local log = {}
    local cbs = {}
    local w = Writable.new({ decodeStrings = false, highWaterMark = 3,
      write = function(_, c, e, cb)
        put(log, "_write " .. hex(c) .. " " .. e)
        cbs[#cbs + 1] = cb
      end })
    w:on("drain", function() put(log, "drain " .. w.writableLength) end)
    put(log, w:write("€"), w.writableLength, w.writableNeedDrain)
    put(log, w:write("😀"), w.writableLength, w.writableNeedDrain)
    put(log, w:write("616263", "hex"), w.writableLength)
    put(log, w:write("é", "latin1"), w.writableLength)
    local function after()
      local d = Writable.new({ highWaterMark = 3, write = function() end })
      put(log, d:write("€"), d.writableLength)
      put(log, d:write("616263", "hex"), d.writableLength)
      put(log, d:write("é", "latin1"), d.writableLength)
      local o = Writable.new({ objectMode = true, decodeStrings = false, write = function() end })
      put(log, o:write("😀😀"), o.writableLength, o:write("abc"), o.writableLength)
    end
    local function step()
      local cb = table.remove(cbs, 1)
      if not cb then
        put(log, "left " .. w.writableLength .. " " .. tostring(w.writableNeedDrain))
        return after()
      end
      cb()
      put(log, "cb " .. w.writableLength)
      setImmediate(step)
    end
    setImmediate(step)
    finish()
    assert.are.same(T.writable_measure.writable_measure, twin.strings(log))
  end)

  -- twin writable_drain.js
  it("'drain' comes chunk for chunk as in Node", function()
    local log = {}
    local w = Writable.new({ decodeStrings = false, highWaterMark = 2,
      write = function(_, _, _, cb) setImmediate(cb) end })
    w:on("drain", function() put(log, "drain") end)
    local words = { "é", "é", "😀", "ab", "中" }
    local i = 0
    local function nextw()
      if i == #words then
        w:finish(function() put(log, "finished") end)
        return
      end
      i = i + 1
      local word = words[i]
      local ok = w:write(word)
      put(log, word .. " " .. tostring(ok) .. " " .. w.writableLength)
      if ok then nextw() else w:once("drain", nextw) end
    end
    nextw()
    finish()
    assert.are.same(T.writable_drain.writable_drain, log)
  end)
end)

-- A child helper.LUA (same module paths) runs src; returns its stdout+stderr.
local function child(src)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(src)
  f:close()
  local p = assert(io.popen(helper.LUA .. " " .. path .. " 2>&1"))
  local out = p:read("a")
  p:close()
  os.remove(path)
  return out
end

describe("read(n) while finalizers re-enter the stream", function()
  -- No twin (Node's fromList runs no finalizers). The string read(n) returns
  -- is a Lua allocation, which may run __gc finalizers; here they read and
  -- unshift on the same stream. Every character read must be one that went
  -- in (before the fix, bytes of the heap came out), and the length must
  -- match what is left. In a child: the collector runs all the time, and
  -- busted's heap would make that slow.
  -- LuaJIT's collector, stopped by the binding's loan while the core runs,
  -- restarts at the next safe point, past the string read(n) makes: there
  -- finalizers seldom run inside the read (docs/API.md, Lua versions), and
  -- only the balance and the length are checked.
  local SRC = [[
    local MIN_INSIDE = jit and -1 or 100
    local enc = ...
    local r = require("cstream").Readable.new({ read = function() end })
    if enc then r:setEncoding(enc) end
    -- utf8.charpattern and utf8.len, which LuaJIT lacks
    local charpat = "[%z\1-\x7F\xC2-\xFD][\x80-\xBF]*"
    local pat = enc and charpat or "."
    local function ulen(str) return select(2, str:gsub(charpat, "")) end
    local freq, n, inside, reading = {}, 0, 0, false
    local function count(str, d)
      for ch in str:gmatch(pat) do freq[ch] = (freq[ch] or 0) + d end
    end
    local function push()
      r:push("abcé€x")
      count("abcé€x", 1)
    end
    for _ = 1, 300 do push() end
    local function bomb()
      finalized(function()
        n = n + 1
        if reading then inside = inside + 1 end
        if n % 2 == 0 then
          local c = r:read(1)
          if c then count(c, -1) end
        else
          r:unshift("é€")
          count("é€", 1)
        end
      end)
    end
    gcIncremental(1, 400)
    for i = 1, 300 do
      bomb()
      for j = 1, 10 do
        reading = true
        local c = r:read(1 + (i + j) % 7)
        reading = false
        if c then count(c, -1) end
        if r.readableLength < 100 then push() end
      end
    end
    gcIncremental(200, 100)
    collectgarbage()
    local left = r.readableLength
    local rest = r:read() or ""
    count(rest, -1)
    local bad = {}
    for k, v in pairs(freq) do
      if v ~= 0 then bad[#bad + 1] = ("%q=%d"):format(k, v) end
    end
    print(#bad == 0 and "balanced" or table.concat(bad, " "),
          left == (enc and ulen(rest) or #rest), inside > MIN_INSIDE)
  ]]
  for _, enc in ipairs({ "nil", '"utf8"' }) do
    it(enc == "nil" and "bytes" or "text", function()
      local out = child("local f = load(" .. ("%q"):format(helper.GC_PRELUDE .. SRC) .. ") f(" .. enc .. ")")
      assert.are.equal("balanced\ttrue\ttrue\n", out)
    end)
  end
end)
