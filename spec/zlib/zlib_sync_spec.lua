-- stream.zlib's synchronous helpers, constants and crc32 (Node's
-- test-zlib-*.js). Expected bytes and error texts were taken from Node 20
-- running the same scenarios; the error tables and constants come from the
-- JS twin test/twins/zlib/zlib_sync.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local zlib = require("cstream.zlib")

local K = zlib.constants

local hello_gz = zlib.gzipSync("hello world")

local node = twin.run("test/twins/zlib/zlib_sync.js")

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
    local data = helper.bytes(50000, 3, true) .. helper.bytes(3000, 4)
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
  -- twin: gunzip_garbage, inflate_garbage, inflate_raw_garbage, inflate_raw_stored_lengths,
  -- truncated_1 ... truncated_4, gunzip_empty
  it("raises Node's error tables for corrupt and truncated input", function()
    local function err(f, input, opts)
      local ok, e = pcall(f, input, opts)
      assert.is_false(ok)
      return { e.code, e.errno, e.message, tostring(e) }
    end
    assert.are.same(node.gunzip_garbage, twin.strings(err(zlib.gunzipSync, "garbage data here")))
    assert.are.same(node.inflate_garbage, twin.strings(err(zlib.inflateSync, "garbage data here")))
    assert.are.same(node.inflate_raw_garbage, twin.strings(err(zlib.inflateRawSync, "garbage data here")))
    assert.are.same(node.inflate_raw_stored_lengths, twin.strings(err(zlib.inflateRawSync, "\0\5\0\0\0")))
    assert.are.same("incorrect header check", err(zlib.gunzipSync, hello_gz .. "xyz")[3])
    local bad_crc = hello_gz:sub(1, -9) .. "\0\0\0\0" .. hello_gz:sub(-4)
    assert.are.same("incorrect data check", err(zlib.gunzipSync, bad_crc)[3])

    local text = helper.bytes(600, 9, true)
    for i, p in ipairs({ { zlib.gzipSync, zlib.gunzipSync }, { zlib.gzipSync, zlib.unzipSync },
                         { zlib.deflateSync, zlib.inflateSync },
                         { zlib.deflateRawSync, zlib.inflateRawSync } }) do
      local z = p[1](text)
      local truncated = z:sub(1, math.floor(#z / 2))
      assert.are.same(node["truncated_" .. i], twin.strings(err(p[2], truncated)))
      -- a non-finishing finishFlush returns what there is
      local part = p[2](truncated, { finishFlush = K.Z_SYNC_FLUSH })
      assert.is_true(#part > 0 and #part < #text)
      assert.are.equal(text:sub(1, #part), part)
    end
    assert.are.same(node.gunzip_empty, twin.strings(err(zlib.gunzipSync, "")))
  end)

  -- test-zlib-dictionary.js, test-zlib-dictionary-fail.js
  -- twin: dict_missing, dict_wrong
  it("uses a preset dictionary and reports a missing or wrong one", function()
    local dict = "hello world and the rest of the dictionary"
    local z = zlib.deflateSync("hello world, hello world", { dictionary = dict })
    assert.are.equal("hello world, hello world", zlib.inflateSync(z, { dictionary = dict }))
    local ok, e = pcall(zlib.inflateSync, z)
    assert.is_false(ok)
    assert.are.same(node.dict_missing, twin.strings({ e.code, e.errno, e.message }))
    ok, e = pcall(zlib.inflateSync, z, { dictionary = "another dictionary" })
    assert.are.same(node.dict_wrong, twin.strings({ e.code, e.errno, e.message }))
    local r = zlib.deflateRawSync("hello world", { dictionary = dict })
    assert.are.equal("hello world", zlib.inflateRawSync(r, { dictionary = dict }))
  end)

  -- test-zlib-maxOutputLength.js
  -- twin: max_output_length
  it("maxOutputLength raises ERR_BUFFER_TOO_LARGE", function()
    local z = zlib.gzipSync(("x"):rep(1000))
    local ok, e = pcall(zlib.gunzipSync, z, { maxOutputLength = 64 })
    assert.is_false(ok)
    assert.are.same(node.max_output_length, { e.code, e.message })
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

  -- twin: flush_constants, mode_constants
  it("exposes Node's constants and codes", function()
    assert.are.same(node.flush_constants, twin.strings({ K.Z_NO_FLUSH, K.Z_PARTIAL_FLUSH,
                                           K.Z_SYNC_FLUSH, K.Z_FULL_FLUSH, K.Z_FINISH, K.Z_BLOCK }))
    assert.are.same(node.mode_constants, twin.strings({ K.DEFLATE, K.INFLATE, K.GZIP, K.GUNZIP,
                                              K.DEFLATERAW, K.INFLATERAW, K.UNZIP }))
    assert.are.equal(16384, K.Z_DEFAULT_CHUNK)
    assert.are.equal(-3, zlib.codes.Z_DATA_ERROR)
    assert.are.equal("Z_BUF_ERROR", zlib.codes[-5])
  end)
end)
