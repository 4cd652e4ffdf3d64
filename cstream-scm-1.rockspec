rockspec_format = "3.0"
package = "cstream"
version = "scm-1"

source = {
  -- Placeholder: the project has no public home yet. `luarocks make` builds the
  -- working tree and never fetches this.
  url = "git+file:///work/main",
}

description = {
  summary = "Node.js 20 streams for Lua 5.4, with a C core, on luv's event loop",
  detailed = [[
Readable, Writable, Duplex, Transform and PassThrough with Node's semantics
(buffering, backpressure, events, errors), pipeline/finished/compose, and
file, handle, process and zlib streams over luv.
]],
}

dependencies = {
  "lua >= 5.4",
  "luv",
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
        -- end sources
      },
      incdirs = { "src", "$(ZLIB_INCDIR)" },
      libdirs = { "$(ZLIB_LIBDIR)" },
      libraries = { "z" },
    },
    -- begin modules: lua/cstream/*.lua
    -- end modules
  },
}
