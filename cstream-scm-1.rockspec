rockspec_format = "3.0"
package = "cstream"
version = "scm-1"

source = {
  url = "git+https://github.com/cstream/cstream.git",
  branch = "main",
}

description = {
  summary = "Node.js 20 streams for Lua 5.4, with a C core, on luv's event loop",
  detailed = [[
Readable, Writable, Duplex, Transform and PassThrough with Node's semantics
(buffering, backpressure, events, errors), pipeline/finished/compose, and
file, handle, process and zlib streams over luv.
]],
  homepage = "https://github.com/cstream/cstream",
  license = "MIT",
  labels = { "streams", "async", "luv", "libuv", "nodejs", "zlib" },
}

dependencies = {
  "lua >= 5.4",
  "luv",
}

-- `luarocks --lua-version=5.4 test` runs the busted specs on the in-tree
-- module (.busted gives the paths): build ./cstream.so with `make` first.
-- `make rock-test` does both, offline with the system's busted.
test_dependencies = {
  "busted",
}

test = {
  type = "busted",
}

external_dependencies = {
  ZLIB = { header = "zlib.h", library = "z" },
}

-- The two lists below name every file one by one: `make update-rockspec`
-- rewrites them from the tree and `make check-rockspec` (part of `make test`)
-- fails when they differ from it.
build = {
  type = "builtin",
  modules = {
    ["cstream.core"] = {
      sources = {
        -- begin sources: src/*.c except test and fuzz harnesses
        "src/cs_buf.c",
        "src/cs_decode.c",
        "src/cs_destroy.c",
        "src/cs_lines.c",
        "src/cs_props.c",
        "src/cs_readable.c",
        "src/cs_transform.c",
        "src/cs_writable.c",
        "src/cs_zlib.c",
        "src/lcs_callback.c",
        "src/lcs_host.c",
        "src/lcs_lines.c",
        "src/lcs_methods.c",
        "src/lcs_module.c",
        "src/lcs_new.c",
        "src/lcs_pipe.c",
        "src/lcs_props.c",
        "src/lcs_tick.c",
        "src/lcs_ud.c",
        "src/lcs_uncaught.c",
        "src/lcs_zlib.c",
        -- end sources
      },
      incdirs = { "src", "$(ZLIB_INCDIR)" },
      libdirs = { "$(ZLIB_LIBDIR)" },
      libraries = { "z", "m" },
    },
    -- begin modules: lua/cstream/*.lua
    ["cstream"] = "lua/cstream/init.lua",
    ["cstream.abort"] = "lua/cstream/abort.lua",
    ["cstream.await"] = "lua/cstream/await.lua",
    ["cstream.class"] = "lua/cstream/class.lua",
    ["cstream.compat"] = "lua/cstream/compat.lua",
    ["cstream.compose"] = "lua/cstream/compose.lua",
    ["cstream.destroy"] = "lua/cstream/destroy.lua",
    ["cstream.duplexify"] = "lua/cstream/duplexify.lua",
    ["cstream.errors"] = "lua/cstream/errors.lua",
    ["cstream.events"] = "lua/cstream/events.lua",
    ["cstream.finished"] = "lua/cstream/finished.lua",
    ["cstream.fs"] = "lua/cstream/fs.lua",
    ["cstream.handle"] = "lua/cstream/handle.lua",
    ["cstream.iter"] = "lua/cstream/iter.lua",
    ["cstream.lines"] = "lua/cstream/lines.lua",
    ["cstream.loop"] = "lua/cstream/loop.lua",
    ["cstream.ltn12"] = "lua/cstream/ltn12.lua",
    ["cstream.operators"] = "lua/cstream/operators.lua",
    ["cstream.pipe"] = "lua/cstream/pipe.lua",
    ["cstream.pipeline"] = "lua/cstream/pipeline.lua",
    ["cstream.process"] = "lua/cstream/process.lua",
    ["cstream.utils"] = "lua/cstream/utils.lua",
    ["cstream.uv"] = "lua/cstream/uv.lua",
    ["cstream.zlib"] = "lua/cstream/zlib.lua",
    -- end modules
  },
  -- Installed in the rock's directory (`luarocks show --rock-dir cstream`):
  -- types/ is the LuaLS definition file, docs/ the reference and the guide.
  copy_directories = { "types", "docs" },
}
