-- A stand-in rock for the system's busted (Debian's lua-busted is no rock):
-- `make rock-test` installs it in a tree under build/ so that `luarocks test`
-- finds its test dependency offline.  Never published.
rockspec_format = "3.0"
package = "busted"
version = "0-0"
source = { url = "." }
description = { summary = "the system's busted, run with lua5.4" }
build = {
  type = "builtin",
  modules = {},
  install = { bin = { busted = "busted" } },
}
