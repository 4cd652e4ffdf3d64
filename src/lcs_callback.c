/*
** lcs_callback.c - the callbacks handed to user code (the ones _write, _final,
** _destroy, _construct, _transform and _flush are given).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

/* ---- callbacks handed to user code --------------------------------------- */

/* The ud is the closure's upvalue 1, and that pseudo-index is the entry's
** slot of it (ENTERAT): nothing is pushed.  A host call made in another C
** function's frame reads that function's upvalue there, which lcs_slot and
** pushud find is not this ud (the check every use of the slot makes), and
** take the weak map's way.  The arguments (err, data) are read by their
** type alone: an absent one is LUA_TNONE, below nil (a C function's frame
** has LUA_MINSTACK slots, so 1 and 2 are acceptable indices), which spares
** the count. */
static int cbenter(lua_State *L, lcs_ud **u) {
  *u = (lcs_ud *)lua_touserdata(L, lua_upvalueindex(1));
  return lua_upvalueindex(1);
}

/* Argument arg as the error for the core: CS_NOREF when absent or nil. */
static cs_ref argerr(lua_State *L, int arg, int ui) {
  if (lua_type(L, arg) <= LUA_TNIL) return CS_NOREF;
  lua_pushvalue(L, arg);
  return toref(L, ui);
}

#define CB_GUARD(u) do { if ((u)->s.host == NULL) return 0; } while (0)

/* lcs_check_pending's test made here: per chunk, nothing is pending */
#define CB_PENDING(L, st) \
  do { if ((st)->pending) lcs_check_pending(L, st); } while (0)

/* The callbacks whose only argument is an error: one body, the core's
** handler as a parameter, inlined into each (cb_onwrite runs per chunk: a
** direct call to its handler, no frame between). */
#if defined(__GNUC__)
#define CB_INLINE inline __attribute__((always_inline))
#else
#define CB_INLINE inline
#endif
static CB_INLINE int errcb(lua_State *L, void (*on)(cs_stream *, cs_ref)) {
  lcs_ud *u;
  int ui = cbenter(L, &u);
  CB_GUARD(u);
  { ENTERAT(u, ui); on(&u->s, argerr(L, 1, ui)); LEAVE(u); }
  CB_PENDING(L, u->st);
  return 0;
}

int cb_onwrite(lua_State *L) { return errcb(L, cs_onwrite); }
int cb_onfinal(lua_State *L) { return errcb(L, cs_onfinal); }
int cb_ondestroy(lua_State *L) { return errcb(L, cs_ondestroy); }
int cb_onconstruct(lua_State *L) { return errcb(L, cs_onconstruct); }

/* Is name[0..n) the readable encoding 'enc' as the stream spells it?  Node
** keeps a pushed string as text only when the names match exactly. */
int lcs_same_spelling(const lcs_ud *u, int enc, const char *name, size_t n) {
  const char *sp = u->encname[0] ? u->encname : cs_enc_name(enc);
  return enc == CS_ENC_BUFFER || (strlen(sp) == n && memcmp(sp, name, n) == 0);
}

/* tochunk's string case with no encoding argument, for a string at idx
** (positive): the readable side's push encoding, the view borrowed. */
static int strchunk(lua_State *L, lcs_ud *u, int idx, cs_chunk *c, int *enc) {
  cs_stream *s = &u->s;
  *enc = cs_push_string_enc(s);
  if (*enc != CS_ENC_BUFFER) {
    const char *d = u->defencname[0] ? u->defencname : cs_enc_name(*enc);
    if (!lcs_same_spelling(u, s->r.encoding, d, strlen(d))) *enc |= CS_ENC_APART;
  }
  c->p = lua_tolstring(L, idx, &c->len);
  c->ref = lcs_borrow(idx);
  return 0;
}

/* Turn the value at idx into a readable-side chunk; returns 0, or -1 after
** handing an ERR_INVALID_ARG_TYPE to the stream ('error', as push does). */
int tochunk(lua_State *L, lcs_ud *u, int ui, int idx, int encidx,
                   cs_chunk *c, int *enc) {
  cs_stream *s = &u->s;
  if (s->r.f & CS_OBJECT_MODE) {
    c->p = NULL;
    c->len = 0;
    c->ref = lua_isnil(L, idx) ? CS_NOREF : borrow(L, idx);
    *enc = CS_ENC_BUFFER;
    return 0;
  }
  if (lua_type(L, idx) != LUA_TSTRING) {
    /* Called inside an entry: the message is made without Lua allocating
    ** (h_mkerror builds the error protected). */
    char msg[96];
    snprintf(msg, sizeof msg, "The \"chunk\" argument must be of type string. Received %s",
             luaL_typename(L, idx));
    cs_error_or_destroy(s, h_mkerror(s, CS_ERR_INVALID_ARG_TYPE, msg), 0);
    return -1;
  }
  if (!encidx || lua_isnoneornil(L, encidx))
    return strchunk(L, u, lua_absindex(L, idx), c, enc);
  {
    size_t n;
    const char *name;
    *enc = lcs_checkenc(L, encidx, 0);   /* a string: checkenc saw it */
    name = lua_tolstring(L, encidx, &n);
    if (!lcs_same_spelling(u, s->r.encoding, name, n)) *enc |= CS_ENC_APART;
  }
  c->p = lua_tolstring(L, idx, &c->len);
  c->ref = borrow(L, idx);
  (void)ui;
  return 0;
}

int cb_ontransform(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u), enc = CS_ENC_BUFFER, t;
  cs_chunk c, *cp = NULL;
  cs_ref err;
  CB_GUARD(u);
  err = argerr(L, 1, ui);
  {
    ENTERAT(u, ui);
    if (err == CS_NOREF && (t = lua_type(L, 2)) > LUA_TNIL) {
      if (u->s.r.f & CS_OBJECT_MODE) {
        /* tochunk's object-mode case, the value known not nil */
        c.p = NULL;
        c.len = 0;
        c.ref = lcs_borrow(2);
        cp = &c;
      } else if (t == LUA_TSTRING) {
        /* tochunk's string case, the type known */
        strchunk(L, u, 2, &c, &enc);
        cp = &c;
      } else if (tochunk(L, u, ui, 2, 0, &c, &enc) == 0) {
        cp = &c;
      }
    }
    cs_ontransform(&u->s, err, cp, enc);
    LEAVE(u);
  }
  CB_PENDING(L, u->st);
  return 0;
}

int cb_onflush(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u), enc = CS_ENC_BUFFER;
  cs_chunk c, *cp = NULL;
  cs_ref err;
  CB_GUARD(u);
  err = argerr(L, 1, ui);
  {
    ENTERAT(u, ui);
    if (err == CS_NOREF && lua_type(L, 2) > LUA_TNIL) {
      if (tochunk(L, u, ui, 2, 0, &c, &enc) == 0) cp = &c;
    }
    cs_onflush(&u->s, err, cp, enc);
    LEAVE(u);
  }
  lcs_check_pending(L, u->st);
  return 0;
}
