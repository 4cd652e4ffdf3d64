-- test-stream-writev.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writev.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
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

local node = twin.run("test/twins/writable/writev.js")

describe("test-stream-writev", function()
  -- twin: decode_false_uncork_false_multi_false ... decode_true_uncork_true_multi_true
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
          assert.are.same(node[("decode_%s_uncork_%s_multi_%s"):format(tostring(decode),
            tostring(uncork), tostring(multi))], log)
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

  -- twin: writev_error
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
    assert.are.same(node.writev_error, log)
  end)

  -- twin: writev_async_error
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
    assert.are.same(node.writev_async_error, log)
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

  -- twin: single_buffered
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
    assert.are.same(node.single_buffered, log)
  end)

  -- twin: behind_pending_write
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
    assert.are.same(node.behind_pending_write, log)
  end)

  -- twin: without_writev
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
    assert.are.same(node.without_writev, log)
  end)

  -- twin: no_decode_encodings
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
    assert.are.same(node.no_decode_encodings, log)
  end)
end)
