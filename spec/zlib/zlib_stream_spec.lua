-- stream.zlib's Transform streams (Node's test-zlib-*.js).  Expected bytes,
-- event orders and error texts were taken from Node 20 running the same
-- scenarios; where cstream runs zlib synchronously and Node on its
-- threadpool the spec says so.
local stream = require("cstream")
local helper = require("spec.helper")
local twin = require("spec.twin")
local zlib = require("cstream.zlib")

local K = zlib.constants


local hello_gz = zlib.gzipSync("hello world")

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/zlib/zlib_stream.js.
local node = twin.run("test/twins/zlib/zlib_stream.js")

describe("zlib streams", function()
  -- test-zlib-invalid-input.js: no crash, one 'error' with zlib's code
  it("emits Z_DATA_ERROR for garbage, then 'close'", function()
    -- twin: garbage_gunzip, garbage_inflate, garbage_unzip, garbage_inflate_raw
    for _, c in ipairs({ { "gunzip", zlib.createGunzip }, { "inflate", zlib.createInflate },
                         { "unzip", zlib.createUnzip }, { "inflate_raw", zlib.createInflateRaw } }) do
      local g = c[2]()
      local rec = helper.record_sizes(g)
      g:finish("garbage data here")
      helper.run()
      assert.are.same(node["garbage_" .. c[1]], rec, c[1])
    end
  end)

  -- test-zlib-truncated.js (streams)
  -- twin: truncated
  it("truncated input: the data, 'finish', then Z_BUF_ERROR 'unexpected end of file'", function()
    local g = zlib.createGunzip()
    local rec = helper.record_sizes(g)
    g:finish(hello_gz:sub(1, -6))
    helper.run()
    assert.are.same(node.truncated, rec)
  end)

  -- twin: garbage_after_member, zero_padding_after_member
  it("garbage after a member is an error; zero padding is not", function()
    local g = zlib.createGunzip()
    local rec = helper.record_sizes(g)
    g:write(hello_gz)
    g:finish("xyz garbage")
    helper.run()
    assert.are.same(node.garbage_after_member, rec)

    g = zlib.createGunzip()
    rec = helper.record_sizes(g)
    g:finish(hello_gz .. ("\0"):rep(10))
    helper.run()
    assert.are.same(node.zero_padding_after_member, rec)
  end)

  -- test-zlib-from-concatenated-gzip.js: a member boundary anywhere in a write
  it("gunzips a second member split at any offset", function()
    local abc, def = zlib.gzipSync("abc"), zlib.gzipSync("def")
    for _, offset in ipairs({ 0, 1, 2, 3, 4, #def }) do
      local g = zlib.createGunzip()
      local got = helper.collect(g)
      local rec = helper.record_sizes(g)
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
    local got = helper.collect(u)
    for i = 1, #data do u:write(data:sub(i, i)) end
    u:finish()
    helper.run()
    assert.are.equal("abcdef", got())
  end)

  -- Node: the inflater pushes null when zlib wants no more input; the rest is ignored.
  -- twin: inflate_extra_input
  it("inflate ends at the end of the zlib stream, ignoring extra input", function()
    local z = zlib.createInflate()
    local rec = helper.record_sizes(z)
    z:write(zlib.deflateSync("x"))
    z:write("extra")
    z:finish()
    helper.run()
    assert.are.same(node.inflate_extra_input, rec)
  end)

  -- test-zlib-zero-byte.js; Node emits the gzip header (10 bytes) on the first
  -- write and the rest (10 bytes) when finishing, after 'finish'.
  -- twin: gzip_empty_write
  it("gzips an empty write into 20 bytes, 'finish' before the trailer", function()
    local g = zlib.createGzip()
    local got = helper.collect(g)
    local rec = helper.record_sizes(g)
    g:write("")
    g:finish()
    helper.run()
    assert.are.same(node.gzip_empty_write, rec)
    assert.are.equal("", zlib.gunzipSync(got()))
  end)

  -- test-zlib-flush.js
  it("flush(Z_NO_FLUSH) gives the header only; flush() a full flush", function()
    local chunk = helper.bytes(16, 1)
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

  -- twin: flush_between_writes
  it("flush() between writes: data, flush callback, data (Node's order)", function()
    local g = zlib.createGzip()
    local got = helper.collect(g)
    local rec = helper.record_sizes(g)
    g:write("abc")
    g:flush(function() rec[#rec + 1] = "flushcb" end)
    g:write("def")
    g:finish()
    helper.run()
    assert.are.same(node.flush_between_writes, rec)
    assert.are.equal("abcdef", zlib.gunzipSync(got()))
  end)

  -- An empty chunk the user wrote is not a flush marker: the flush lands
  -- after "a", where flush() was called, even with both writes buffered.
  it("a user's empty write is not taken for a flush", function()
    local d = zlib.createDeflateRaw({ level = 0 })
    local got = helper.collect(d)
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
    local chunk1, chunk2 = helper.bytes(12 * 1024, 7, true), helper.bytes(8000, 11)
    local d = zlib.createDeflate({ level = 9 })
    local got = helper.collect(d)
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
end)
