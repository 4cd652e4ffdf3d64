-- stream.zlib (Node's test-zlib-*.js).  Expected bytes, event orders and
-- error texts were taken from Node 20 running the same scenarios; where
-- cstream runs zlib synchronously and Node on its threadpool the spec says so.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")
local zlib = require("cstream.zlib")

local K = zlib.constants

-- Deterministic bytes; 'text' mode gives compressible data.
local function bytes(n, seed, text)
  local t, x = {}, seed or 1
  for i = 1, n do
    x = (x * 1103515245 + 12345) % 2147483648
    local b = (x >> 16) & 255
    if text then b = 97 + b % 8 end
    t[i] = string.char(b)
  end
  return table.concat(t)
end

local function record(s, rec)
  rec = rec or {}
  for _, name in ipairs({ "data", "end", "finish", "close", "error" }) do
    s:on(name, function(a)
      if name == "data" then
        rec[#rec + 1] = "data:" .. #a
      elseif name == "error" then
        rec[#rec + 1] = ("error:%s:%s:%s"):format(tostring(a.code),
          tostring(a.errno), tostring(a.message))
      else
        rec[#rec + 1] = name
      end
    end)
  end
  return rec
end

local function collect(s)
  local parts = {}
  s:on("data", function(c) parts[#parts + 1] = c end)
  return function() return table.concat(parts) end
end

local function tmpfile(data)
  local path = os.tmpname()
  helper.writefile(path, data)
  return path
end

-- Runs a shell command and returns its stdout (binary safe).
local function sh(cmd)
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("a")
  local ok = p:close()
  assert(ok, "command failed: " .. cmd)
  return out
end

local hello_gz = zlib.gzipSync("hello world")

describe("zlib sync helpers", function()
  it("gzipSync matches Node byte for byte (gzipSync('abc'), deflateSync(''))", function()
    assert.are.equal("1f8b08000000000000034b4c4a0600c241243503000000",
                     helper.hex(zlib.gzipSync("abc")))
    assert.are.equal("1f8b080000000000000303000000000000000000", helper.hex(zlib.gzipSync("")))
    assert.are.equal("789c030000000001", helper.hex(zlib.deflateSync("")))
    assert.are.equal("0300", helper.hex(zlib.deflateRawSync("")))
    assert.are.equal("4b4c4a0600", helper.hex(zlib.deflateRawSync("abc", { windowBits = 8 })))
  end)

  it("round-trips every pair, every level and strategy", function()
    local data = bytes(50000, 3, true) .. bytes(3000, 4)
    local pairs_ = {
      { zlib.gzipSync, zlib.gunzipSync }, { zlib.deflateSync, zlib.inflateSync },
      { zlib.deflateRawSync, zlib.inflateRawSync }, { zlib.gzipSync, zlib.unzipSync },
      { zlib.deflateSync, zlib.unzipSync },
    }
    for _, p in ipairs(pairs_) do
      assert.are.equal(data, p[2](p[1](data)))
      assert.are.equal("", p[2](p[1]("")))
    end
    for level = -1, 9 do
      for strategy = 0, 4 do
        local z = zlib.deflateSync(data, { level = level, strategy = strategy,
                                           memLevel = 1 + level % 9, windowBits = 9 + level % 7 })
        assert.are.equal(data, zlib.inflateSync(z))
      end
    end
    -- level 0 stores: output larger than input; level 9 compresses the text
    assert.is_true(#zlib.deflateSync(data, { level = 0 }) > #data)
    assert.is_true(#zlib.deflateSync(data, { level = 9 }) < #data * 0.6)
  end)

  -- test-zlib-from-concatenated-gzip.js
  it("gunzips concatenated members; unzip of deflate stops after the first", function()
    local data = zlib.gzipSync("abc") .. zlib.gzipSync("def")
    assert.are.equal("abcdef", zlib.gunzipSync(data))
    assert.are.equal("abcdef", zlib.unzipSync(data))
    assert.are.equal("abc", zlib.unzipSync(zlib.deflateSync("abc") .. zlib.deflateSync("def")))
    assert.are.equal("abc", zlib.inflateSync(zlib.deflateSync("abc") .. "trailing"))
    assert.are.equal("hello world", zlib.gunzipSync(hello_gz .. ("\0"):rep(10)))
  end)

  -- test-zlib-truncated.js, test-zlib-invalid-input.js
  it("raises Node's error tables for corrupt and truncated input", function()
    local function err(f, input, opts)
      local ok, e = pcall(f, input, opts)
      assert.is_false(ok)
      return { e.code, e.errno, e.message, tostring(e) }
    end
    assert.are.same({ "Z_DATA_ERROR", -3, "incorrect header check",
                      "Error [Z_DATA_ERROR]: incorrect header check" },
                    err(zlib.gunzipSync, "garbage data here"))
    assert.are.same({ "Z_DATA_ERROR", -3, "incorrect header check",
                      "Error [Z_DATA_ERROR]: incorrect header check" },
                    err(zlib.inflateSync, "garbage data here"))
    assert.are.same({ "Z_DATA_ERROR", -3, "invalid block type",
                      "Error [Z_DATA_ERROR]: invalid block type" },
                    err(zlib.inflateRawSync, "garbage data here"))
    assert.are.same({ "Z_DATA_ERROR", -3, "invalid stored block lengths",
                      "Error [Z_DATA_ERROR]: invalid stored block lengths" },
                    err(zlib.inflateRawSync, "\0\5\0\0\0"))
    assert.are.same("incorrect header check", err(zlib.gunzipSync, hello_gz .. "xyz")[3])
    local bad_crc = hello_gz:sub(1, -9) .. "\0\0\0\0" .. hello_gz:sub(-4)
    assert.are.same("incorrect data check", err(zlib.gunzipSync, bad_crc)[3])

    local text = bytes(600, 9, true)
    for _, p in ipairs({ { zlib.gzipSync, zlib.gunzipSync }, { zlib.gzipSync, zlib.unzipSync },
                         { zlib.deflateSync, zlib.inflateSync },
                         { zlib.deflateRawSync, zlib.inflateRawSync } }) do
      local z = p[1](text)
      local truncated = z:sub(1, #z // 2)
      assert.are.same({ "Z_BUF_ERROR", -5, "unexpected end of file",
                        "Error [Z_BUF_ERROR]: unexpected end of file" }, err(p[2], truncated))
      -- a non-finishing finishFlush returns what there is
      local part = p[2](truncated, { finishFlush = K.Z_SYNC_FLUSH })
      assert.is_true(#part > 0 and #part < #text)
      assert.are.equal(text:sub(1, #part), part)
    end
    assert.are.same({ "Z_BUF_ERROR", -5, "unexpected end of file",
                      "Error [Z_BUF_ERROR]: unexpected end of file" }, err(zlib.gunzipSync, ""))
  end)

  -- test-zlib-dictionary.js, test-zlib-dictionary-fail.js
  it("uses a preset dictionary and reports a missing or wrong one", function()
    local dict = "hello world and the rest of the dictionary"
    local z = zlib.deflateSync("hello world, hello world", { dictionary = dict })
    assert.are.equal("hello world, hello world", zlib.inflateSync(z, { dictionary = dict }))
    local ok, e = pcall(zlib.inflateSync, z)
    assert.is_false(ok)
    assert.are.same({ "Z_NEED_DICT", 2, "Missing dictionary" }, { e.code, e.errno, e.message })
    ok, e = pcall(zlib.inflateSync, z, { dictionary = "another dictionary" })
    assert.are.same({ "Z_NEED_DICT", 2, "Bad dictionary" }, { e.code, e.errno, e.message })
    local r = zlib.deflateRawSync("hello world", { dictionary = dict })
    assert.are.equal("hello world", zlib.inflateRawSync(r, { dictionary = dict }))
  end)

  -- test-zlib-maxOutputLength.js
  it("maxOutputLength raises ERR_BUFFER_TOO_LARGE", function()
    local z = zlib.gzipSync(("x"):rep(1000))
    local ok, e = pcall(zlib.gunzipSync, z, { maxOutputLength = 64 })
    assert.is_false(ok)
    assert.are.same({ "ERR_BUFFER_TOO_LARGE", "Cannot create a Buffer larger than 64 bytes" },
                    { e.code, e.message })
    assert.are.equal(1000, #zlib.gunzipSync(z, { maxOutputLength = 1000 }))
  end)

  -- test-zlib-deflate-constructors.js, test-zlib-not-string-or-buffer.js
  it("validates options as Node does", function()
    local function e(f, ...)
      local ok, err = pcall(f, ...)
      assert.is_false(ok)
      return err.code .. ": " .. err.message
    end
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.level" is out of range. ' ..
      'It must be >= -1 and <= 9. Received 10', e(zlib.createGzip, { level = 10 }))
    assert.are.equal('ERR_INVALID_ARG_TYPE: The "options.level" property must be of type ' ..
      "number. Received type string ('x')", e(zlib.createGzip, { level = "x" }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.level" is out of range. ' ..
      'It must be a finite number. Received Infinity', e(zlib.createGzip, { level = math.huge }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.windowBits" is out of range. ' ..
      'It must be >= 9 and <= 15. Received 8', e(zlib.createGzip, { windowBits = 8 }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.windowBits" is out of range. ' ..
      'It must be >= 8 and <= 15. Received 7', e(zlib.createDeflate, { windowBits = 7 }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.memLevel" is out of range. ' ..
      'It must be >= 1 and <= 9. Received 0', e(zlib.createGzip, { memLevel = 0 }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.strategy" is out of range. ' ..
      'It must be >= 0 and <= 4. Received 5', e(zlib.createGzip, { strategy = 5 }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.chunkSize" is out of range. ' ..
      'It must be >= 64. Received 10', e(zlib.createGzip, { chunkSize = 10 }))
    assert.are.equal('ERR_INVALID_ARG_TYPE: The "options.chunkSize" property must be of ' ..
      "type number. Received type string ('a')", e(zlib.createGzip, { chunkSize = "a" }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.flush" is out of range. ' ..
      'It must be >= 0 and <= 5. Received 6', e(zlib.createGzip, { flush = 6 }))
    assert.are.equal('ERR_OUT_OF_RANGE: The value of "options.finishFlush" is out of range. ' ..
      'It must be >= 0 and <= 5. Received -1', e(zlib.createGzip, { finishFlush = -1 }))
    assert.are.equal('ERR_INVALID_ARG_TYPE: The "buffer" argument must be of type string. ' ..
      'Received type number (5)', e(zlib.gzipSync, 5))
    -- NaN means the default, as in Node
    assert.are.equal("abc", zlib.gunzipSync(zlib.gzipSync("abc", { level = 0 / 0 })))
  end)

  -- test-zlib-crc32.js
  it("crc32 matches Node", function()
    assert.are.equal(907060870, zlib.crc32("hello"))
    assert.are.equal(0, zlib.crc32(""))
    assert.are.equal(zlib.crc32("hello world"), zlib.crc32(" world", zlib.crc32("hello")))
    assert.are.equal(1368401385, zlib.crc32("The quick brown fox jumps over the lazy dog."))
  end)

  it("exposes Node's constants and codes", function()
    assert.are.same({ 0, 1, 2, 3, 4, 5 }, { K.Z_NO_FLUSH, K.Z_PARTIAL_FLUSH, K.Z_SYNC_FLUSH,
                                           K.Z_FULL_FLUSH, K.Z_FINISH, K.Z_BLOCK })
    assert.are.same({ 1, 2, 3, 4, 5, 6, 7 }, { K.DEFLATE, K.INFLATE, K.GZIP, K.GUNZIP,
                                              K.DEFLATERAW, K.INFLATERAW, K.UNZIP })
    assert.are.equal(16384, K.Z_DEFAULT_CHUNK)
    assert.are.equal(-3, zlib.codes.Z_DATA_ERROR)
    assert.are.equal("Z_BUF_ERROR", zlib.codes[-5])
  end)
end)

describe("zlib interop with the gzip binary", function()
  -- test-zlib-from-gzip.js
  it("gunzips what `gzip -c` wrote, members concatenated included", function()
    local a, b = bytes(70000, 5, true), bytes(1000, 6)
    local pa, pb = tmpfile(a), tmpfile(b)
    local gz = sh("gzip -c < " .. pa) .. sh("gzip -9 -c < " .. pb)
    os.remove(pa)
    os.remove(pb)
    assert.are.equal(a .. b, zlib.gunzipSync(gz))
    local g = zlib.createGunzip()
    local got = collect(g)
    local rec = record(g)
    for i = 1, #gz, 1000 do g:write(gz:sub(i, i + 999)) end
    g:finish()
    helper.run()
    assert.are.equal(a .. b, got())
    assert.are.same({ "finish", "end", "close" },
      { rec[#rec - 2], rec[#rec - 1], rec[#rec] })
  end)

  it("`gzip -dc` reads what createGzip wrote", function()
    local data = bytes(100000, 8, true)
    local g = zlib.createGzip({ level = 6 })
    local got = collect(g)
    for i = 1, #data, 4096 do g:write(data:sub(i, i + 4095)) end
    g:finish()
    helper.run()
    local path = tmpfile(got())
    local back = sh("gzip -dc < " .. path)
    os.remove(path)
    assert.are.equal(data, back)
    local p2 = tmpfile(zlib.gzipSync(""))
    assert.are.equal("", sh("gzip -dc < " .. p2))
    os.remove(p2)
  end)

  it("pipes a file through gzip and back with fs streams", function()
    local data = bytes(300000, 10, true)
    local src, mid, dst = tmpfile(data), os.tmpname(), os.tmpname()
    local errs = {}
    stream.pipeline(stream.fs.createReadStream(src), zlib.createGzip(),
      stream.fs.createWriteStream(mid), function(err)
        errs[#errs + 1] = err or "ok"
        stream.pipeline(stream.fs.createReadStream(mid), zlib.createGunzip(),
          stream.fs.createWriteStream(dst), function(err2)
            errs[#errs + 1] = err2 or "ok"
          end)
      end)
    helper.run(5000)
    assert.are.same({ "ok", "ok" }, errs)
    assert.are.equal(data, sh("gzip -dc < " .. mid))
    assert.are.equal(data, helper.readfile(dst))
    os.remove(src)
    os.remove(mid)
    os.remove(dst)
  end)
end)

describe("zlib streams", function()
  -- test-zlib-invalid-input.js: no crash, one 'error' with zlib's code
  it("emits Z_DATA_ERROR for garbage, then 'close'", function()
    for _, create in ipairs({ zlib.createGunzip, zlib.createInflate, zlib.createUnzip }) do
      local g = create()
      local rec = record(g)
      g:finish("garbage data here")
      helper.run()
      assert.are.same({ "error:Z_DATA_ERROR:-3:incorrect header check", "close" }, rec)
    end
    local r = zlib.createInflateRaw()
    local rec = record(r)
    r:finish("garbage data here")
    helper.run()
    assert.are.same({ "error:Z_DATA_ERROR:-3:invalid block type", "close" }, rec)
  end)

  -- test-zlib-truncated.js (streams)
  it("truncated input: the data, 'finish', then Z_BUF_ERROR 'unexpected end of file'", function()
    local g = zlib.createGunzip()
    local rec = record(g)
    g:finish(hello_gz:sub(1, -6))
    helper.run()
    assert.are.same({ "data:11", "finish",
                      "error:Z_BUF_ERROR:-5:unexpected end of file", "close" }, rec)
  end)

  it("garbage after a member is an error; zero padding is not", function()
    local g = zlib.createGunzip()
    local rec = record(g)
    g:write(hello_gz)
    g:finish("xyz garbage")
    helper.run()
    assert.are.same({ "data:11", "error:Z_DATA_ERROR:-3:incorrect header check", "close" }, rec)

    g = zlib.createGunzip()
    rec = record(g)
    g:finish(hello_gz .. ("\0"):rep(10))
    helper.run()
    assert.are.same({ "data:11", "end", "finish", "close" }, rec)
  end)

  -- test-zlib-from-concatenated-gzip.js: a member boundary anywhere in a write
  it("gunzips a second member split at any offset", function()
    local abc, def = zlib.gzipSync("abc"), zlib.gzipSync("def")
    for _, offset in ipairs({ 0, 1, 2, 3, 4, #def }) do
      local g = zlib.createGunzip()
      local got = collect(g)
      local rec = record(g)
      g:write(abc .. def:sub(1, offset))
      g:finish(def:sub(offset + 1))
      helper.run()
      assert.are.equal("abcdef", got())
      assert.are.equal("close", rec[#rec])
    end
  end)

  -- test-zlib-unzip-one-byte-chunks.js
  it("unzips gzip data written one byte at a time", function()
    local data = zlib.gzipSync("abc") .. zlib.gzipSync("def")
    local u = zlib.createUnzip()
    local got = collect(u)
    for i = 1, #data do u:write(data:sub(i, i)) end
    u:finish()
    helper.run()
    assert.are.equal("abcdef", got())
  end)

  -- Node: the inflater pushes null when zlib wants no more input; the rest is ignored.
  it("inflate ends at the end of the zlib stream, ignoring extra input", function()
    local z = zlib.createInflate()
    local rec = record(z)
    z:write(zlib.deflateSync("x"))
    z:write("extra")
    z:finish()
    helper.run()
    assert.are.same({ "data:1", "end", "finish", "close" }, rec)
  end)

  -- test-zlib-zero-byte.js; Node emits the gzip header (10 bytes) on the first
  -- write and the rest (10 bytes) when finishing, after 'finish'.
  it("gzips an empty write into 20 bytes, 'finish' before the trailer", function()
    local g = zlib.createGzip()
    local got = collect(g)
    local rec = record(g)
    g:write("")
    g:finish()
    helper.run()
    assert.are.same({ "data:10", "finish", "data:10", "end", "close" }, rec)
    assert.are.equal("", zlib.gunzipSync(got()))
  end)

  -- test-zlib-flush.js
  it("flush(Z_NO_FLUSH) gives the header only; flush() a full flush", function()
    local chunk = bytes(16, 1)
    local d = zlib.createDeflate({ level = 0 })
    local none, full
    d:write(chunk, function()
      d:flush(K.Z_NO_FLUSH, function()
        none = d:read()
        d:flush(function()
          local bufs = {}
          while true do
            local b = d:read()
            if b == nil then break end
            bufs[#bufs + 1] = b
          end
          full = table.concat(bufs)
        end)
      end)
    end)
    helper.run()
    assert.are.equal("7801", none and helper.hex(none))
    assert.are.equal("001000efff" .. helper.hex(chunk) .. "000000ffff", full and helper.hex(full))
  end)

  it("flush() between writes: data, flush callback, data (Node's order)", function()
    local g = zlib.createGzip()
    local got = collect(g)
    local rec = record(g)
    g:write("abc")
    g:flush(function() rec[#rec + 1] = "flushcb" end)
    g:write("def")
    g:finish()
    helper.run()
    assert.are.same({ "data:10", "data:9", "flushcb", "data:13", "finish", "end", "close" }, rec)
    assert.are.equal("abcdef", zlib.gunzipSync(got()))
  end)

  -- An empty chunk the user wrote is not a flush marker: the flush lands
  -- after "a", where flush() was called, even with both writes buffered.
  it("a user's empty write is not taken for a flush", function()
    local d = zlib.createDeflateRaw({ level = 0 })
    local got = collect(d)
    d:cork()
    d:write("")
    d:write("a")
    d:flush(K.Z_SYNC_FLUSH)
    d:write("b")
    d:uncork()
    d:finish()
    helper.run()
    -- stored "a" ends with the sync flush's empty block; "b" follows
    assert.are.equal("000100feff61" .. "000000ffff" .. "010100feff62", helper.hex(got()))
  end)

  -- test-zlib-write-after-flush.js
  it("flush() before the first write, piped into unzip", function()
    local gz, unz = zlib.createGzip(), zlib.createUnzip()
    gz:pipe(unz)
    unz:setEncoding("utf8")
    local out = {}
    unz:on("data", function(c) out[#out + 1] = c end)
    gz:flush()
    gz:write("A line of data\n")
    gz:finish()
    helper.run()
    assert.are.equal("A line of data\n", table.concat(out))
  end)

  -- test-zlib-params.js: params() flushes, then the rest is stored
  it("params(0) switches to stored blocks after a sync flush", function()
    local chunk1, chunk2 = bytes(12 * 1024, 7, true), bytes(8000, 11)
    local d = zlib.createDeflate({ level = 9 })
    local got = collect(d)
    local done = false
    d:write(chunk1, function()
      d:params(0, K.Z_DEFAULT_STRATEGY, function()
        d:finish(chunk2, function() done = true end)
      end)
    end)
    helper.run()
    assert.is_true(done)
    local all = got()
    assert.are.equal(chunk1 .. chunk2, zlib.inflateSync(all))
    assert.is_truthy(all:find(chunk2, 1, true))        -- stored verbatim
    assert.is_falsy(all:find(chunk1:sub(1, 64), 1, true)) -- compressed
  end)

  -- test-zlib-bytes-read.js
  it("bytesWritten counts the input zlib consumed", function()
    local expect = ("abcdefghijklmnopqrstuvwxyz"):rep(2)
    local function writer(target, buffer, rec)
      local size = 0
      local function write()
        size = size + 1
        target:write(buffer:sub(size, size), function()
          if size < #buffer then target:flush(write) else target:finish() end
        end)
      end
      target:on("data", function() rec[#rec + 1] = target.bytesWritten == size end)
      write()
    end
    local results = {}
    for _, m in ipairs({ { "createGzip", "createGunzip", false },
                         { "createGzip", "createUnzip", false },
                         { "createDeflate", "createInflate", true },
                         { "createDeflateRaw", "createInflateRaw", true } }) do
      local okdata = {}
      local comp = zlib[m[1]]()
      local compdata = collect(comp)
      comp:on("end", function()
        results[#results + 1] = comp.bytesWritten == #expect
        local inputs = { compdata() }
        if m[3] then inputs[2] = compdata() .. "extra" end
        for _, input in ipairs(inputs) do
          local decomp = zlib[m[2]]()
          local out = collect(decomp)
          decomp:on("end", function()
            results[#results + 1] = decomp.bytesWritten == #compdata()
            results[#results + 1] = out() == expect
          end)
          writer(decomp, input, okdata)
        end
      end)
      writer(comp, expect, okdata)
      helper.run()
      for _, ok in ipairs(okdata) do assert.is_true(ok) end
    end
    assert.are.equal(4 + 2 * (1 + 1 + 2 + 2), #results)
    for _, ok in ipairs(results) do assert.is_true(ok) end
  end)

  -- Output comes in chunkSize pieces; highWaterMarks far below the output
  -- size on both sides still carry everything through.
  it("carries 1 MiB through small highWaterMarks in chunkSize pieces", function()
    local data = bytes(1024 * 1024, 12, true)
    local sizes, errs = {}, {}
    local gz = zlib.createGzip({ highWaterMark = 1024, chunkSize = 4096 })
    local gunz = zlib.createGunzip({ highWaterMark = 512, chunkSize = 1000 })
    local parts = {}
    local sink = stream.Writable.new({
      highWaterMark = 100,
      write = function(_, chunk, _, cb)
        parts[#parts + 1] = chunk
        sizes[#chunk] = true
        local t = uv.new_timer()  -- a slow consumer
        t:start(0, 0, function() t:close(); cb() end)
      end,
    })
    local chunks = {}
    for i = 1, #data, 65536 do chunks[#chunks + 1] = data:sub(i, i + 65535) end
    stream.pipeline(stream.Readable.from(chunks, { objectMode = false }), gz, gunz, sink,
      function(err) errs[#errs + 1] = err or "ok" end)
    helper.run(20000)
    assert.are.same({ "ok" }, errs)
    assert.are.equal(#data, #table.concat(parts))
    assert.is_true(table.concat(parts) == data)
    for n in pairs(sizes) do assert.is_true(n <= 1000) end
    assert.is_true(sizes[1000])
  end)

  -- Node: pieces of 16384 (Z_DEFAULT_CHUNK); the output buffer's offset
  -- carries over between writes (11, then 16373).
  it("cuts output where Node does", function()
    local g = zlib.createGunzip()
    local rec = record(g)
    g:write(hello_gz)
    g:finish(zlib.gzipSync(("b"):rep(40000)))
    helper.run()
    assert.are.same({ "data:11", "data:16373", "data:16384", "data:7243", "finish", "end",
                      "close" }, rec)
  end)

  -- test-zlib-close-after-error.js
  it("is closed at 'error' and close() then does not throw", function()
    local d = zlib.createGunzip()
    local seen = {}
    d:on("error", function(err)
      seen[#seen + 1] = err.code
      seen[#seen + 1] = d._closed
      seen[#seen + 1] = pcall(d.close, d)
    end)
    seen[#seen + 1] = d._closed
    d:write("something invalid")
    helper.run()
    assert.are.same({ false, "Z_DATA_ERROR", true, true }, seen)
  end)

  -- test-zlib-destroy.js
  it("destroy() frees the handle and closes without 'error'", function()
    local g = zlib.createGzip()
    local rec = record(g)
    g:write("abc")
    g:destroy()
    assert.is_nil(g._handle)
    helper.run()
    assert.are.same({ "close" }, rec)

    -- 'error' once, and it is the destroy() error: zlib's own comes in a
    -- later loop turn, after the stream is gone (as in Node)
    local d = zlib.createGunzip()
    rec = record(d)
    d:write("something invalid")
    d:destroy(stream.errors.new("ERR_X", "asd"))
    helper.run()
    assert.are.same({ "error:ERR_X:nil:asd", "close" }, rec)
  end)

  -- test-zlib-reset-before-write.js
  it("reset() and params() before the first write", function()
    local fns = {
      function(z, cb) z:reset(); cb() end,
      function(z, cb) z:params(0, K.Z_DEFAULT_STRATEGY, cb) end,
    }
    for _, fn in ipairs(fns) do
      local deflate, inflate = zlib.createDeflate(), zlib.createInflate()
      deflate:pipe(inflate)
      local rec = record(inflate)
      local got = collect(inflate)
      fn(deflate, function()
        fn(inflate, function()
          deflate:write("abc")
          deflate:finish()
        end)
      end)
      helper.run()
      assert.are.equal("abc", got())
      assert.are.same({ "data:3", "finish", "end", "close" }, rec)
    end
  end)

  it("reset() drops what zlib held and starts a new stream", function()
    local d = zlib.createDeflate()
    local got = collect(d)
    d:write("abc", function()
      d:reset()
      d:finish("def")
    end)
    helper.run()
    -- the first header was out already; a whole new stream follows it
    assert.are.equal("789c" .. helper.hex(zlib.deflateSync("def")), helper.hex(got()))
  end)

  -- zlib.gzip(buf, cb) and friends: the stream behind the sync helpers' twins
  it("one-shot async helpers call back once with the result or the error", function()
    local res = {}
    zlib.gzip("hello", function(err, z)
      res[#res + 1] = err or zlib.gunzipSync(z)
      zlib.gunzip(z:sub(1, -3), function(err2)
        res[#res + 1] = err2 and err2.code
      end)
    end)
    zlib.unzip(zlib.deflateSync("x"), {}, function(err, s) res[#res + 1] = err or s end)
    zlib.inflate(zlib.deflateSync(("y"):rep(100)), { maxOutputLength = 10 }, function(err)
      res[#res + 1] = err and err.code
    end)
    helper.run()
    table.sort(res)
    assert.are.same({ "ERR_BUFFER_TOO_LARGE", "Z_BUF_ERROR", "hello", "x" }, res)
  end)

  it("classes are Transforms; isInstance works", function()
    local g = zlib.createGzip()
    assert.is_true(zlib.Gzip:isInstance(g))
    assert.is_true(zlib.Zlib:isInstance(g))
    assert.is_true(stream.Transform:isInstance(g))
    assert.is_false(zlib.Gunzip:isInstance(g))
    g:destroy()
    helper.run()
  end)
end)
