-- stream.zlib's Transform streams (Node's test-zlib-*.js).  Expected bytes,
-- event orders and error texts were taken from Node 20 running the same
-- scenarios; where cstream runs zlib synchronously and Node on its
-- threadpool the spec says so.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")
local twin = require("spec.twin")
local zlib = require("cstream.zlib")

local K = zlib.constants


local hello_gz = zlib.gzipSync("hello world")

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/zlib/zlib_stream_lifecycle.js.
local node = twin.run("test/twins/zlib/zlib_stream_lifecycle.js")

describe("zlib streams: sizes, reset, params, destroy", function()
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
      local compdata = helper.collect(comp)
      comp:on("end", function()
        results[#results + 1] = comp.bytesWritten == #expect
        local inputs = { compdata() }
        if m[3] then inputs[2] = compdata() .. "extra" end
        for _, input in ipairs(inputs) do
          local decomp = zlib[m[2]]()
          local out = helper.collect(decomp)
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
    local data = helper.bytes(1024 * 1024, 12, true)
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
  -- twin: output_cuts
  it("cuts output where Node does", function()
    local g = zlib.createGunzip()
    local rec = helper.record_sizes(g)
    g:write(hello_gz)
    g:finish(zlib.gzipSync(("b"):rep(40000)))
    helper.run()
    assert.are.same(node.output_cuts, rec)
  end)

  -- test-zlib-close-after-error.js; twin: close_after_error
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
    assert.are.same(node.close_after_error, twin.strings(seen))
  end)

  -- test-zlib-destroy.js; twin: destroy, destroy_error
  it("destroy() frees the handle and closes without 'error'", function()
    local g = zlib.createGzip()
    local rec = helper.record_sizes(g)
    g:write("abc")
    g:destroy()
    assert.is_nil(g._handle)
    helper.run()
    assert.are.same(node.destroy, rec)

    -- 'error' once, and it is the destroy() error: zlib's own comes in a
    -- later loop turn, after the stream is gone (as in Node)
    local d = zlib.createGunzip()
    rec = helper.record_sizes(d)
    d:write("something invalid")
    d:destroy(stream.errors.new("ERR_X", "asd"))
    helper.run()
    assert.are.same(node.destroy_error, rec)
  end)

  -- test-zlib-reset-before-write.js; twin: reset_before_write, params_before_write
  it("reset() and params() before the first write", function()
    local fns = {
      { "reset_before_write", function(z, cb) z:reset(); cb() end },
      { "params_before_write", function(z, cb) z:params(0, K.Z_DEFAULT_STRATEGY, cb) end },
    }
    for _, c in ipairs(fns) do
      local fn = c[2]
      local deflate, inflate = zlib.createDeflate(), zlib.createInflate()
      deflate:pipe(inflate)
      local rec = helper.record_sizes(inflate)
      local got = helper.collect(inflate)
      fn(deflate, function()
        fn(inflate, function()
          deflate:write("abc")
          deflate:finish()
        end)
      end)
      helper.run()
      assert.are.equal("abc", got())
      assert.are.same(node[c[1]], rec, c[1])
    end
  end)

  it("reset() drops what zlib held and starts a new stream", function()
    local d = zlib.createDeflate()
    local got = helper.collect(d)
    d:write("abc", function()
      d:reset()
      d:finish("def")
    end)
    helper.run()
    -- the first header was out already; a whole new stream follows it
    assert.are.equal("789c" .. helper.hex(zlib.deflateSync("def")), helper.hex(got()))
  end)

  -- zlib.gzip(buf, cb) and friends: the stream behind the sync helpers' twins
  -- twin: one_shot
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
    assert.are.same(node.one_shot, res)
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
