/*
** lcs_compat.h - the Lua 5.4 API the binding uses, on Lua 5.3 and LuaJIT 2.1
** (the 5.1 API with a few 5.2 additions).  Included by lcs.h right after
** lua.h, so the binding is written against 5.4 alone and every version test
** lives here (luv's and LPeg's way).  On 5.4 this header adds nothing but
** the integer format for lua_pushfstring.
**
** User values: 5.3 keeps one per userdata (any value), LuaJIT one table (the
** environment).  Both get a table holding the numbered values, so
** lua_getiuservalue costs one more rawgeti there than on 5.4.
*/
#ifndef lcs_compat_h
#define lcs_compat_h

#include <stdint.h>

#include <lua.h>
#include <lauxlib.h>

/* lua_pushfstring's integer conversion: LCS_I in the format, LCS_IARG(x)
** for the argument.  LuaJIT has no %I, but its %f prints an integral
** number without a fraction, as 5.4's %I would. */
#if LUA_VERSION_NUM >= 503
#define LCS_I "%I"
#define LCS_IARG(x) ((lua_Integer)(x))
#else
#define LCS_I "%f"
#define LCS_IARG(x) lcs_iarg(x)
static inline lua_Number lcs_iarg(lua_Integer i) { return (lua_Number)i; }
#endif

#if LUA_VERSION_NUM < 504

#if LUA_VERSION_NUM >= 503
#define lcs_getuv(L, i) lua_getuservalue(L, i)
#define lcs_setuv(L, i) lua_setuservalue(L, i)
#else
#define lcs_getuv(L, i) lua_getfenv(L, i)
#define lcs_setuv(L, i) lua_setfenv(L, i)
#endif

static inline void *lcs_newuserdatauv(lua_State *L, size_t sz, int nuv) {
  void *p = lua_newuserdata(L, sz);
  if (nuv > 0) {
    lua_createtable(L, nuv, 0);
    lcs_setuv(L, -2);
  }
  return p;
}

static inline int lcs_getiuservalue(lua_State *L, int idx, int n) {
  lcs_getuv(L, idx);
  if (lua_type(L, -1) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_pushnil(L);
    return LUA_TNONE;
  }
  lua_rawgeti(L, -1, n);
  lua_remove(L, -2);
  return lua_type(L, -1);
}

/* Pops the value; 0 (and nothing stored) when the userdata has no table. */
static inline int lcs_setiuservalue(lua_State *L, int idx, int n) {
  if (idx < 0 && idx > LUA_REGISTRYINDEX) idx = lua_gettop(L) + idx + 1;
  lcs_getuv(L, idx);
  if (lua_type(L, -1) != LUA_TTABLE) {
    lua_pop(L, 2);
    return 0;
  }
  lua_insert(L, -2);
  lua_rawseti(L, -2, n);
  lua_pop(L, 1);
  return 1;
}

#define lua_newuserdatauv lcs_newuserdatauv
#define lua_getiuservalue lcs_getiuservalue
#define lua_setiuservalue lcs_setiuservalue

static inline int lcs_typeerror(lua_State *L, int arg, const char *tname) {
  const char *got = luaL_typename(L, arg);
  if (luaL_getmetafield(L, arg, "__name")
      && lua_type(L, -1) == LUA_TSTRING)
    got = lua_tostring(L, -1);
  return luaL_argerror(L, arg,
                       lua_pushfstring(L, "%s expected, got %s", tname, got));
}
#define luaL_typeerror lcs_typeerror
#define luaL_argexpected(L, cond, arg, tname) \
  ((void)((cond) || lcs_typeerror(L, (arg), (tname))))

#endif /* < 5.4 */

#if LUA_VERSION_NUM < 503   /* LuaJIT 2.1 */

typedef size_t lua_Unsigned;

/* LuaJIT's Lua stack holds 65,500 slots, which a pipe() chain of about
** 750 stages fills ("stack overflow"): its nested-emit limit is lower,
** still above Node's (about 500 stages). */
#define LCS_MAX_DEPTH 600

#ifndef LUAMOD_API
#define LUAMOD_API LUALIB_API
#endif

/* 5.3's getters return the type of the value they push. */
static inline int lcs_getfield(lua_State *L, int idx, const char *k) {
  (lua_getfield)(L, idx, k);
  return lua_type(L, -1);
}
static inline int lcs_rawget(lua_State *L, int idx) {
  (lua_rawget)(L, idx);
  return lua_type(L, -1);
}
static inline int lcs_rawgeti(lua_State *L, int idx, lua_Integer n) {
  (lua_rawgeti)(L, idx, (int)n);
  return lua_type(L, -1);
}
static inline int lcs_gettable(lua_State *L, int idx) {
  (lua_gettable)(L, idx);
  return lua_type(L, -1);
}
/* ...and the pushers the string they pushed. */
static inline const char *lcs_pushlstring(lua_State *L, const char *s, size_t n) {
  (lua_pushlstring)(L, s, n);
  return lua_tostring(L, -1);
}
static inline const char *lcs_pushstring(lua_State *L, const char *s) {
  (lua_pushstring)(L, s);
  return lua_tostring(L, -1);
}
#define lua_pushlstring lcs_pushlstring
#define lua_pushstring  lcs_pushstring
#define lua_getfield lcs_getfield
#define lua_rawget   lcs_rawget
#define lua_rawgeti  lcs_rawgeti
#define lua_gettable lcs_gettable

static inline int lua_absindex(lua_State *L, int idx) {
  return idx > 0 || idx <= LUA_REGISTRYINDEX ? idx : lua_gettop(L) + idx + 1;
}

#define lua_rawlen(L, i) lua_objlen(L, (i))

static inline int lua_rawgetp(lua_State *L, int idx, const void *p) {
  idx = lua_absindex(L, idx);
  lua_pushlightuserdata(L, (void *)(uintptr_t)p);
  return lcs_rawget(L, idx);
}

static inline void lua_rawsetp(lua_State *L, int idx, const void *p) {
  idx = lua_absindex(L, idx);
  lua_pushlightuserdata(L, (void *)(uintptr_t)p);
  lua_insert(L, -2);
  lua_rawset(L, idx);
}

/* Numbers are doubles: an integral value in range is an integer. */
static inline int lua_isinteger(lua_State *L, int idx) {
  lua_Number v;
  if (lua_type(L, idx) != LUA_TNUMBER) return 0;
  v = lua_tonumber(L, idx);
  return v == (lua_Number)(lua_Integer)v;
}

static inline void lua_rotate(lua_State *L, int idx, int n) {
  idx = lua_absindex(L, idx);
  for (; n > 0; n--) lua_insert(L, idx);
  for (; n < 0; n++) {
    lua_pushvalue(L, idx);
    lua_remove(L, idx);
  }
}

/* 5.3's luaL_getmetafield returns the field's type (LUA_TNIL: none). */
static inline int lcs_getmetafield(lua_State *L, int idx, const char *k) {
  return (luaL_getmetafield)(L, idx, k) ? lua_type(L, -1) : LUA_TNIL;
}
#define luaL_getmetafield lcs_getmetafield

static inline const char *luaL_tolstring(lua_State *L, int idx, size_t *len) {
  idx = lua_absindex(L, idx);
  if (luaL_callmeta(L, idx, "__tostring")) {
    if (!lua_isstring(L, -1)) luaL_error(L, "'__tostring' must return a string");
  } else {
    switch (lua_type(L, idx)) {
      case LUA_TNUMBER: case LUA_TSTRING:
        lua_pushvalue(L, idx);
        break;
      case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
        break;
      case LUA_TNIL:
        lua_pushliteral(L, "nil");
        break;
      default: {
        const char *kind = luaL_typename(L, idx);
        if (luaL_getmetafield(L, idx, "__name")) {
          if (lua_type(L, -1) == LUA_TSTRING) kind = lua_tostring(L, -1);
          lua_pop(L, 1);  /* the metatable keeps the string alive */
        }
        lua_pushfstring(L, "%s: %p", kind, lua_topointer(L, idx));
      }
    }
  }
  return lua_tolstring(L, -1, len);
}

#endif /* < 5.3 */

/* The collector's loan (lcs_tick.c): LCS_GC_LEND holds the next step back by
** k KiB, LCS_GC_REPAY gives it back and runs the step now.  5.3 and 5.4 move
** the debt exactly by LUA_GCSTEP's size argument; LuaJIT's LUA_GCSTEP with a
** negative size would run a whole cycle, so there the collector is stopped
** instead and restarted at the safe point (its next allocation steps).
** LCS_GC_REPAY is < 0 when no step could run (inside a finalizer, 5.4). */
#if LUA_VERSION_NUM >= 503
#define LCS_GC_LEND(L, k)  lua_gc(L, LUA_GCSTEP, -(k))
#define LCS_GC_REPAY(L, k) lua_gc(L, LUA_GCSTEP, (k))
#else
#define LCS_GC_LEND(L, k)  ((void)(k), lua_gc(L, LUA_GCSTOP, 0))
#define LCS_GC_REPAY(L, k) ((void)(k), lua_gc(L, LUA_GCRESTART, 0))
#endif

#endif
