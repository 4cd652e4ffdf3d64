/*
** lcs_module.c - require("cstream.core"): the C half of cstream.
** The Lua half (lua/cstream/init.lua) builds the classes on top of it.
*/
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L   /* sigaction */
#endif
#include <signal.h>
#include <string.h>

#include "lcs_int.h"

static const char *const knames[] = {
  NULL, "_events", "emit", "_read", "_write", "_writev", "_final", "_flush",
  "_transform", "_destroy", "_construct", "listenerCount", "write", NULL
};

#if !defined(_WIN32) && defined(SIGPIPE)
static void on_sigpipe(int sig) { (void)sig; }
#endif

/* core.ignoreSigpipe(): Node ignores SIGPIPE at start-up, so that writing
** into a pipe or socket whose reader is gone is an EPIPE error on the stream
** and never kills the process.  cstream's I/O modules call this when they
** load and when they make a stream that writes to an fd.  A do-nothing
** handler rather than SIG_IGN: a caught signal reverts to the default in
** exec'd children (io.popen, os.execute), an ignored one would not.  A
** disposition someone else chose (SIG_IGN, a handler) is left alone; true
** when cstream's handler (or another) is in place. */
static int l_ignoresigpipe(lua_State *L) {
#if !defined(_WIN32) && defined(SIGPIPE)
  struct sigaction old;
  int ok = sigaction(SIGPIPE, NULL, &old) == 0;
  if (ok && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigpipe;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ok = sigaction(SIGPIPE, &sa, NULL) == 0;
  }
  lua_pushboolean(L, ok);
#else
  lua_pushboolean(L, 1);
#endif
  return 1;
}

static int l_setemit(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &EMITKEY);
  return 0;
}

static int l_setaggregate(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &AGGKEY);
  return 0;
}

/* ---- module --------------------------------------------------------------------- */

int lcs_stream_open(lua_State *L) {
  static const luaL_Reg methods[] = {
    {"push", l_push}, {"unshift", l_unshift}, {"read", l_read},
    {"setEncoding", l_setencoding}, {"pause", l_pause}, {"resume", l_resume},
    {"isPaused", l_ispaused}, {"destroy", l_destroy},
    {"write", l_write}, {"finish", l_end}, {"end", l_end}, {"cork", l_cork},
    {"uncork", l_uncork}, {"setDefaultEncoding", l_setdefaultencoding},
    {"_state", l_state}, {"_onData", l_ondata}, {"_onReadable", l_onreadable},
    {"_dataGone", l_datagone}, {"_readableChanged", l_readablechanged},
    {"_errorOrDestroy", l_errorordestroy},
    {"_transformRead", l_tread}, {"_passThroughTransform", l_ptransform},
    {"_transformPrefinish", l_tprefinish},
    {NULL, NULL}
  };
  static const luaL_Reg meta[] = {
    {"__index", l_index}, {"__newindex", l_newindex}, {"__gc", l_gc},
    {"__close", l_close}, {NULL, NULL}
  };
  int i;
  lua_newtable(L);
  for (i = 1; i < CS_P__COUNT; i++) {
    lua_pushinteger(L, i);
    lua_setfield(L, -2, cs_prop_name(i));
  }
  lua_rawsetp(L, LUA_REGISTRYINDEX, &PROPKEY);
  /* the keys table (see K_*) */
  lua_createtable(L, K__COUNT, 0);
  for (i = 1; knames[i]; i++) {
    lua_pushstring(L, knames[i]);
    lua_rawseti(L, -2, i);
  }
  for (i = 0; i < CS_EV__COUNT; i++) {
    lua_pushstring(L, cs_ev_name(i));
    lua_rawseti(L, -2, K_EV + i);
  }
  for (i = 0; i < CS_ENC__COUNT; i++) {
    lua_pushstring(L, i == CS_ENC_BUFFER ? "buffer" : cs_enc_name(i));
    lua_rawseti(L, -2, K_ENC + i);
  }
  for (i = 0; aliases[i]; i++) {   /* spelling id CS_ENC__COUNT + i */
    lua_pushstring(L, aliases[i]);
    lua_rawseti(L, -2, K_ALIAS + i);
  }
  lua_rawsetp(L, LUA_REGISTRYINDEX, &KEYSKEY);
  /* the shared error metatable (lua/cstream/errors.lua adds to it too) */
  if (luaL_newmetatable(L, ERRMT)) {
    lua_pushcfunction(L, err_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "__index");
  }
  lua_setfield(L, -2, "Error");
  lua_newtable(L);
  luaL_setfuncs(L, methods, 0);
  /* One value per C function: LuaJIT makes a new closure for each push,
  ** where 5.4's light C functions are equal, so 'end' is the value of
  ** 'finish', and the methods other files recognise on an instance by
  ** identity (stdwrite, h_has) are the values of this table. */
  lua_getfield(L, -1, "finish");
  lua_setfield(L, -2, "end");
  lua_getfield(L, -1, "write");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &WRITEKEY);
  lua_getfield(L, -1, "_transformRead");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &TREADKEY);
  lua_setfield(L, -2, "methods");
  lua_newtable(L);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &PROPKEY);
  luaL_setfuncs(L, meta, 1);
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, "__cstream");
  lua_setfield(L, -2, "meta");
  {
    size_t *def = (size_t *)lua_newuserdatauv(L, 2 * sizeof(size_t), 0);
    def[0] = CS_DEFAULT_HWM;
    def[1] = CS_DEFAULT_OBJ_HWM;
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_getdefhwm, 1);
    lua_setfield(L, -3, "getDefaultHighWaterMark");
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_setdefhwm, 1);
    lua_setfield(L, -3, "setDefaultHighWaterMark");
    lua_pushcclosure(L, l_new, 1);
    lua_setfield(L, -2, "new");
  }
  lua_pushcfunction(L, l_construct);
  lua_setfield(L, -2, "construct");
  lcs_pipe_open(L);
  lua_pushcfunction(L, l_setemit);
  lua_setfield(L, -2, "setEmit");
  lua_pushcfunction(L, l_setaggregate);
  lua_setfield(L, -2, "setAggregate");
  lua_newtable(L);
  for (i = 1; i < CS_P__COUNT; i++) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, cs_prop_name(i));
  }
  lua_setfield(L, -2, "properties");
  lua_pushinteger(L, CS_K_READABLE); lua_setfield(L, -2, "READABLE");
  lua_pushinteger(L, CS_K_WRITABLE); lua_setfield(L, -2, "WRITABLE");
  lua_pushinteger(L, CS_K_TRANSFORM); lua_setfield(L, -2, "TRANSFORM");
  lua_pushinteger(L, CS_K_PASSTHROUGH); lua_setfield(L, -2, "PASSTHROUGH");
  return 0;
}

LUAMOD_API int luaopen_cstream_core(lua_State *L) {
  lua_newtable(L);
  lcs_stream_open(L);
  lcs_tick_open(L);
  lcs_uncaught_open(L);
  lcs_open_zlib(L);
  lua_setfield(L, -2, "zlib");
  lcs_open_lines(L);
  lua_setfield(L, -2, "lines");
  lua_pushcfunction(L, l_ignoresigpipe);
  lua_setfield(L, -2, "ignoreSigpipe");
  return 1;
}
