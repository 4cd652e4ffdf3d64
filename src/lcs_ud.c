/*
** lcs_ud.c - errors, stream userdata, anchors and borrowed refs, argument
** checks, and the userdata's end (__gc, __close).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

const char lcs_regkeys[6] = {0};



/* ---- errors -------------------------------------------------------------- */

void lcs_pusherror(lua_State *L, const char *code, const char *msg) {
  lua_createtable(L, 0, 2);
  lua_pushstring(L, code);
  lua_setfield(L, -2, "code");
  lua_pushstring(L, msg);
  lua_setfield(L, -2, "message");
  luaL_getmetatable(L, ERRMT);
  lua_setmetatable(L, -2);
}

int lcs_raise(lua_State *L, const char *code, const char *msg) {
  lcs_pusherror(L, code, msg);
  return lua_error(L);
}

/* The value at stack index idx is argument number num of fname. */
int lcs_argerror(lua_State *L, int idx, int num, const char *fname,
                 const char *expected) {
  const char *got = luaL_typename(L, idx);
  lua_pushfstring(L, "bad argument #%d to '%s' (%s expected, got %s)",
                  num, fname, expected, lua_isnoneornil(L, idx) ? "no value" : got);
  return lcs_raise(L, "ERR_INVALID_ARG_TYPE", lua_tostring(L, -1));
}

/* The encoding the value at idx names, as Node's normalizeEncoding judges
** it: its id, or ERR_UNKNOWN_ENCODING raised.  The one place a name is
** judged; callers first check the argument's type (their message names
** their method).  'buffer' (bytes) is refused where nobuffer is set. */
int lcs_checkenc(lua_State *L, int idx, int nobuffer) {
  size_t n;
  const char *name = lua_tolstring(L, idx, &n);
  int enc = name ? cs_enc_parse(name, n) : -1;
  if (enc < 0 || (nobuffer && enc == CS_ENC_BUFFER)) {
    lua_pushfstring(L, "Unknown encoding: %s",
                    name ? name : luaL_tolstring(L, idx, NULL));
    lcs_raise(L, "ERR_UNKNOWN_ENCODING", lua_tostring(L, -1));
  }
  return enc;
}

int err_tostring(lua_State *L) {
  lua_getfield(L, 1, "code");
  lua_getfield(L, 1, "message");
  lua_pushfstring(L, "Error [%s]: %s", luaL_tolstring(L, 2, NULL),
                  luaL_tolstring(L, 3, NULL));
  return 1;
}

/* ---- userdata access ------------------------------------------------------- */

/* A cstream userdata of this module: the size, the magic word and its own
** address (which no foreign userdata holds at that offset). */
lcs_ud *tostream(lua_State *L, int idx) {
  return lcs_tostream(L, idx);
}

int is_stream(lua_State *L, int idx) {
  return tostream(L, idx) != NULL;
}

/* The value at idx is not the stream the running function needs: lauxlib's
** wording ("calling 'read' on bad self" for a method call), as an
** ERR_INVALID_ARG_TYPE error naming what was expected and what came. */
int selferror(lua_State *L, int idx, const char *expected) {
  lua_Debug ar;
  const char *fname = "?", *got;
  int arg = idx, method = 0;
  if (lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar)) {
    if (ar.name) fname = ar.name;
    method = ar.namewhat != NULL && strcmp(ar.namewhat, "method") == 0;
  }
  if (lua_type(L, idx) == LUA_TUSERDATA &&
      luaL_getmetafield(L, idx, "__name") == LUA_TSTRING)  /* raw: no user code */
    got = lua_tostring(L, -1);
  else
    got = lua_isnone(L, idx) ? "no value" : luaL_typename(L, idx);
  if (method) arg--;
  if (arg == 0)
    lua_pushfstring(L, "calling '%s' on bad self (%s expected, got %s)", fname,
                    expected, got);
  else
    lua_pushfstring(L, "bad argument #%d to '%s' (%s expected, got %s)", arg,
                    fname, expected, got);
  return lcs_raise(L, "ERR_INVALID_ARG_TYPE", lua_tostring(L, -1));
}

/* A method called on a stream an explicit __gc freed: Node's
** ERR_STREAM_DESTROYED ("Cannot call write after a stream was destroyed"),
** in words that say which end it met. */
int closederror(lua_State *L) {
  lua_Debug ar;
  const char *fname = "?";
  if (lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar) && ar.name) fname = ar.name;
  lua_pushfstring(L, "Cannot call %s after a stream was closed (freed by __gc)", fname);
  return lcs_raise(L, "ERR_STREAM_DESTROYED", lua_tostring(L, -1));
}

/* self (argument 1) as a live stream with every bit of 'kind' (0: any). */
lcs_ud *checkself(lua_State *L, uint32_t kind, const char *expected) {
  lcs_ud *u = lcs_tostream(L, 1);
  if (u == NULL) selferror(L, 1, expected);
  if (u->s.host == NULL) closederror(L);
  if ((u->s.kind & kind) != kind) selferror(L, 1, expected);
  return u;
}


/* The weak table did not give u back: a stream a finalizer brought back
** (the collector clears weak values before it runs finalizers), entered
** with no slot by a pipe's source (u->via), in whose anchors it is held.
** The source is busy driving that write, so it is found the same way (its
** entry's slot, or its own via).  Nil, as before, for a stream with no
** slot (freed) or no via.  Never allocates. */
static int pushud_via(lua_State *L, lcs_ud *u) {
  int vi;
  lcs_ud *v = u->via;
  if (v == NULL || !lua_checkstack(L, 3)) {
    lua_pushnil(L);
    return lua_gettop(L);
  }
  /* A chain of vias may lead back to u (pipes into themselves): it is
  ** followed once, u's own via cleared meanwhile, and ends in nil. */
  u->via = NULL;
  vi = pushud(L, &v->s);
  u->via = v;
  if (lua_type(L, vi) != LUA_TUSERDATA) return vi;   /* nil: not found */
  lua_getiuservalue(L, vi, LCS_ANCHORS);
  lua_rawgeti(L, -1, u->viaref);
  lua_replace(L, vi);
  lua_settop(L, vi);
  if (lua_touserdata(L, vi) != (void *)u) {          /* never another's */
    lua_pushnil(L);
    lua_replace(L, vi);
  }
  return vi;
}

/* Push the userdata of s; returns its absolute index. */
int pushud(lua_State *L, cs_stream *s) {
  lcs_ud *u = toud(s);
  /* The slot is only trusted when it still holds this userdata: a host call
  ** made outside its own entry must not read another frame's slot. */
  if (u->ui && u->L == L && lua_touserdata(L, u->ui) == (void *)u) {
    lua_pushvalue(L, u->ui);
    return lua_gettop(L);
  }
  /* Two array reads (registry, weak table) where a pointer key hashed twice;
  ** slot 0 is never set.  A live stream's slot holds it or, once the
  ** collector cleared it, nil (it is given to another stream only after
  ** this one's __gc): the type the read returns tells, at no cost. */
  lua_rawgeti(L, LUA_REGISTRYINDEX, u->st->wref);
  if (lua_rawgeti(L, -1, u->wslot) != LUA_TUSERDATA) {
    lua_pop(L, 2);
    return pushud_via(L, u);
  }
  lua_replace(L, -2);
  return lua_gettop(L);
}

/* The weak table of the streams' userdata (lcs_state.wref): every slot
** 1..wcap lies in its array part, which only a store of a new key could
** rehash, so storing a userdata or a free-chain link (an integer, which
** the collector never clears) into a slot never allocates.  A collected
** stream's slot reads nil until its __gc links it back into the chain. */
#define LCS_WSLOTS_MIN 16

/* Give u (at udidx) a slot holding it; raises when out of memory (u keeps
** no slot then).  The collector is held while the table grows: no
** finalizer may take or free a slot between the copy and the swap. */
void lcs_wslot_take(lua_State *L, lcs_ud *u, int udidx) {
  lcs_state *st = u->st;
  int slot, i;
  udidx = lua_absindex(L, udidx);
  if (st->wref == 0 || st->wnext == st->wcap) {
    int ncap = st->wref ? st->wcap * 2 : LCS_WSLOTS_MIN;
    lcs_gc_hold(L, st);
    lua_createtable(L, ncap, 0);
    if (st->wref != 0 && st->wcap >= ncap) {
      /* a finalizer run by that allocation (the loan ran out) grew it */
      lua_pop(L, 1);
      lua_rawgeti(L, LUA_REGISTRYINDEX, st->wref);
    } else if (st->wref == 0) {
      lua_createtable(L, 0, 1);
      lua_pushliteral(L, "v");
      lua_setfield(L, -2, "__mode");
      lua_setmetatable(L, -2);
      lua_pushvalue(L, -1);
      st->wref = luaL_ref(L, LUA_REGISTRYINDEX);
    } else {
      lua_rawgeti(L, LUA_REGISTRYINDEX, st->wref);
      lua_getmetatable(L, -1);
      lua_setmetatable(L, -3);
      for (i = 1; i <= st->wnext; i++) {
        lua_rawgeti(L, -1, i);
        lua_rawseti(L, -3, i);
      }
      lua_pop(L, 1);
      lua_pushvalue(L, -1);
      lua_rawseti(L, LUA_REGISTRYINDEX, st->wref);
    }
    if (st->wcap < ncap) st->wcap = ncap;
  } else {
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->wref);
  }
  if (st->wfree) {
    slot = st->wfree;
    lua_rawgeti(L, -1, slot);
    st->wfree = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
  } else {
    slot = ++st->wnext;
  }
  lua_pushvalue(L, udidx);
  lua_rawseti(L, -2, slot);
  lua_pop(L, 1);
  u->wslot = slot;
  LCS_SETTLE(L, st);   /* finalizers may take slots now, not before */
}

/* Link u's slot into the free chain: never raises, never allocates. */
static void wslot_release(lua_State *L, lcs_ud *u) {
  lcs_state *st = u->st;
  if (u->wslot == 0 || st == NULL || st->wref == 0 || !lua_checkstack(L, 2))
    return;
  lua_rawgeti(L, LUA_REGISTRYINDEX, st->wref);
  lua_pushinteger(L, st->wfree);
  lua_rawseti(L, -2, u->wslot);
  lua_pop(L, 1);
  st->wfree = u->wslot;
  u->wslot = 0;
}

void pushref(lua_State *L, int udidx, cs_ref r) {
  if (r == CS_NOREF) { lua_pushnil(L); return; }
  if (r == LCS_MEMREF) { lua_pushliteral(L, "not enough memory"); return; }
  if (lcs_isborrowed(r)) { lua_pushvalue(L, lcs_borrowidx(r)); return; }
  lua_getiuservalue(L, udidx, LCS_ANCHORS);
  lua_rawgeti(L, -1, r);
  lua_remove(L, -2);
}

/* The anchor table with twice the array part: a fresh table, the refs
** copied (amortised O(1) a ref); raises when out of memory, the old table
** still in place. */
static void grow_anchors(lua_State *L, lcs_ud *u, int udidx) {
  cs_ref i, ncap = u->anchorcap * 2;
  /* No finalizer may anchor meanwhile: its ref would miss the copy.  Every
  ** caller reaches a safe point (LEAVE, the gate) before user code. */
  lcs_gc_hold(L, u->st);
  lua_getiuservalue(L, udidx, LCS_ANCHORS);
  lua_createtable(L, (int)ncap, 0);
  for (i = 1; i <= u->nextref; i++) {
    lua_rawgeti(L, -2, i);
    lua_rawseti(L, -2, i);
  }
  lua_setiuservalue(L, udidx, LCS_ANCHORS);
  lua_pop(L, 1);
  u->anchorcap = ncap;
  u->anchorgen++;   /* a copy of the old table on a frame is stale */
}

cs_ref toref(lua_State *L, int udidx) {  /* pops the value */
  lcs_ud *u;
  cs_ref r;
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return CS_NOREF; }
  u = (lcs_ud *)lua_touserdata(L, udidx);
  if (!lcs_canref(u)) grow_anchors(L, u, udidx);  /* may raise */
  r = u->nfree ? u->freeref[--u->nfree] : ++u->nextref;
  lua_getiuservalue(L, udidx, LCS_ANCHORS);
  lua_insert(L, -2);
  lua_rawseti(L, -2, r);  /* in the array part: never allocates */
  lua_pop(L, 1);
  return r;
}

/* The slot r back to the free list (kept out of the list when it cannot
** grow: nothing is lost). */
void lcs_freeslot(lcs_ud *u, cs_ref r) {
  if (u->nfree == u->capfree) {
    int ncap = u->capfree ? u->capfree * 2 : 16;
    cs_ref *n = (cs_ref *)u->allocf(u->allocud, u->freeref,
                                    (size_t)u->capfree * sizeof(cs_ref),
                                    (size_t)ncap * sizeof(cs_ref));
    if (n == NULL) return;
    u->freeref = n;
    u->capfree = ncap;
  }
  u->freeref[u->nfree++] = r;
}

void unanchor(lua_State *L, lcs_ud *u, int udidx, cs_ref r) {
  lua_getiuservalue(L, udidx, LCS_ANCHORS);
  lua_pushnil(L);
  lua_rawseti(L, -2, r);
  lua_pop(L, 1);
  lcs_freeslot(u, r);
}

/* A value at stack index idx as a ref the core may hold only during the
** current call. */
cs_ref borrow(lua_State *L, int idx) {
  return lcs_borrow(lua_absindex(L, idx));
}

/* An error value for the core: nil becomes an error table. */
cs_ref toerr(lua_State *L, int udidx) {
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lcs_pusherror(L, "ERR_UNKNOWN", "a nil error was raised");
  }
  return toref(L, udidx);
}

/* Push a chunk's Lua value: the anchored string itself when the view is
** whole (zero copy), else the bytes of the view. */
void pushchunk(lua_State *L, int udidx, const cs_chunk *c, int objmode) {
  pushref(L, udidx, c->ref);
  if (!objmode) {
    size_t len;
    const char *p = lua_tolstring(L, -1, &len);
    if (p != c->p || len != c->len) {
      lua_pop(L, 1);
      lua_pushlstring(L, c->len ? c->p : "", c->len);
    }
  }
}

void pushk(lua_State *L, int udidx, int k) {
  lua_getiuservalue(L, udidx, LCS_KEYS);
  lua_rawgeti(L, -1, k);
  lua_remove(L, -2);
}

static int classget_p(lua_State *L) {  /* (t, k) -> t[k] */
  lua_gettable(L, 1);
  return 1;
}

/* t[k] for the class at index t (an instance's metatable), the key on top
** replaced by the value; its type returned.  Host hooks look methods up
** with core frames below them, so nothing may raise here: lua_gettable's
** walk of the __index chain is made raw while the chain is made of tables
** (a class chain), and from the first function (or other value) on the
** way, protected.  An error there (the function's, a chain too long) is
** kept as a listener's is, raised by the method once the core has
** returned, and the value is nil: the core goes on as if there were none
** (before, the error unwound through the core, which leaked the stream). */
int lcs_classget(lua_State *L, lcs_ud *u, int t) {
  int k = lua_gettop(L), i;
  t = lua_absindex(L, t);
  if (!lua_checkstack(L, 4)) goto none;
  lua_pushvalue(L, t);                          /* k + 1: where the walk is */
  if (lua_type(L, k + 1) == LUA_TTABLE) {
    for (i = 0; i < 100; i++) {
      int ti;
      lua_pushvalue(L, k);
      if (lua_rawget(L, k + 1) != LUA_TNIL) goto found;   /* k + 2 */
      lua_pop(L, 1);
      if ((ti = luaL_getmetafield(L, k + 1, "__index")) == LUA_TNIL) goto none;
      if (ti != LUA_TTABLE) { lua_pop(L, 1); break; }     /* k + 1's, called */
      lua_replace(L, k + 1);
    }
  }
  lua_pushcfunction(L, classget_p);
  lua_insert(L, k + 1);                         /* f, cur */
  lua_pushvalue(L, k);                          /* f, cur, k */
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
    lcs_set_pending(L, u->st);
    goto none;
  }
found:
  lua_replace(L, k);
  lua_settop(L, k);
  return lua_type(L, k);
none:
  lua_settop(L, k - 1);
  lua_pushnil(L);
  return LUA_TNIL;
}

/* Instance lookup skipping properties: fields, then the class chain.  Once
** per call of _read/_write/_transform: the key is fetched once for both
** tables, and nothing is removed from the middle of the stack. */
int lookup(lua_State *L, int udidx, int k) {
  int top = lua_gettop(L);
  lua_getiuservalue(L, udidx, LCS_FIELDS);      /* top + 1 */
  lua_getiuservalue(L, udidx, LCS_KEYS);
  lua_rawgeti(L, top + 2, k);                   /* top + 3: the key */
  lua_pushvalue(L, top + 3);
  if (lua_rawget(L, top + 1) == LUA_TNIL) {     /* top + 4 */
    if (!lua_getmetatable(L, udidx)) lua_pushnil(L);
    else {
      lua_pushvalue(L, top + 3);
      lcs_classget(L, (lcs_ud *)lua_touserdata(L, udidx), top + 5);  /* top + 6 */
    }
  }
  lua_replace(L, top + 1);
  lua_settop(L, top + 1);
  return !lua_isnil(L, top + 1);
}

/* The core's scratch back to the allocator (cs_host.scratch). */
void lcs_drop_scratch(lcs_ud *u) {
  if (u->scratch) u->allocf(u->allocud, u->scratch, u->scratchcap, 0);
  u->scratch = NULL;
  u->scratchcap = 0;
}

void ud_free(lua_State *L, lcs_ud *u) {
  u->gcpending = 0;
  if (u->s.host == NULL) { wslot_release(L, u); return; }
  u->closing = 1;
  u->L = L;
  cs_free(&u->s);
  if (u->freeref)
    u->allocf(u->allocud, u->freeref, (size_t)u->capfree * sizeof(cs_ref), 0);
  u->freeref = NULL;
  u->nfree = u->capfree = 0;
  lcs_drop_scratch(u);
  lcs_pipe_free(u);
  wslot_release(L, u);
}

/* __gc frees the core state; called explicitly (self:__gc()) while an
** entry drives the stream it only marks it, and the last entry out frees
** it.  Any later call finds a closed stream. */
int l_gc(lua_State *L) {
  lcs_ud *u;
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  u = (lcs_ud *)lua_touserdata(L, 1);
  if (u->busy) u->gcpending = 1;
  else ud_free(L, u);
  return 0;
}

/* __close: a to-be-closed stream is destroyed, as leaving 'for await' early
** destroys in Node; its memory goes with __gc once nothing refers to it, so
** callbacks still in flight (I/O, ticks) find a valid, destroyed stream. */
int l_close(lua_State *L) {
  lcs_ud *u;
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  u = (lcs_ud *)lua_touserdata(L, 1);
  if (u->s.host != NULL && !cs_destroyed(&u->s)) {
    { ENTER(u); cs_destroy(&u->s, CS_NOREF, CS_NOREF); LEAVE(u); }
    DONE(L, u);
  }
  return 0;
}
