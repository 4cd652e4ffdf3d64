-- test-stream-writev.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Writable = stream.Writable

local function fromhex(h)
  return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end))
end

-- "chunk/encoding|chunk/encoding" as the twins print a _writev batch; bytes
-- (encoding "buffer") as hex.
local function batch(chunks)
  local out = {}
  for i, c in ipairs(chunks) do
    local v = c.encoding == "buffer" and helper.hex(c.chunk) or c.chunk
    out[i] = v .. "/" .. tostring(c.encoding)
  end
  return table.concat(out, "|")
end

local function joined(chunks)
  local out = {}
  for i, c in ipairs(chunks) do out[i] = c.chunk end
  return table.concat(out, ",")
end

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
          w._write = function() helper.put(log, "WRITE!") end
          w._writev = function(self, chunks, cb)
            helper.put(log, "writev:" .. batch(chunks))
            cb()
          end
          local function cnt(n) return function(er) helper.put(log, "cb:" .. n .. ":" .. helper.errtext(er)) end end
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
          helper.put(log, "sync")
          w:on("finish", function() helper.put(log, "finish") end)
          helper.settle()
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
    helper.settle()
    assert.are.same({ { chunk = fromhex("facebea7"), encoding = "buffer" },
                      { chunk = fromhex("deadbeef"), encoding = "buffer" } }, got)
  end)

  it("a _writev error reaches every batched callback, then 'error', 'close'", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. #chunks)
        cb(helper.E("bad"))
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write")
        cb()
      end,
    })
    helper.on(w, log, "error", "close", "finish")
    w:cork()
    w:write("a", function(e) helper.put(log, "cb1:" .. helper.errtext(e)) end)
    w:write("b", function(e) helper.put(log, "cb2:" .. helper.errtext(e)) end)
    w:write("c", function(e) helper.put(log, "cb3:" .. helper.errtext(e)) end)
    w:uncork()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "writev:3", "sync", "cb1:bad", "cb2:bad", "cb3:bad", "error:bad", "close" }, log)
  end)

  it("an asynchronous _writev error also fails the writes buffered behind it", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. #chunks)
        helper.nextTick(cb, helper.E("bad"))
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write")
        cb()
      end,
    })
    helper.on(w, log, "error", "close", "finish")
    w:cork()
    w:write("a", function(e) helper.put(log, "cb1:" .. helper.errtext(e)) end)
    w:write("b", function(e) helper.put(log, "cb2:" .. helper.errtext(e)) end)
    w:uncork()
    helper.put(log, "sync")
    w:write("c", function(e) helper.put(log, "cb3:" .. helper.errtext(e)) end)
    helper.settle()
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
    helper.settle()
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
        helper.put(log, "writev:" .. #chunks)
        cb()
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    w:cork()
    w:write("only")
    w:uncork()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same({ "write:only", "sync" }, log)
  end)

  it("chunks buffered behind a pending _write go out in one _writev", function()
    local log, pend = {}, nil
    local w = Writable.new({
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. joined(chunks))
        cb()
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        pend = cb
      end,
    })
    w:write("a")
    w:write("b")
    w:write("c")
    helper.put(log, "len=" .. w.writableLength)
    pend()
    helper.put(log, "after len=" .. w.writableLength)
    helper.on(w, log, "drain")
    helper.settle()
    assert.are.same({ "write:a", "len=3", "writev:b,c", "after len=0" }, log)
  end)

  it("without _writev, buffered chunks go one _write at a time, callbacks after", function()
    local log, pend = {}, {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        pend[#pend + 1] = cb
      end,
    })
    w:write("a", function() helper.put(log, "cb:a") end)
    w:write("b", function() helper.put(log, "cb:b") end)
    w:write("c", function() helper.put(log, "cb:c") end)
    helper.put(log, "len=" .. w.writableLength)
    table.remove(pend, 1)()
    helper.put(log, "p1 len=" .. w.writableLength)
    table.remove(pend, 1)()
    helper.put(log, "p2 len=" .. w.writableLength)
    table.remove(pend, 1)()
    helper.put(log, "p3 len=" .. w.writableLength)
    helper.settle()
    assert.are.same({ "write:a", "len=3", "write:b", "cb:a", "p1 len=2", "write:c", "cb:b",
                      "p2 len=1", "cb:c", "p3 len=0" }, log)
  end)

  it("decodeStrings = false: _writev keeps each chunk's own encoding", function()
    local log = {}
    local w = Writable.new({
      decodeStrings = false,
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. batch(chunks))
        cb()
      end,
    })
    w:cork()
    w:write("6869", "hex")
    w:write("aGk=", "base64")
    w:write("hi")
    w:uncork()
    helper.settle()
    assert.are.same({ "writev:6869/hex|aGk=/base64|hi/utf8" }, log)
  end)
end)
