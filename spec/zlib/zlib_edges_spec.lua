-- zlib streams' edges: reset() on a closed stream is Node's failed assert
-- (ERR_INTERNAL_ASSERTION "zlib binding closed"; Node's message goes on with
-- lines that blame Node.js, left out), and a one-shot helper called without
-- its callback names it undefined. Twin: test/twins/zlib/zlib_edges.js.
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
end)
