-- test-stream2-writable.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/stream2_writable.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/stream2_writable.js")

describe("test-stream2-writable", function()
  local chunks = {}
  for i = 0, 49 do chunks[#chunks + 1] = ("x"):rep(i) end

  -- TestWriter: a deterministic stand-in for Node's random 0-9 ms latency.
  local TestWriter = Writable:extend()
  function TestWriter:initialize()
    self.buf = {}
    self.n = 0
  end
  function TestWriter:_write(chunk, enc, cb)
    local d = (self.n * 7) % 10
    self.n = self.n + 1
    helper.setTimeout(function()
      local buf = self.buf
      buf[#buf + 1] = chunk
      cb()
    end, d)
  end

  -- twin: fast
  it("fast writing: chunks arrive in order", function()
    local log = {}
    local tw = TestWriter.new({ highWaterMark = 100 })
    tw:on("finish", function() helper.put(log, "finish") end)
    for _, c in ipairs(chunks) do tw:write(c) end
    tw:finish()
    helper.settle(5000)
    assert.are.same(node.fast, log)
    assert.are.same(chunks, tw.buf)
  end)

  -- twin: slow
  it("slow writing: chunks arrive in order", function()
    local log = {}
    local tw = TestWriter.new({ highWaterMark = 100 })
    tw:on("finish", function() helper.put(log, "finish") end)
    local i = 0
    local function W()
      i = i + 1
      tw:write(chunks[i])
      if i < #chunks then helper.setTimeout(W, 10) else tw:finish() end
    end
    W()
    helper.settle(5000)
    assert.are.same(node.slow, log)
    assert.are.same(chunks, tw.buf)
  end)

  -- twin: backpressure
  it("write backpressure: 17 drains at highWaterMark 50", function()
    local log = {}
    local tw = TestWriter.new({ highWaterMark = 50 })
    local drains = 0
    tw:on("finish", function() helper.put(log, "finish drains=" .. drains) end)
    tw:on("drain", function() drains = drains + 1 end)
    local i = 0
    local function W()
      local ret
      repeat
        i = i + 1
        ret = tw:write(chunks[i])
      until ret == false or i >= #chunks
      if i < #chunks then
        if tw.writableLength < 50 then helper.put(log, "BAD len=" .. tw.writableLength) end
        tw:once("drain", W)
      else
        tw:finish()
      end
    end
    W()
    helper.settle(5000)
    assert.are.same(node.backpressure, log)
    assert.are.same(chunks, tw.buf)
  end)

  -- Node writes chunk.toString(enc), enc; here each chunk is spelled in the
  -- notation of its encoding (hex, base64) or as text, as Node's strings are.
  local encs = { "hex", "utf8", "utf-8", "ascii", "latin1", "binary", "base64", "ucs2",
                 "ucs-2", "utf16le", "utf-16le", false, "hex" }
  local function spelled(i)
    local c, enc = chunks[i], encs[i]
    if enc == "hex" then return (c:gsub(".", function(ch) return ("%02x"):format(ch:byte()) end)) end
    if enc == "base64" then return ({ [7] = "eHh4eHh4" })[i] end
    return c
  end

  -- twin: buffersize
  it("write buffersize: every encoding decodes to bytes", function()
    local log = {}
    local tw = TestWriter.new({ highWaterMark = 100 })
    tw._write = function(self, c, e, cb)
      helper.put(log, e .. ":" .. helper.hex(c))
      cb()
    end
    tw:on("finish", function() helper.put(log, "finish") end)
    for i = 1, #encs do tw:write(spelled(i), encs[i] or nil) end
    tw:finish()
    helper.settle()
    assert.are.same(node.buffersize, log)
  end)

  -- twin: no_buffersize
  it("write with no buffersize (decodeStrings = false): strings and encodings as given", function()
    local log = {}
    local tw = TestWriter.new({ highWaterMark = 100, decodeStrings = false })
    tw._write = function(self, c, e, cb)
      helper.put(log, type(c) .. ":" .. e .. ":" .. c)
      cb()
    end
    tw:on("finish", function() helper.put(log, "finish") end)
    for i = 1, #encs do tw:write(spelled(i), encs[i] or nil) end
    tw:finish()
    helper.settle()
    assert.are.same(node.no_buffersize, log)
  end)

  it("write callbacks: all called, in order, before 'finish'", function()
    local called, at = {}, nil
    local tw = TestWriter.new({ highWaterMark = 100 })
    tw:on("finish", function() at = #called end)
    for _, c in ipairs(chunks) do
      tw:write(c, function() called[#called + 1] = c end)
    end
    tw:finish()
    helper.settle(5000)
    assert.are.equal(#chunks, at)
    assert.are.same(chunks, called)
    assert.are.same(chunks, tw.buf)
  end)

  -- twin: end_cb
  it("finish(cb)", function()
    local log = {}
    local tw = TestWriter.new()
    tw:finish(function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same(node.end_cb, log)
  end)

  -- twin: end_chunk_cb
  it("finish(chunk, cb)", function()
    local log = {}
    local tw = TestWriter.new()
    tw:finish("hello world", function(e) helper.put(log, "endcb:" .. helper.errtext(e) .. " buf=" .. table.concat(tw.buf, ",")) end)
    helper.settle()
    assert.are.same(node.end_chunk_cb, log)
  end)

  -- twin: end_chunk_encoding_cb
  it("finish(chunk, encoding, cb)", function()
    local log = {}
    local tw = TestWriter.new()
    tw:finish("hello world", "ascii", function(e) helper.put(log, "endcb:" .. helper.errtext(e) .. " buf=" .. table.concat(tw.buf, ",")) end)
    helper.settle()
    assert.are.same(node.end_chunk_encoding_cb, log)
  end)

  -- twin: end_cb_after_write
  it("finish(cb) after write()", function()
    local log = {}
    local tw = TestWriter.new()
    tw:write("hello world")
    tw:finish(function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same(node.end_cb_after_write, log)
  end)

  -- twin: end_cb_after_write_cb
  it("finish(cb) after write(chunk, cb): write callback first", function()
    local log = {}
    local tw = TestWriter.new()
    tw:write("hello world", function() helper.put(log, "writecb") end)
    tw:finish(function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    helper.settle()
    assert.are.same(node.end_cb_after_write_cb, log)
  end)

  -- twin: cannot_pipe
  it("writables cannot be piped: ERR_STREAM_CANNOT_PIPE", function()
    local log = {}
    local w = Writable.new()
    w._write = function() helper.put(log, "WRITE!") end
    helper.on(w, log, "error", "close")
    w:pipe(Writable.new())
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.cannot_pipe, log)
  end)

  -- twin: end_twice
  it("finish(chunk) twice is 'write after end'", function()
    local log, msg = {}, nil
    local w = Writable.new()
    w._write = function(self, m) helper.put(log, "write:" .. m) end
    w:on("error", function(er)
      msg = er.message
      helper.put(log, "error:" .. helper.errtext(er))
    end)
    helper.on(w, log, "close")
    w:finish("this is the end")
    w:finish("and so is this")
    stream.nextTick(function() helper.put(log, "tick") end)
    helper.settle()
    assert.are.same(node.end_twice, log)
    assert.are.equal("write after end", msg)
  end)

  -- twin: no_finish_while_writing
  it("the stream does not finish while writing", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, "write")
      helper.setTimeout(function()
        helper.put(log, "done")
        cb()
      end, 1)
    end
    w:on("finish", function() helper.put(log, "finish") end)
    w:write("")
    w:finish()
    helper.settle()
    assert.are.same(node.no_finish_while_writing, log)
  end)

  -- twin: finish_after_write_cb
  it("'finish' does not come before the write callback", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.setTimeout(function()
        helper.put(log, "writecb")
        cb()
      end, 10)
    end
    w:on("finish", function() helper.put(log, "finish") end)
    w:write("")
    w:finish()
    helper.settle()
    assert.are.same(node.finish_after_write_cb, log)
  end)

  -- twin: finish_after_sync_write_cb
  it("'finish' does not come before a synchronous _write's callback", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb) cb() end
    w:on("finish", function() helper.put(log, "finish") end)
    w:write("", function() helper.put(log, "writecb") end)
    w:finish()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.finish_after_sync_write_cb, log)
  end)

  -- twin: finish_last_chunk_empty
  it("'finish' is emitted when the last chunk is empty", function()
    local log = {}
    local w = Writable.new()
    w._write = function(self, c, e, cb)
      helper.put(log, "write:" .. #c)
      helper.nextTick(cb)
    end
    w:on("finish", function() helper.put(log, "finish") end)
    w:write("x")
    w:finish("")
    helper.settle()
    assert.are.same(node.finish_last_chunk_empty, log)
  end)

  -- twin: finish_after_final
  it("'finish' comes after _final's shutdown", function()
    local log = {}
    local w = Writable.new()
    w._final = function(self, cb)
      helper.put(log, "final self=" .. tostring(self == w))
      helper.setTimeout(function()
        helper.put(log, "shutdown")
        cb()
      end, 100)
    end
    w._write = function(self, c, e, cb) helper.nextTick(cb) end
    w:on("finish", function() helper.put(log, "finish") end)
    w:write("x")
    w:finish("")
    helper.settle()
    assert.are.same(node.finish_after_final, log)
  end)

  -- twin: empty_string
  it("an empty string is a zero-length chunk", function()
    local log = {}
    local w
    w = Writable.new({ write = function(self, c, e, cb)
      helper.put(log, ("write:%q len=%d"):format(c, w.writableLength))
      cb()
    end })
    helper.put(log, "ret=" .. tostring(w:write("")))
    helper.put(log, "len=" .. w.writableLength)
    w:finish()
    helper.on(w, log, "finish")
    helper.settle()
    assert.are.same(node.empty_string, log)
  end)

  -- twin: hwm_zero
  it("highWaterMark 0: every pending write asks for 'drain'", function()
    local log = {}
    local w
    w = Writable.new({ highWaterMark = 0, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      helper.nextTick(cb)
    end })
    helper.on(w, log, "drain")
    helper.put(log, "ret=" .. tostring(w:write("a")))
    helper.put(log, "nd=" .. tostring(w.writableNeedDrain))
    helper.settle()
    assert.are.same(node.hwm_zero, log)
  end)

  -- twin: object_mode
  it("object mode counts chunks, not bytes; no 'drain' once ended", function()
    local log = {}
    local w
    w = Writable.new({ objectMode = true, highWaterMark = 2, write = function(self, c, e, cb)
      helper.put(log, "write:" .. (type(c) == "table" and "{x=" .. c.x .. "}" or c))
      helper.nextTick(cb)
    end })
    helper.on(w, log, "drain", "finish")
    helper.put(log, "ret=" .. tostring(w:write({ x = 1 })))
    helper.put(log, "len=" .. w.writableLength)
    helper.put(log, "ret=" .. tostring(w:write("str")))
    helper.put(log, "len=" .. w.writableLength)
    w:finish()
    helper.settle()
    assert.are.same(node.object_mode, log)
  end)
end)
