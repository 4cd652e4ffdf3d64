/*
** lcs_module.c - require("cstream.core"): the C half of cstream.
** The Lua half (lua/cstream/init.lua) builds the classes on top of it.
*/
#include "lcs.h"

LUAMOD_API int luaopen_cstream_core(lua_State *L) {
  lua_newtable(L);
  lcs_stream_open(L);
  lcs_tick_open(L);
  lcs_uncaught_open(L);
  lcs_open_zlib(L);
  lua_setfield(L, -2, "zlib");
  lcs_open_lines(L);
  lua_setfield(L, -2, "lines");
  return 1;
}
