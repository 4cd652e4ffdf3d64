/*
** memlimit.c - a failing allocator for the specs (spec/memerr_spec.lua), in
** the style of Lua's own testes/memerr.lua: run a function with only n more
** allocations allowed, every later one refused.  Test-only: built by the
** Makefile into $(B)/testlib/memlimit.so, never part of cstream.so.
**
**   local memlimit = package.loadlib(path, "luaopen_memlimit")()
**   memlimit.run(n, f, ...)   -> "ok", results... | "errmem"|"errrun", err
**   memlimit.refused()        -> allocations refused during the last run
**   memlimit.pin(path)        -> keep that loaded C library mapped at exit
**
** The allocator is installed by the first run and stays (pass-through once
** the run ends): memory handed out through it is freed through it, so this
** object is linked -z nodelete (lua_close frees after unloading C modules).
** Streams made after that allocate their raw memory through it too.
*/
#define _GNU_SOURCE  /* RTLD_NODELETE */
#include <dlfcn.h>
#include <lua.h>
#include <lauxlib.h>

static lua_Alloc orig;
static void *orig_ud;
static long budget = -1;     /* allocations still allowed; -1: no limit */
static long refused;

/* A new block (p NULL: osize is then a type tag) or a bigger one counts;
** shrinking and freeing never fail, as Lua requires. */
static void *limited(void *ud, void *p, size_t osize, size_t nsize) {
  (void)ud;
  if (budget >= 0 && nsize > 0 && (p == NULL || nsize > osize)) {
    if (budget == 0) { refused++; return NULL; }
    budget--;
  }
  return orig(orig_ud, p, osize, nsize);
}

static int l_run(lua_State *L) {
  lua_Integer n = luaL_checkinteger(L, 1);
  void *ud;
  int st, base;
  luaL_checktype(L, 2, LUA_TFUNCTION);
  if (lua_getallocf(L, &ud) != limited) {
    orig = lua_getallocf(L, &orig_ud);
    lua_setallocf(L, limited, NULL);
  }
  lua_remove(L, 1);
  base = lua_gettop(L) - 1;   /* below the function */
  refused = 0;
  budget = n < 0 ? 0 : (long)n;
  st = lua_pcall(L, base, LUA_MULTRET, 0);
  budget = -1;
  lua_pushstring(L, st == LUA_OK ? "ok" : st == LUA_ERRMEM ? "errmem" : "errrun");
  lua_insert(L, 1);
  return lua_gettop(L);
}

static int l_refused(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)refused);
  return 1;
}

/* luv leaks a handle's C memory when Lua cannot allocate its userdata;
** kept mapped, the leak report names luv.so and mk/lsan.supp can say so
** (lua_close unloads C libraries before LeakSanitizer looks). */
static int l_pin(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_pushboolean(L, dlopen(path, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE) != NULL);
  return 1;
}

__attribute__((visibility("default"))) int luaopen_memlimit(lua_State *L);
int luaopen_memlimit(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"run", l_run}, {"refused", l_refused}, {"pin", l_pin}, {NULL, NULL}
  };
  luaL_newlib(L, fns);
  return 1;
}
