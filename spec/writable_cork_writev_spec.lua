-- Writable cork()/uncork() and _writev, translated from Node 20's own tests
-- (test/parallel/test-stream3-cork-end.js, test-stream3-cork-uncork.js,
-- test-stream-writev.js, test-stream-writableState-uncorked-bufferedRequestCount.js,
-- test-stream-writable-properties.js, test-stream-writable-clear-buffer.js,
-- test-stream-writable-constructor-set-methods.js). Each describe is named after
-- the Node test file it translates. Every expected sequence below is what node v20
-- printed for a JS twin of the spec (the twins live outside the repository).
-- Node's _writableState.bufferedRequestCount is not part of the Lua API: those
-- checks are translated to writableLength and writableCorked.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

-- Runs the loop until it ends by itself, then checks that nothing is left open.
local settle = helper.settle
-- setImmediate runs after the ticks queued before it (from a tick, guarded).
local nextTick, setImmediate = helper.nextTick, helper.setImmediate
local put, on = helper.put, helper.on
local fmt = helper.errfmt
local E = helper.E
local tohex = helper.hex

local function fromhex(h)
  return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end))
end

-- "chunk/encoding|chunk/encoding" as the twins print a _writev batch; bytes
-- (encoding "buffer") as hex.
local function batch(chunks)
  local out = {}
  for i, c in ipairs(chunks) do
    local v = c.encoding == "buffer" and tohex(c.chunk) or c.chunk
    out[i] = v .. "/" .. tostring(c.encoding)
  end
  return table.concat(out, "|")
end

local function joined(chunks)
  local out = {}
  for i, c in ipairs(chunks) do out[i] = c.chunk end
  return table.concat(out, ",")
end

-- Shared body of test-stream3-cork-end / -cork-uncork: chunks written while
-- corked, one per setImmediate, then released by finish() or uncork().
local function corkTest(useEnd)
  local log = {}
  local seenEnd = false
  local w = Writable.new()
  w._write = function(self, chunk, encoding, cb)
    put(log, "write:" .. chunk .. "/" .. encoding .. (seenEnd and " AFTER-FINISH" or ""))
    cb()
  end
  w:on("finish", function()
    seenEnd = true
    put(log, "finish")
  end)
  put(log, "ret=" .. tostring(w:write("stuff")))
  w:cork()
  put(log, "corked")
  local input = { "please", "buffer", "me", "kindly" }
  local function nextChunk()
    local c = table.remove(input, 1)
    if c then
      setImmediate(function()
        put(log, "ret=" .. tostring(w:write(c)))
        nextChunk()
      end)
    else
      put(log, "len=" .. w.writableLength)
      if useEnd then w:finish() else w:uncork() end
      put(log, ("after %s len=%d corked=%d"):format(useEnd and "end" or "uncork",
        w.writableLength, w.writableCorked))
      setImmediate(function() put(log, "imm seenEnd=" .. tostring(seenEnd)) end)
    end
  end
  nextChunk()
  return log
end

describe("test-stream3-cork-end", function()
  it("finish() flushes the corked chunks at once and 'finish' follows later", function()
    local log = corkTest(true)
    settle()
    assert.are.same({ "write:stuff/buffer", "ret=true", "corked", "ret=true", "ret=true",
      "ret=true", "ret=true", "len=20", "write:please/buffer", "write:buffer/buffer",
      "write:me/buffer", "write:kindly/buffer", "after end len=0 corked=0", "finish",
      "imm seenEnd=true" }, log)
  end)
end)

describe("test-stream3-cork-uncork", function()
  it("uncork() flushes the corked chunks at once and does not finish", function()
    local log = corkTest(false)
    settle()
    assert.are.same({ "write:stuff/buffer", "ret=true", "corked", "ret=true", "ret=true",
      "ret=true", "ret=true", "len=20", "write:please/buffer", "write:buffer/buffer",
      "write:me/buffer", "write:kindly/buffer", "after uncork len=0 corked=0",
      "imm seenEnd=false" }, log)
  end)
end)

describe("test-stream-writev", function()
  local decoded = "writev:68656c6c6f2c20/buffer|776f726c64/buffer|21/buffer|"
    .. "0a616e64207468656e2e2e2e/buffer|facebea7deadbeefdecafbad/buffer"
  local raw = "writev:hello, /ascii|world/utf8|!/utf8|\nand then.../latin1|"
    .. "facebea7deadbeefdecafbad/hex"
  for _, decode in ipairs({ false, true }) do
    for _, uncork in ipairs({ false, true }) do
      for _, multi in ipairs({ false, true }) do
        local name = ("decode=%s uncork=%s multi=%s"):format(tostring(decode),
          tostring(uncork), tostring(multi))
        it(name, function()
          local log = {}
          local w = Writable.new({ decodeStrings = decode })
          w._write = function() put(log, "WRITE!") end
          w._writev = function(self, chunks, cb)
            put(log, "writev:" .. batch(chunks))
            cb()
          end
          local function cnt(n) return function(er) put(log, "cb:" .. n .. ":" .. fmt(er)) end end
          w:cork()
          w:write("hello, ", "ascii", cnt("hello"))
          w:write("world", "utf8", cnt("world"))
          if multi then w:cork() end
          w:write("!", cnt("!"))
          w:write("\nand then...", "latin1", cnt("and then"))
          if multi then w:uncork() end
          w:write("facebea7deadbeefdecafbad", "hex", cnt("hex"))
          if uncork then w:uncork() end
          w:finish(cnt("end"))
          put(log, "sync")
          w:on("finish", function() put(log, "finish") end)
          settle()
          assert.are.same({ decode and decoded or raw, "sync", "cb:hello:nil", "cb:world:nil",
            "cb:!:nil", "cb:and then:nil", "cb:hex:nil", "cb:end:nil", "finish" }, log)
        end)
      end
    end
  end

  it("decoded hex reaches _writev as the bytes", function()
    local got
    local w = Writable.new({
      writev = function(self, chunks, cb)
        got = chunks
        cb()
      end,
    })
    w:cork()
    w:write("facebea7", "hex")
    w:write("deadbeef", "hex")
    w:uncork()
    settle()
    assert.are.same({ { chunk = fromhex("facebea7"), encoding = "buffer" },
                      { chunk = fromhex("deadbeef"), encoding = "buffer" } }, got)
  end)

  it("a _writev error reaches every batched callback, then 'error', 'close'", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        put(log, "writev:" .. #chunks)
        cb(E("bad"))
      end,
      write = function(self, c, e, cb)
        put(log, "write")
        cb()
      end,
    })
    on(w, log, "error", "close", "finish")
    w:cork()
    w:write("a", function(e) put(log, "cb1:" .. fmt(e)) end)
    w:write("b", function(e) put(log, "cb2:" .. fmt(e)) end)
    w:write("c", function(e) put(log, "cb3:" .. fmt(e)) end)
    w:uncork()
    put(log, "sync")
    settle()
    assert.are.same({ "writev:3", "sync", "cb1:bad", "cb2:bad", "cb3:bad", "error:bad", "close" }, log)
  end)

  it("an asynchronous _writev error also fails the writes buffered behind it", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        put(log, "writev:" .. #chunks)
        nextTick(cb, E("bad"))
      end,
      write = function(self, c, e, cb)
        put(log, "write")
        cb()
      end,
    })
    on(w, log, "error", "close", "finish")
    w:cork()
    w:write("a", function(e) put(log, "cb1:" .. fmt(e)) end)
    w:write("b", function(e) put(log, "cb2:" .. fmt(e)) end)
    w:uncork()
    put(log, "sync")
    w:write("c", function(e) put(log, "cb3:" .. fmt(e)) end)
    settle()
    assert.are.same({ "writev:2", "sync", "cb1:bad", "cb2:bad", "cb3:bad", "error:bad", "close" }, log)
  end)

  it("object mode: _writev gets the values, falsy ones included, and no encoding", function()
    local got, len
    local w = Writable.new({
      objectMode = true,
      writev = function(self, chunks, cb)
        got = chunks
        cb()
      end,
      write = function(self, c, e, cb) cb() end,
    })
    local t = { a = 1 }
    w:cork()
    w:write(t)
    w:write(false)
    w:write(0)
    w:write("")
    len = w.writableLength
    w:uncork()
    settle()
    assert.are.equal(4, len)
    assert.are.equal(4, #got)
    assert.are.equal(t, got[1].chunk)
    assert.are.equal(false, got[2].chunk)
    assert.are.equal(0, got[3].chunk)
    assert.are.equal("", got[4].chunk)
    for i = 1, 4 do assert.is_nil(got[i].encoding) end
  end)

  it("a single buffered chunk goes to _write, not _writev", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        put(log, "writev:" .. #chunks)
        cb()
      end,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    w:cork()
    w:write("only")
    w:uncork()
    put(log, "sync")
    settle()
    assert.are.same({ "write:only", "sync" }, log)
  end)

  it("chunks buffered behind a pending _write go out in one _writev", function()
    local log, pend = {}, nil
    local w = Writable.new({
      writev = function(self, chunks, cb)
        put(log, "writev:" .. joined(chunks))
        cb()
      end,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        pend = cb
      end,
    })
    w:write("a")
    w:write("b")
    w:write("c")
    put(log, "len=" .. w.writableLength)
    pend()
    put(log, "after len=" .. w.writableLength)
    on(w, log, "drain")
    settle()
    assert.are.same({ "write:a", "len=3", "writev:b,c", "after len=0" }, log)
  end)

  it("without _writev, buffered chunks go one _write at a time, callbacks after", function()
    local log, pend = {}, {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        pend[#pend + 1] = cb
      end,
    })
    w:write("a", function() put(log, "cb:a") end)
    w:write("b", function() put(log, "cb:b") end)
    w:write("c", function() put(log, "cb:c") end)
    put(log, "len=" .. w.writableLength)
    table.remove(pend, 1)()
    put(log, "p1 len=" .. w.writableLength)
    table.remove(pend, 1)()
    put(log, "p2 len=" .. w.writableLength)
    table.remove(pend, 1)()
    put(log, "p3 len=" .. w.writableLength)
    settle()
    assert.are.same({ "write:a", "len=3", "write:b", "cb:a", "p1 len=2", "write:c", "cb:b",
                      "p2 len=1", "cb:c", "p3 len=0" }, log)
  end)

  it("decodeStrings = false: _writev keeps each chunk's own encoding", function()
    local log = {}
    local w = Writable.new({
      decodeStrings = false,
      writev = function(self, chunks, cb)
        put(log, "writev:" .. batch(chunks))
        cb()
      end,
    })
    w:cork()
    w:write("6869", "hex")
    w:write("aGk=", "base64")
    w:write("hi")
    w:uncork()
    settle()
    assert.are.same({ "writev:6869/hex|aGk=/base64|hi/utf8" }, log)
  end)
end)

describe("test-stream-writable-constructor-set-methods", function()
  it("write and writev options: single write, then a corked pair in one _writev", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
      writev = function(self, chunks, cb)
        put(log, "writev:" .. joined(chunks))
        cb()
      end,
    })
    on(w, log, "finish", "close")
    w:write("blerg")
    w:cork()
    w:write("blerg2")
    w:write("blerg3")
    w:finish()
    put(log, "sync")
    settle()
    assert.are.same({ "write:blerg", "writev:blerg2,blerg3", "sync", "finish", "close" }, log)
  end)

  it("a writev option alone serves single writes as one-chunk batches", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        put(log, "writev:" .. batch(chunks))
        cb()
      end,
    })
    on(w, log, "finish", "close")
    w:write("a")
    w:write("b")
    w:write("c")
    w:finish()
    put(log, "sync")
    settle()
    assert.are.same({ "writev:61/buffer", "writev:62/buffer", "writev:63/buffer", "sync",
                      "finish", "close" }, log)
  end)

  it("_write and _writev defined on a subclass", function()
    local log = {}
    local W = Writable:extend()
    function W:_write(c, e, cb)
      put(log, "write:" .. c)
      cb()
    end
    function W:_writev(chunks, cb)
      put(log, "writev:" .. joined(chunks))
      cb()
    end
    local w = W.new()
    on(w, log, "finish")
    w:write("x")
    w:cork()
    w:write("y")
    w:write("z")
    w:finish()
    settle()
    assert.are.same({ "write:x", "writev:y,z", "finish" }, log)
  end)
end)

describe("test-stream-writableState-uncorked-bufferedRequestCount", function()
  it("nested cork buffers until the last uncork; finish() uncorks fully", function()
    local log = {}
    local w = Writable.new()
    w._writev = function(self, chunks, cb)
      put(log, "writev:" .. joined(chunks))
      cb()
    end
    w._write = function(self, c, e, cb)
      put(log, "write:" .. c)
      cb()
    end
    local function st(t)
      put(log, ("%s corked=%d len=%d"):format(t, w.writableCorked, w.writableLength))
    end
    w:cork(); st("cork1")
    w:cork(); st("cork2")
    w:write("first chunk"); st("write1")
    w:uncork(); st("uncork1")
    nextTick(function()
      w:uncork(); st("uncork2")
      w:cork()
      w:write("third chunk"); st("write3")
      w:finish(); st("end")
    end)
    w:write("second chunk"); st("write2")
    on(w, log, "finish")
    settle()
    assert.are.same({ "cork1 corked=1 len=0", "cork2 corked=2 len=0", "write1 corked=2 len=11",
      "uncork1 corked=1 len=11", "write2 corked=1 len=23", "writev:first chunk,second chunk",
      "uncork2 corked=0 len=0", "write3 corked=1 len=11", "write:third chunk",
      "end corked=0 len=0", "finish" }, log)
  end)

  it("finish(chunk) releases three levels of cork", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    w:cork(); w:cork(); w:cork()
    w:write("x")
    w:finish("y")
    put(log, "corked=" .. w.writableCorked)
    on(w, log, "finish")
    settle()
    assert.are.same({ "write:x", "write:y", "corked=0", "finish" }, log)
  end)

  it("the nextTick(uncork) idiom batches one tick's writes", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        put(log, "writev:" .. joined(chunks))
        cb()
      end,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    w:cork()
    w:write("a")
    w:write("b")
    stream.nextTick(function() w:uncork() end)
    put(log, "sync")
    settle()
    assert.are.same({ "sync", "writev:a,b" }, log)
  end)

  it("corked writes report backpressure; 'drain' follows the uncork", function()
    local log = {}
    local w = Writable.new({
      highWaterMark = 4,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    on(w, log, "drain")
    w:cork()
    put(log, "ret=" .. tostring(w:write("ab")))
    put(log, "ret=" .. tostring(w:write("cd")))
    put(log, "nd=" .. tostring(w.writableNeedDrain))
    w:uncork()
    put(log, "uncorked len=" .. w.writableLength)
    settle()
    assert.are.same({ "ret=true", "ret=false", "nd=true", "write:ab", "write:cd",
                      "uncorked len=0", "drain" }, log)
  end)

  it("cork() after finish() still counts", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    w:finish("a")
    w:cork()
    put(log, "corked=" .. w.writableCorked)
    on(w, log, "finish", "close")
    settle()
    assert.are.same({ "write:a", "corked=1", "finish", "close" }, log)
  end)
end)

describe("test-stream-writable-properties", function()
  it("writableCorked counts cork() and uncork() and never goes below 0", function()
    local w = Writable.new()
    local seen = {}
    local function p() seen[#seen + 1] = w.writableCorked end
    p(); w:uncork(); p(); w:cork(); p(); w:cork(); p(); w:uncork(); p(); w:uncork(); p(); w:uncork(); p()
    settle()
    assert.are.same({ 0, 0, 1, 2, 1, 0, 0 }, seen)
  end)

  it("uncork() on an uncorked stream changes nothing", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        cb()
      end,
    })
    w:uncork()
    w:write("a")
    put(log, "corked=" .. w.writableCorked)
    settle()
    assert.are.same({ "write:a", "corked=0" }, log)
  end)
end)

describe("test-stream-writable-clear-buffer", function()
  it("writableLength counts down as corked object writes complete", function()
    local log = {}
    local w = Writable.new({
      objectMode = true,
      write = function(self, c, e, cb)
        put(log, "write:" .. c)
        setImmediate(cb)
      end,
    })
    w:cork()
    for i = 1, 5 do
      w:write(i, function() put(log, ("cb%d len=%d"):format(i, w.writableLength)) end)
    end
    put(log, "len=" .. w.writableLength)
    w:finish()
    on(w, log, "finish")
    settle()
    assert.are.same({ "len=5", "write:1", "write:2", "cb1 len=4", "write:3", "cb2 len=3",
      "write:4", "cb3 len=2", "write:5", "cb4 len=1", "cb5 len=0", "finish" }, log)
  end)
end)
