/*
** lcs_methods.c - the readable and writable methods Lua calls.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

/* ---- readable methods ------------------------------------------------------- */



/* push's and unshift's optional encoding argument, checked before the
** chunk (Node's readableAddChunk). */
static void checkenc(lua_State *L, int idx, const char *fname) {
  if (lua_isnoneornil(L, idx)) return;
  if (!lua_isstring(L, idx)) lcs_argerror(L, idx, idx - 1, fname, "string");
  lcs_checkenc(L, idx, 0);
}

/* push(chunk) with no encoding argument, the per-chunk call of a source's
** _read: a string on a byte-mode stream, any value but nil on an
** object-mode one.  tochunk's work with each argument's type asked once;
** enc is the readable side's, as tochunk gives it.  The anchor table is
** fetched once, above the arguments (top + 1), for h_pin to store the
** chunk in when the core buffers it (lcs_ud.aslot). */
static int push_plain(lua_State *L, lcs_ud *u, int front, int objmode, int top) {
  cs_stream *s = &u->s;
  cs_chunk c;
  int enc, r;
  if (objmode) {
    c.p = NULL;
    c.len = 0;
    enc = CS_ENC_BUFFER;
  } else {
    enc = cs_push_string_enc(s);
    if (enc != CS_ENC_BUFFER) {
      const char *d = u->defencname[0] ? u->defencname : cs_enc_name(enc);
      if (!lcs_same_spelling(u, s->r.encoding, d, strlen(d))) enc |= CS_ENC_APART;
    }
    c.p = lua_tolstring(L, 2, &c.len);
  }
  c.ref = lcs_borrow(2);
  lua_getiuservalue(L, 1, LCS_ANCHORS);  /* a C call has LUA_MINSTACK slots */
  {
    ENTER(u);
    {
      ASLOT_SET(u, top + 1, 1);
      r = front ? cs_unshift(s, &c, enc) : cs_push(s, &c, enc);
      ASLOT_RESTORE(u);
    }
    LEAVE(u);
  }
  if (u->st->pending) DONE(L, u);
  lua_pushboolean(L, r);
  return 1;
}

static int push_or_unshift(lua_State *L, int front) {
  lcs_ud *u = lcs_tostream(L, 1);
  cs_chunk c;
  int enc, r, top = lua_gettop(L);
  /* checkR's test inline: a closed or non-readable stream takes its path */
  if (u != NULL && u->s.host != NULL && (u->s.kind & CS_K_READABLE) &&
      (top == 2 || lua_type(L, 3) <= LUA_TNIL)) {
    int t = lua_type(L, 2), objmode = (u->s.r.f & CS_OBJECT_MODE) != 0;
    if (objmode ? t > LUA_TNIL : t == LUA_TSTRING)
      return push_plain(L, u, front, objmode, top);
  }
  u = checkR(L);
  checkenc(L, 3, front ? "unshift" : "push");
  {
    ENTER(u);
    if (lua_isnoneornil(L, 2)) r = cs_push_eof(&u->s);
    else if (tochunk(L, u, 1, 2, 3, &c, &enc) != 0) r = 0;
    else r = front ? cs_unshift(&u->s, &c, enc) : cs_push(&u->s, &c, enc);
    LEAVE(u);
  }
  DONE(L, u);
  lua_pushboolean(L, r);
  return 1;
}

int l_push(lua_State *L) { return push_or_unshift(L, 0); }
int l_unshift(lua_State *L) { return push_or_unshift(L, 1); }

/* read([n]).  Where the result needs new bytes the core plans the piece
** and returns here with no core frame active: the string is made here,
** unprotected (out of memory, read() raises Lua's memory error with the
** buffer as it was), and then handed to the core, which takes the piece
** off (or, if a finalizer that ran meanwhile changed the buffer, reads
** again the protected way). */
int l_read(lua_State *L) {
  lcs_ud *u = lcs_tostream(L, 1);
  cs_chunk c;
  cs_readplan rp;
  int has = 0, got, isnum;
  double n = 0;
  /* checkR's test inline: a closed or non-readable stream takes its path */
  if (u == NULL || u->s.host == NULL || !(u->s.kind & CS_K_READABLE))
    u = checkR(L);
  if (lua_gettop(L) != 2) lua_settop(L, 2);
#if LUA_VERSION_NUM >= 503
  /* an integer first, with no type test before it (nil is no integer) and
  ** without lua_tonumberx's conversion call (LuaJIT's lua_tointegerx
  ** truncates any number: not there) */
  {
    lua_Integer i = lua_tointegerx(L, 2, &isnum);
    n = (double)i;
  }
  if (isnum || lua_type(L, 2) != LUA_TNIL) {
    if (!isnum) n = lua_tonumberx(L, 2, &isnum);
#else
  if (lua_type(L, 2) != LUA_TNIL) {
    n = lua_tonumberx(L, 2, &isnum);
#endif
    if (!isnum) return lcs_argerror(L, 2, 1, "read", "number");
    has = 1;
    if (n > (double)CS_MAX_HWM) {
      lua_pushfstring(L, "The value of \"size\" is out of range. It must be <= 1GiB. Received %s",
                      luaL_tolstring(L, 2, NULL));
      return lcs_raise(L, "ERR_OUT_OF_RANGE", lua_tostring(L, -1));
    }
  }
  {
    ENTER(u);
    got = cs_read_begin(&u->s, has, n, &c, &rp);
    /* LEAVE would free the stream (a __gc meanwhile) or run the step the
    ** collector's loan put off, whose finalizers may free, regrow or reuse
    ** the scratch at rp.p, or let go of the chunk it points into: then the
    ** bytes are copied before, protected (a memory error raises below,
    ** the buffer as it was). */
    if (got == CS_READ_MAKE && (u->gcpending || u->st->loan)) {
      if (lcs_read_make_safe(L, u, rp.p, rp.len)) got = CS_READ_MADE;
      else got = 0;
    }
    LEAVE(u);
  }
  if (got == CS_READ_MAKE || got == CS_READ_MADE) {
    if (got == CS_READ_MAKE) c.p = lcs_read_make(L, u, rp.p, rp.len);  /* slot 3 */
    else c.p = lua_tostring(L, 3);
    c.len = rp.len;
    c.ref = lcs_borrow(3);
    if (u->s.host == NULL) {
      /* freed by an explicit __gc from a finalizer: the bytes were read */
      LCS_SETTLE(L, u->st);
      return 1;
    }
    {
      ENTER(u);
      got = cs_read_commit(&u->s, &rp, &c, &c);
      LEAVE(u);
    }
  }
  /* After LEAVE: a sliced view allocates, and a memory error must not skip
  ** LEAVE.  The whole value is pushed (no allocation: read's own slot, or
  ** its anchor) and let go of before the view is cut from it, so that a
  ** memory error there leaks no anchor. */
  if (got && c.ref == lcs_borrow(3)) {
    /* made here, in slot 3, the top: every host call leaves the stack as
    ** it found it, so nothing is asked */
  } else if (got) {
    pushref(L, 1, c.ref);
    if (c.ref > 0 && !u->closing) unanchor(L, u, 1, c.ref);  /* h_unref, on this L */
    if (!(u->s.r.f & CS_OBJECT_MODE)) {
      size_t len;
      const char *p = lua_tolstring(L, -1, &len);
      if (p != c.p || len != c.len) lua_pushlstring(L, c.len ? c.p : "", c.len);
    }
  } else {
    lua_pushnil(L);
  }
  if (u->st->pending) DONE(L, u);
  return 1;
}

int l_setencoding(lua_State *L) {
  lcs_ud *u = checkR(L);
  int enc = CS_ENC_UTF8;
  if (!lua_isnoneornil(L, 2)) {
    if (!lua_isstring(L, 2)) return lcs_argerror(L, 2, 1, "setEncoding", "string");
    enc = lcs_checkenc(L, 2, 1);
  }
  {
    int rc;
    ENTER(u);
    rc = cs_set_encoding(&u->s, enc);
    if (rc == 0) u->encname[0] = '\0';  /* Node: the decoder's canonical name */
    LEAVE(u);
    DONE(L, u);   /* Lua's memory error when a Lua allocation failed */
    if (rc != 0) return lcs_raise(L, "ENOMEM", "out of memory");
  }
  lua_settop(L, 1);
  return 1;
}

int l_pause(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_pause(&u->s); LEAVE(u); }
  DONE(L, u);
  lua_settop(L, 1);
  return 1;
}

int l_resume(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_resume(&u->s); LEAVE(u); }
  DONE(L, u);
  lua_settop(L, 1);
  return 1;
}

int l_ispaused(lua_State *L) {
  lcs_ud *u = checkR(L);
  lua_pushboolean(L, cs_is_paused(&u->s));
  return 1;
}

/* Hooks for Readable.on/removeListener written in Lua. */
int l_ondata(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_on_data(&u->s, (int)luaL_optinteger(L, 2, 0)); LEAVE(u); }
  DONE(L, u);
  return 0;
}

int l_onreadable(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_on_readable(&u->s); LEAVE(u); }
  DONE(L, u);
  return 0;
}

int l_datagone(lua_State *L) {
  lcs_ud *u = checkR(L);
  cs_data_listeners_gone(&u->s);
  return 0;
}

int l_readablechanged(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_readable_listeners_changed(&u->s); LEAVE(u); }
  return 0;
}

/* Transform's own _read: release the parked write callback.  A subclass
** that defines _read can call it (stream.Transform._read(self, n)). */
int l_tread(lua_State *L) {
  lcs_ud *u = checkself(L, CS_K_TRANSFORM, "cstream.Transform");
  { ENTER(u); cs_t_read(&u->s); LEAVE(u); }
  DONE(L, u);
  return 0;
}

/* Node's Transform 'prefinish' listener, which the constructor adds: with a
** _final of the user's own (else Transform's _final flushes), _flush runs
** now and ends the readable side. */
int l_tprefinish(lua_State *L) {
  lcs_ud *u = checkself(L, CS_K_TRANSFORM, "cstream.Transform");
  { ENTER(u); cs_t_prefinish(&u->s); LEAVE(u); }
  DONE(L, u);
  return 0;
}

int l_errorordestroy(lua_State *L) {
  lcs_ud *u = checkud(L);
  cs_ref e;
  lua_pushvalue(L, 2);
  e = toerr(L, 1);
  { ENTER(u); cs_error_or_destroy(&u->s, e, lua_toboolean(L, 3)); LEAVE(u); }
  DONE(L, u);
  return 0;
}

/* ---- writable methods --------------------------------------------------------- */

static int wchunk(lua_State *L, lcs_ud *u, int idx, int encidx, const char *fname,
                  cs_chunk *c, int *enc) {
  cs_stream *s = &u->s;
  /* Node's _write: null, then (byte mode) the encoding, then the chunk's
  ** type; object mode never looks at the encoding. */
  if (lua_isnoneornil(L, idx))
    return lcs_raise(L, "ERR_STREAM_NULL_VALUES", "May not write null values to stream");
  *enc = -1;
  if (!(s->w.f & CS_OBJECT_MODE)) {
    if (encidx && lua_type(L, encidx) == LUA_TSTRING) {
      size_t n;
      const char *name = lua_tolstring(L, encidx, &n);
      /* '' is no encoding (Node's `if (!encoding)`).  'buffer' says the
      ** string is bytes (a Lua string is also Node's Buffer). */
      if (n > 0) {
        *enc = lcs_checkenc(L, encidx, 0);
        if (!(s->w.f & CS_W_DECODE_STRINGS)) *enc = withalias(*enc, name);
      }
    } else if (encidx && !lua_isnoneornil(L, encidx)) {
      return lcs_argerror(L, encidx, encidx - 1, fname, "string");
    }
    if (lua_type(L, idx) != LUA_TSTRING)
      return lcs_argerror(L, idx, idx - 1, fname, "string");
    c->p = lua_tolstring(L, idx, &c->len);
  } else {
    /* Node hands the encoding argument to _write untouched: keep the ones
    ** cstream can name. */
    if (encidx && lua_type(L, encidx) == LUA_TSTRING) {
      size_t n;
      const char *name = lua_tolstring(L, encidx, &n);
      int e = n > 0 ? cs_enc_parse(name, n) : -1;
      if (e >= 0) *enc = withalias(e, name);
    }
    c->p = NULL;
    c->len = 0;
  }
  c->ref = borrow(L, idx);
  return 0;
}


int l_write(lua_State *L) {
  lcs_ud *u = checkW(L);
  cs_chunk c;
  int enc, r;
  cs_ref cb = CS_NOREF;
  if (lua_type(L, 3) == LUA_TFUNCTION) {  /* write(chunk, cb) */
    lua_settop(L, 3);
    lua_pushnil(L);
    lua_insert(L, 3);
  }
  if (!lua_isnoneornil(L, 4) && lua_type(L, 4) != LUA_TFUNCTION)
    return lcs_argerror(L, 4, 3, "write", "function");
  wchunk(L, u, 2, 3, "write", &c, &enc);
  if (lua_type(L, 4) == LUA_TFUNCTION) { lua_pushvalue(L, 4); cb = toref(L, 1); }
  { ENTER(u); r = cs_write(&u->s, &c, enc, cb, NULL); LEAVE(u); }
  DONE(L, u);
  lua_pushboolean(L, r == 1);
  return 1;
}

/* finish([chunk][, enc][, cb]): Node's end() */
int l_end(lua_State *L) {
  lcs_ud *u = checkW(L);
  cs_chunk c, *cp = NULL;
  int enc = -1, top = lua_gettop(L);
  cs_ref cb = CS_NOREF;
  if (top >= 2 && lua_type(L, top) == LUA_TFUNCTION) {
    lua_pushvalue(L, top);
    cb = toref(L, 1);
    lua_pushnil(L);
    lua_replace(L, top);
  }
  if (!lua_isnoneornil(L, 2)) {
    if (wchunk(L, u, 2, 3, "end", &c, &enc) == 0) cp = &c;
  }
  { ENTER(u); cs_end(&u->s, cp, enc, cb); LEAVE(u); }
  DONE(L, u);
  lua_settop(L, 1);
  return 1;
}

int l_cork(lua_State *L) {
  lcs_ud *u = checkW(L);
  cs_cork(&u->s);
  return 0;
}

int l_uncork(lua_State *L) {
  lcs_ud *u = checkW(L);
  { ENTER(u); cs_uncork(&u->s); LEAVE(u); }
  DONE(L, u);
  return 0;
}

int l_setdefaultencoding(lua_State *L) {
  lcs_ud *u = checkW(L);
  int enc;
  if (lua_type(L, 2) != LUA_TSTRING) return lcs_argerror(L, 2, 1, "setDefaultEncoding", "string");
  enc = lcs_checkenc(L, 2, 0);
  cs_set_default_encoding(&u->s, enc);
  lua_settop(L, 1);
  return 1;
}

int l_destroy(lua_State *L) {
  lcs_ud *u = checkud(L);
  cs_ref err = CS_NOREF, cb = CS_NOREF;
  int cbi = 3;
  if (lua_type(L, 2) == LUA_TFUNCTION && lua_isnoneornil(L, 3)) cbi = 2;
  else if (!lua_isnoneornil(L, 2)) { lua_pushvalue(L, 2); err = toref(L, 1); }
  if (lua_type(L, cbi) == LUA_TFUNCTION) { lua_pushvalue(L, cbi); cb = toref(L, 1); }
  { ENTER(u); cs_destroy(&u->s, err, cb); LEAVE(u); }
  DONE(L, u);
  lua_settop(L, 1);
  return 1;
}
