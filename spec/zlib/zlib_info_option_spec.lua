-- The `info` option of stream.zlib's one-shot helpers: Node's zlibBufferSync
-- and zlibBuffer answer { buffer, engine } instead of the bytes, the engine
-- being the stream of that mode that did the work (sync: its handle closed,
-- the stream left open; with a callback: closed and destroyed).
-- Twin: test/twins/zlib/zlib_info.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local zlib = require("cstream.zlib")

local node = twin.run("test/twins/zlib/zlib_info.js")

local CLASSES = { "Deflate", "Inflate", "Gzip", "Gunzip", "DeflateRaw", "InflateRaw", "Unzip" }

-- What the twin prints of a result: its keys, then extra(r), then the engine's
-- class, bytesWritten, destroyed and writable.
local function describe_result(r, extra, err)
  local log = {}
  if err ~= false then log[#log + 1] = err == nil and "null" or tostring(err) end
  if type(r) == "string" then
    log[#log + 1] = "buffer"
    return log
  end
  local keys = {}
  for k in pairs(r) do keys[#keys + 1] = k end
  table.sort(keys)
  log[#log + 1] = table.concat(keys, ",")
  log[#log + 1] = extra(r.buffer)
  local class = "?"
  for _, name in ipairs(CLASSES) do
    -- the most derived class: Unzip is no subclass of the others
    if zlib[name]:isInstance(r.engine) then class = name end
  end
  log[#log + 1] = class
  log[#log + 1] = tostring(r.engine.bytesWritten)
  log[#log + 1] = tostring(r.engine.destroyed)
  log[#log + 1] = tostring(r.engine.writable)
  return log
end

describe("zlib one-shot helpers with info = true", function()
  -- twin: sync_deflate
  it("deflateSync gives the bytes and an open engine that took the input", function()
    local r = zlib.deflateSync("abcabc", { info = true })
    assert.are.same(node.sync_deflate, describe_result(r, helper.hex, false))
  end)

  -- twin: sync_gunzip_padded
  it("gunzipSync's engine counts only the input zlib took", function()
    local padded = zlib.gzipSync("abc") .. ("\0"):rep(5)
    local r = zlib.gunzipSync(padded, { info = true })
    assert.are.same(node.sync_gunzip_padded,
                    describe_result(r, function(b) return b end, false))
  end)

  -- twin: sync_no_info
  it("without info (false, or absent) the result is the bytes", function()
    local log = {
      describe_result(zlib.deflateSync("abc", { info = false }), nil, false)[1],
      describe_result(zlib.deflateSync("abc", {}), nil, false)[1],
    }
    assert.are.same(node.sync_no_info, log)
  end)

  -- twin: async_gzip, async_inflate
  it("the callback forms give the result with their closed engine", function()
    local logs = {}
    zlib.gzip("abc", { info = true }, function(err, r)
      logs.gzip = describe_result(r, function(b) return tostring(#b) end, err)
      zlib.inflate(zlib.deflateSync("hello"), { info = true }, function(err2, r2)
        logs.inflate = describe_result(r2, function(b) return b end, err2)
      end)
    end)
    helper.settle()
    assert.are.same(node.async_gzip, logs.gzip)
    assert.are.same(node.async_inflate, logs.inflate)
  end)
end)
