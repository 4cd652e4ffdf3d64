-- stream.zlib against the gzip binary: what either side wrote, the other
-- reads.
local stream = require("cstream")
local helper = require("spec.helper")
local zlib = require("cstream.zlib")

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

describe("zlib interop with the gzip binary", function()
  -- test-zlib-from-gzip.js
  it("gunzips what `gzip -c` wrote, members concatenated included", function()
    local a, b = helper.bytes(70000, 5, true), helper.bytes(1000, 6)
    local pa, pb = tmpfile(a), tmpfile(b)
    local gz = sh("gzip -c < " .. pa) .. sh("gzip -9 -c < " .. pb)
    os.remove(pa)
    os.remove(pb)
    assert.are.equal(a .. b, zlib.gunzipSync(gz))
    local g = zlib.createGunzip()
    local got = helper.collect(g)
    local rec = helper.record_sizes(g)
    for i = 1, #gz, 1000 do g:write(gz:sub(i, i + 999)) end
    g:finish()
    helper.run()
    assert.are.equal(a .. b, got())
    assert.are.same({ "finish", "end", "close" },
      { rec[#rec - 2], rec[#rec - 1], rec[#rec] })
  end)

  it("`gzip -dc` reads what createGzip wrote", function()
    local data = helper.bytes(100000, 8, true)
    local g = zlib.createGzip({ level = 6 })
    local got = helper.collect(g)
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
    local data = helper.bytes(300000, 10, true)
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
