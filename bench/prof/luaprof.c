/* A minimal lua5.4 for profiling only: Debian's lua5.4 binary is stripped, so
 * perf cannot name the VM's internals (luaV_execute, luaH_get, ...).  This one
 * links the static liblua5.4.a, which keeps those symbols, and exports the API
 * (-rdynamic) for luv.so and cstream.so.  Usage: luaprof script.lua [args]. */
#include <stdio.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static int traceback(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
  return 1;
}

int main(int argc, char **argv) {
  lua_State *L;
  int i, rc;
  if (argc < 2) {
    fprintf(stderr, "usage: %s script.lua [args]\n", argv[0]);
    return 2;
  }
  L = luaL_newstate();
  if (L == NULL) return 1;
  luaL_openlibs(L);
  lua_createtable(L, argc, 1); /* arg, numbered as lua.c does */
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - 1);
  }
  lua_setglobal(L, "arg");
  lua_pushcfunction(L, traceback);
  rc = luaL_loadfile(L, argv[1]);
  if (rc == LUA_OK) {
    for (i = 2; i < argc; i++) lua_pushstring(L, argv[i]);
    rc = lua_pcall(L, argc - 2, 0, 1);
  }
  if (rc != LUA_OK) fprintf(stderr, "%s\n", lua_tostring(L, -1));
  lua_close(L);
  return rc == LUA_OK ? 0 : 1;
}
