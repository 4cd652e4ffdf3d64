/*
** lcs_props.c - properties (readableLength, writableEnded, ...) and _state().
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

/* ---- properties --------------------------------------------------------------- */

/* Names come from the core's CS_PROP_MAP (cs_prop_name); values from
** cs_prop.  A freed stream has none. */
static int pushprop(lua_State *L, lcs_ud *u, int ui, int id) {
  cs_propval v;
  if (u->s.host == NULL) { lua_pushnil(L); return 1; }
  cs_prop(&u->s, id, &v);
  switch (v.type) {
    case CS_PV_BOOL: lua_pushboolean(L, (int)v.i); break;
    case CS_PV_INT: lua_pushinteger(L, (lua_Integer)v.i); break;
    case CS_PV_STR:   /* readableEncoding: the constructor's spelling, as Node */
      lua_pushstring(L, id == CS_P_RENCODING && u->encname[0] ? u->encname : v.str);
      break;
    case CS_PV_REF: pushref(L, ui, v.ref); break;
    default: lua_pushnil(L);
  }
  return 1;
}

/* The property table is an upvalue of __index and __newindex. */
static int propid(lua_State *L, int k) {
  int id;
  lua_pushvalue(L, k);
  lua_rawget(L, lua_upvalueindex(1));
  id = (int)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return id;
}

/* The lengths of the property names, one bit each (all are below 32): a
** key whose raw length has no bit here is no property name. */
#define PROP_LENBIT(id, name, side) (1u << (sizeof(name) - 1)) |
static const unsigned long proplens = CS_PROP_MAP(PROP_LENBIT) 0u;
#undef PROP_LENBIT
#define PROP_SHORT(id, name, side) (sizeof(name) <= 32) &&
typedef char lcs_prop_names_fit_[(CS_PROP_MAP(PROP_SHORT) 1) ? 1 : -1];
#undef PROP_SHORT

/* __index: instance fields, then properties, then the class chain.  Every
** method call from Lua passes here: it leaves each miss on the stack
** rather than popping it (Lua drops all but the result).  A string key
** whose fkeys bit is clear is in no field (lcs_ud.fkeys): the fields
** lookup is skipped, the order kept. */
/* A string key met for the first time: kept in the entry e (slot i) of
** the state's keys by address when that entry is empty, its string held
** in the registry's array at i + 1 (a store into the array part: nothing
** allocated, nothing raised). */
static void kc_keep(lua_State *L, lcs_state *st, int i, const void *p,
                    const char *k, size_t n, uint64_t fbit, int plen) {
  struct lcs_kc *e = &st->kc[i];
  if (st->kcref <= 0 || !lua_checkstack(L, 2)) return;
  if (lua_rawgeti(L, LUA_REGISTRYINDEX, st->kcref) != LUA_TTABLE) {
    lua_pop(L, 1);
    return;
  }
  lua_pushvalue(L, 2);
  lua_rawseti(L, -2, i + 1);
  lua_pop(L, 1);
  e->k = k;
  e->n = n;
  e->fbit = fbit;
  e->plen = plen;
  e->p = p;
}

/* The entry of lcs_state.kc for a key's address: its top bits after a
** multiplicative hash (the low bits of an object's address say little). */
typedef char lcs_kc_is_256_[LCS_KC == 256 ? 1 : -1];
#define LCS_KC_MAXLEN 40   /* Lua 5.4's short strings (LUAI_MAXSHORTLEN) */
static inline int kc_slot(const void *p) {
  uint32_t h = (uint32_t)((uintptr_t)p >> 3) * 2654435761u;
  return (int)(h >> 24);
}

int l_index(lua_State *L) {
  lcs_ud *u = lcs_tostream(L, 1);
  size_t n = 0;
  const char *k = NULL;
  uint64_t fbit = 0;
  int plen = 0;
  if (u == NULL) return selferror(L, 1, "cstream stream");
  /* Lua passes two; a direct call with other counts needs no settop: only
  ** slots 1 and 2 are read (a missing 2 reads as nil) and every other index
  ** is relative to the top.  A string key met before is known by its
  ** address alone (lcs_state.kc: lua_topointer gives a string's own on 5.4
  ** and LuaJIT; 5.3 gives none, and every key takes the long way). */
  {
    const void *p = lua_topointer(L, 2);
    lcs_state *st = u->st;
    int i = kc_slot(p);
    /* the type too: a light userdata's address is any number, and may be
    ** that of a string kept here */
    if (p != NULL && st->kc[i].p == p && lua_type(L, 2) == LUA_TSTRING) {
      const struct lcs_kc *e = &st->kc[i];
      k = e->k;
      n = e->n;
      fbit = e->fbit;
      plen = e->plen;
    } else if (lua_type(L, 2) == LUA_TSTRING) {
      k = lua_tolstring(L, 2, &n);
      fbit = lcs_fkey_bit(k, n);
      plen = n < 32 && (proplens >> n & 1u);
      /* only a short key: held for the state's life, and a long string
      ** is seldom met twice as the same object */
      if (p != NULL && n <= LCS_KC_MAXLEN && st->kc[i].p == NULL)
        kc_keep(L, st, i, p, k, n, fbit, plen);
    }
  }
  if (k == NULL || (u->fkeys & fbit)) {
    lua_getiuservalue(L, 1, LCS_FIELDS);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL) return 1;
  }
  /* Only string keys are in the property table; any other key misses, and
  ** so does a string of no property name's length (push, read, write, on,
  ** emit...): the lookup is skipped, the order kept. */
  if (k != NULL && plen) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNUMBER) {
      int id = (int)lua_tointeger(L, -1);
      if (id != 0) return pushprop(L, u, 1, id);
    }
  }
  lua_getmetatable(L, 1);
  lua_pushvalue(L, 2);
  if (lua_gettable(L, -2) == LUA_TNIL && k != NULL &&
      u->s.host != NULL && (u->s.kind & CS_K_READABLE))
    return lcs_pipe_view(L, u, 1, k);
  return 1;
}

int l_newindex(lua_State *L) {
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  if (lua_type(L, 2) == LUA_TSTRING && propid(L, 2) != 0) {
    /* Node's TypeError for a getter-only property, as an error table. */
    const char *cls = luaL_getmetafield(L, 1, "__name") == LUA_TSTRING
                      ? lua_tostring(L, -1) : "cstream stream";
    lua_pushfstring(L, "Cannot set property %s of %s which has only a getter",
                    lua_tostring(L, 2), cls);
    return lcs_raise(L, "ERR_READ_ONLY_PROPERTY", lua_tostring(L, -1));
  }
  if (lua_type(L, 2) == LUA_TSTRING) {
    size_t n;
    const char *k = lua_tolstring(L, 2, &n);
    lcs_ud *u = (lcs_ud *)lua_touserdata(L, 1);
    /* before anything that can raise or run Lua: a key once stored is
    ** always looked up (a bit set for a store that then fails costs only a
    ** lookup) */
    u->fkeys |= lcs_fkey_bit(k, n);
    lcs_forget_method(L, u, 1, k);
    if (strcmp(k, "emit") == 0) u->stdemit = 0;
    else if (strcmp(k, "write") == 0) u->stdwrite = 0;
    else if (strcmp(k, "_events") == 0) lcs_pipe_changed(L, u, 1);
    else if (strcmp(k, "_read") == 0) u->userread = 0;
    else if (u->passthrough && strcmp(k, "_transform") == 0) {
      lua_settop(L, 3);
      lua_getiuservalue(L, 1, LCS_FIELDS);
      lua_pushvalue(L, 2);
      lua_pushvalue(L, 3);
      lua_rawset(L, -3);
      pt_update(L, u, 1);
      return 0;
    }
  }
  lua_getiuservalue(L, 1, LCS_FIELDS);
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_rawset(L, -3);
  return 0;
}

/* _state(): Node's state fields for the Lua utilities (finished, pipeline),
** the flags from the core's CS_RSTATE_MAP / CS_WSTATE_MAP. */
typedef struct { const char *name; uint32_t flag; int neg; } stfield;
#define ST_FIELD(name, flag, neg) {name, flag, neg},
static const stfield rfields[] = { CS_RSTATE_MAP(ST_FIELD) {NULL, 0, 0} };
static const stfield wfields[] = { CS_WSTATE_MAP(ST_FIELD) {NULL, 0, 0} };
#undef ST_FIELD

static void setflags(lua_State *L, const stfield *fs, uint32_t f) {
  for (; fs->name; fs++) {
    lua_pushboolean(L, ((f & fs->flag) != 0) != fs->neg);
    lua_setfield(L, -2, fs->name);
  }
}

int l_state(lua_State *L) {
  lcs_ud *u = checkud(L);
  cs_stream *s = &u->s;
  lua_createtable(L, 0, 2);
  if (s->kind & CS_K_READABLE) {
    uint32_t f = s->r.f;
    lua_createtable(L, 0, 18);
    setflags(L, rfields, f);
    if (f & CS_ERRORED) { pushref(L, 1, s->errored); lua_setfield(L, -2, "errored"); }
    if (cs_flowing(s) >= 0) { lua_pushboolean(L, cs_flowing(s)); lua_setfield(L, -2, "flowing"); }
    lua_pushinteger(L, (lua_Integer)s->r.length);
    lua_setfield(L, -2, "length");
    lua_setfield(L, -2, "r");
  }
  if (s->kind & CS_K_WRITABLE) {
    uint32_t f = s->w.f;
    lua_createtable(L, 0, 21);
    setflags(L, wfields, f);
    if (f & CS_ERRORED) { pushref(L, 1, s->errored); lua_setfield(L, -2, "errored"); }
    lua_pushinteger(L, (lua_Integer)s->w.length);
    lua_setfield(L, -2, "length");
    lua_pushinteger(L, s->w.corked);
    lua_setfield(L, -2, "corked");
    lua_pushinteger(L, (lua_Integer)s->w.pendingcb);
    lua_setfield(L, -2, "pendingcb");
    lua_pushinteger(L, (lua_Integer)s->w.buffered.n);
    lua_setfield(L, -2, "bufferedRequestCount");
    lua_setfield(L, -2, "w");
  }
  return 1;
}
