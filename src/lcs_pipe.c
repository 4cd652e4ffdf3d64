/*
** lcs_pipe.c - pipe's C half: the 'data' forwarder pipe() registers and the
** fast path that writes a chunk into a cstream destination from C.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

static int pipe_ondata(lua_State *L);

/* The encoding pipe() writes a chunk with: a byte-mode source without a
** decoder emits Buffers in Node, which dest.write() takes as bytes whatever
** dest's default encoding (and a decodeStrings false dest sees 'buffer');
** text and objects go as they are (-1: none given). */
static int pipe_enc(const cs_stream *src, const cs_stream *dest) {
  if ((src->kind & CS_K_READABLE) && !(src->r.f & CS_OBJECT_MODE) &&
      src->r.decoder == NULL && !(dest->w.f & CS_OBJECT_MODE))
    return CS_ENC_BUFFER;
  return -1;
}


/* Is self.write the core's write?  Decided once, and again after an
** assignment to the instance's 'write' (a class changed later is not seen,
** as for emit). */
static int stdwrite(lua_State *L, int di, lcs_ud *d) {
  if (d->stdwrite == 0) {
    int top = lua_gettop(L);
    lookup(L, di, K_WRITE_M);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &WRITEKEY);
    d->stdwrite = lua_rawequal(L, -1, -2) ? 1 : -1;
    lua_settop(L, top);
  }
  return d->stdwrite > 0;
}

/* 'data' when the stream's emit is the emitter's own: what that emit does
** (each listener of the array fetched now, in order, with the chunk; a
** listener that raises ends the emit), done from C.  A pipe() forwarder
** into a cstream destination whose write is the core's is not called:
** the chunk is written into the destination from C, and the source paused
** on a false write, as the forwarder would.  Everything is checked again
** before each listener, since the one before may have run user code (a
** _write, a finalizer) that changed the array, dest.write or freed a dest.
** Returns 0 to leave it to the Lua emit. */
int fast_data(lua_State *L, int ui, cs_stream *s, const cs_chunk *c) {
  lcs_state *st = toud(s)->st;
  int top = lua_gettop(L), li, mh, cv, n, i, before = st->pending;
  int one = 0;
  lua_Integer running = 0;
  const char *p;
  size_t len = 0;
  if (!stdemit(L, ui, toud(s))) return 0;
  lua_getiuservalue(L, ui, LCS_KEYS);     /* top + 1, once for both keys */
  lua_getiuservalue(L, ui, LCS_FIELDS);
  lua_rawgeti(L, top + 1, K_EVENTS);
  if (lua_rawget(L, -2) != LUA_TTABLE) { lua_settop(L, top); return 0; }
  lua_rawgeti(L, top + 1, K_EV + CS_EV_DATA);
  if (lua_rawget(L, -2) != LUA_TTABLE) { lua_settop(L, top); return 0; }
  li = lua_gettop(L);
  luaL_checkstack(L, 8, "emit");
  n = (int)lua_rawlen(L, li);
  if (n == 1) {
    /* The usual case (a pipe's forwarder alone): taken before anything
    ** can run, it needs no guard against changes to the array. */
    lua_rawgeti(L, li, 1);
    one = lua_gettop(L);
  } else {
    /* events.lua's contract: list[0] counts the emits running over list,
    ** so a listener that adds or removes one builds a new array instead
    ** of changing this one under the loop below. */
    running = lua_rawgeti(L, li, 0) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    lua_pushinteger(L, running + 1);
    lua_rawseti(L, li, 0);
  }
  lua_pushcfunction(L, lcs_msgh);   /* keeps a listener's stack */
  mh = lua_gettop(L);
  /* The chunk's value, once for every listener (this may allocate, and so
  ** run finalizers: everything is read again below). */
  pushref(L, ui, c->ref);          /* pushchunk, keeping what it reads */
  if (s->r.f & CS_OBJECT_MODE)
    p = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
  else if ((p = lua_tolstring(L, -1, &len)) != c->p || len != c->len) {
    lua_pop(L, 1);
    p = lua_pushlstring(L, c->len ? c->p : "", c->len);
    len = c->len;
  }
  cv = lua_gettop(L);
  for (i = 1; i <= n; i++) {
    lcs_ud *d = NULL;
    int r;
    lua_settop(L, cv);
    if (one) lua_pushvalue(L, one); else lua_rawgeti(L, li, i);  /* cv + 1 */
    if (lua_tocfunction(L, cv + 1) == pipe_ondata) {
      lua_getupvalue(L, cv + 1, 1);      /* cv + 2: its dest */
      d = (lcs_ud *)lua_touserdata(L, cv + 2);
      /* full userdata of our size (rawlen is 0 for a light one) and ours */
      if (d != NULL && (lua_rawlen(L, cv + 2) != sizeof(lcs_ud) ||
                        d->magic != LCS_MAGIC || d->self != d))
        d = NULL;
      if (d != NULL && d->s.host == NULL) continue;  /* freed by __gc() */
      if (d != NULL && (!(d->s.kind & CS_K_WRITABLE) || !stdwrite(L, cv + 2, d) ||
                        (p == NULL && !(d->s.w.f & CS_OBJECT_MODE))))
        d = NULL;   /* not ours to write, or write would raise: call it */
    }
    if (d == NULL) {
      lua_settop(L, cv + 1);
      lua_pushvalue(L, cv);
      LCS_SETTLE(L, st);
      if (lua_pcall(L, 1, 0, mh) != LUA_OK) { lcs_set_pending(L, st); break; }
      continue;
    }
    {
      cs_chunk dc;
      dc.p = (d->s.w.f & CS_OBJECT_MODE) ? NULL : p;
      dc.len = dc.p ? len : 0;
      dc.ref = lcs_borrow(cv);
      {
        ENTERAT(d, cv + 2);
        r = cs_write(&d->s, &dc, pipe_enc(s, &d->s), CS_NOREF, NULL);
        LEAVE(d);
      }
    }
    if (r != 1) {                        /* pause() */
      lua_getupvalue(L, cv + 1, 2);
      LCS_SETTLE(L, st);
      if (lua_pcall(L, 0, 0, mh) != LUA_OK) lcs_set_pending(L, st);
    }
    if (st->pending && !before) break;   /* a listener raised: emit stops */
  }
  if (!one) {
    if (running) lua_pushinteger(L, running); else lua_pushnil(L);
    lua_rawseti(L, li, 0);
  }
  lua_settop(L, top);
  return 1;
}
/* ---- pipe forwarding ------------------------------------------------------------ */

/* The 'data' listener pipe() registers: dest.write(dest, chunk), pause() on
** false.  Upvalues: dest, pause, the source.  Into a cstream dest whose
** write is the core's, a byte-mode source's chunk goes as 'buffer' (see
** pipe_enc), as fast_data writes it. */
static int pipe_ondata(lua_State *L) {
  int nargs = 2;
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));   /* 2: dest */
  lua_getfield(L, 2, "write");
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 1);
  if (lua_type(L, 1) == LUA_TSTRING && is_stream(L, 2) &&
      is_stream(L, lua_upvalueindex(3))) {
    lcs_ud *src = (lcs_ud *)lua_touserdata(L, lua_upvalueindex(3));
    lcs_ud *d = (lcs_ud *)lua_touserdata(L, 2);
    if (src->s.host != NULL && d->s.host != NULL && (d->s.kind & CS_K_WRITABLE) &&
        stdwrite(L, 2, d) && pipe_enc(&src->s, &d->s) == CS_ENC_BUFFER) {
      lua_pushliteral(L, "buffer");
      nargs = 3;
    }
  }
  lua_call(L, nargs, 1);
  if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_call(L, 0, 0);
  }
  return 0;
}

/* pipeListener(dest, pause, src): the forwarder; h_emit decides per chunk
** whether it may run it from C (fast_data). */
int l_pipelistener(lua_State *L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_settop(L, 3);
  lua_pushcclosure(L, pipe_ondata, 3);
  return 1;
}
