-- zlib streams' edges: reset() on a closed stream is Node's failed assert
-- (ERR_INTERNAL_ASSERTION "zlib binding closed"; Node's message goes on with
-- lines that blame Node.js, left out), and a one-shot helper called without
-- its callback names it undefined; maxOutputLength's bound is Node 20's
-- buffer.kMaxLength (2^32). Twin: test/twins/zlib/zlib_edges.js.
local twin = require("spec.twin")
local zlib = require("cstream.zlib")

local node = twin.run("test/twins/zlib/zlib_edges.js")

describe("zlib edges", function()
  -- twin: reset_closed
  it("reset() after close() raises ERR_INTERNAL_ASSERTION", function()
    local g = zlib.createGzip()
    g:close()
    local ok, e = pcall(g.reset, g)
    assert.is_false(ok)
    assert.are.same(node.reset_closed, { e.code, e.message })
  end)

  -- twin: no_callback, no_callback_opts
  it("gzip() without a callback: ERR_INVALID_ARG_TYPE, received undefined", function()
    local ok, e = pcall(zlib.gzip, "x")
    assert.is_false(ok)
    assert.are.same(node.no_callback, { e.code, e.message })
    ok, e = pcall(zlib.gzip, "x", {})
    assert.is_false(ok)
    assert.are.same(node.no_callback_opts, { e.code, e.message })
  end)

  -- twin: max_output_range
  it("maxOutputLength: at most 2^32, Node 20's kMaxLength", function()
    local log = {}
    for _, v in ipairs({ 2 ^ 32, 2 ^ 32 + 1, 0 }) do
      local ok, e = pcall(zlib.createGunzip, { maxOutputLength = v })
      if ok then log[#log + 1] = "ok"; e:destroy() else
        log[#log + 1] = e.code; log[#log + 1] = e.message
      end
    end
    assert.are.same(node.max_output_range, log)
  end)
end)
