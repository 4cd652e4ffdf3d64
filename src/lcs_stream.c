/*
** lcs_stream.c - stream userdata: the host vtable the core calls, the
** properties, and the methods Lua calls.
**
** Every call into Lua is a lua_pcall: nothing unwinds through a core frame.
** An error raised by an implementation function (_read, _write, ...) or by a
** callback destroys the stream with that error; one raised by an event
** listener is kept and raised again once the core has returned to the Lua
** caller (lcs_check_pending), as a listener's throw propagates in Node.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs.h"

static const char WEAKKEY = 'k';   /* registry: cs_stream* -> userdata (weak) */
static const char PROPKEY = 'P';   /* registry: property name -> id */
#define ERRMT "cstream.Error"

#define toud(s) ((lcs_ud *)(s))
#define LCS_STR_(x) #x
#define LCS_STR(x) LCS_STR_(x)

/* The core calls back into Lua on u->L: the thread that entered it.  A
** stream driven from a coroutine must not keep that coroutine once the call
** returns, so every entry saves and restores it; nothing raises in between.
** 'busy' counts the entries driving the stream: a __gc called meanwhile
** (self:__gc() from _write or a listener) only marks it and the last LEAVE
** frees it, so no core frame runs on a freed stream.  LEAVE is a safe point:
** the collector's loan is repaid there (lcs_gc_hold). */
#define ENTERAT(u, idx) \
  lua_State *saved_L_ = (u)->L; int saved_ui_ = (u)->ui; \
  (u)->L = L; (u)->ui = lua_absindex(L, idx); (u)->busy++
#define ENTER(u) ENTERAT(u, 1)
#define DONE(L, u) lcs_check_pending(L, (u)->st)
#define LEAVE(u) do { \
    (u)->L = saved_L_; (u)->ui = saved_ui_; \
    if (--(u)->busy == 0 && (u)->gcpending) ud_free(L, u); \
    LCS_SETTLE(L, (u)->st); \
  } while (0)

static void ud_free(lua_State *L, lcs_ud *u);

/* Keys the binding looks up, interned once into a table every stream holds
** as a user value: one array access where lua_getfield would hash and
** strcmp a C string. */
enum {
  K_EVENTS = 1, K_EMIT, K_READ, K_WRITE, K_WRITEV, K_FINAL, K_FLUSH,
  K_TRANSFORM, K_DESTROY, K_CONSTRUCT, K_LISTENERCOUNT, K_WRITE_M,
  K_EV, K_ENC = K_EV + CS_EV__COUNT, K_ALIAS = K_ENC + CS_ENC__COUNT,
  K__COUNT = K_ALIAS + 6
};
static const char *const knames[] = {
  NULL, "_events", "emit", "_read", "_write", "_writev", "_final", "_flush",
  "_transform", "_destroy", "_construct", "listenerCount", "write", NULL
};
static const char KEYSKEY = 'K';   /* registry: the keys table */


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

static int raise(lua_State *L, const char *code, const char *msg) {
  lcs_pusherror(L, code, msg);
  return lua_error(L);
}

/* The value at stack index idx is argument number num of fname. */
int lcs_argerror(lua_State *L, int idx, int num, const char *fname,
                 const char *expected) {
  const char *got = luaL_typename(L, idx);
  lua_pushfstring(L, "bad argument #%d to '%s' (%s expected, got %s)",
                  num, fname, expected, lua_isnoneornil(L, idx) ? "no value" : got);
  return raise(L, "ERR_INVALID_ARG_TYPE", lua_tostring(L, -1));
}

static int err_tostring(lua_State *L) {
  lua_getfield(L, 1, "code");
  lua_getfield(L, 1, "message");
  lua_pushfstring(L, "Error [%s]: %s", luaL_tolstring(L, 2, NULL),
                  luaL_tolstring(L, 3, NULL));
  return 1;
}

/* ---- userdata access ------------------------------------------------------- */

/* A cstream userdata of this module: the size, the magic word and its own
** address (which no foreign userdata holds at that offset). */
static int is_stream(lua_State *L, int idx) {
  lcs_ud *u;
  if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) != sizeof(lcs_ud))
    return 0;
  u = (lcs_ud *)lua_touserdata(L, idx);
  return u->magic == LCS_MAGIC && u->self == u;
}

/* The value at idx is not the stream the running function needs: lauxlib's
** wording ("calling 'read' on bad self" for a method call), as an
** ERR_INVALID_ARG_TYPE error naming what was expected and what came. */
static int selferror(lua_State *L, int idx, const char *expected) {
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
  return raise(L, "ERR_INVALID_ARG_TYPE", lua_tostring(L, -1));
}

/* self (argument 1) as a live stream with every bit of 'kind' (0: any). */
static lcs_ud *checkself(lua_State *L, uint32_t kind, const char *expected) {
  lcs_ud *u;
  if (!is_stream(L, 1)) selferror(L, 1, expected);
  u = (lcs_ud *)lua_touserdata(L, 1);
  if (u->s.host == NULL) luaL_error(L, "attempt to use a closed stream");
  if ((u->s.kind & kind) != kind) selferror(L, 1, expected);
  return u;
}

#define checkud(L)  checkself(L, 0, "cstream stream")
#define checkR(L)   checkself(L, CS_K_READABLE, "cstream.Readable")
#define checkW(L)   checkself(L, CS_K_WRITABLE, "cstream.Writable")

/* Push the userdata of s; returns its absolute index. */
static int pushud(lua_State *L, cs_stream *s) {
  lcs_ud *u = toud(s);
  /* The slot is only trusted when it still holds this userdata: a host call
  ** made outside its own entry must not read another frame's slot. */
  if (u->ui && u->L == L && lua_touserdata(L, u->ui) == (void *)u) {
    lua_pushvalue(L, u->ui);
    return lua_gettop(L);
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, &WEAKKEY);
  lua_rawgetp(L, -1, s);
  lua_remove(L, -2);
  return lua_gettop(L);
}

static void pushref(lua_State *L, int udidx, cs_ref r) {
  if (r == CS_NOREF) { lua_pushnil(L); return; }
  if (lcs_isborrowed(r)) { lua_pushvalue(L, lcs_borrowidx(r)); return; }
  lua_getiuservalue(L, udidx, LCS_ANCHORS);
  lua_rawgeti(L, -1, r);
  lua_remove(L, -2);
}

static cs_ref toref(lua_State *L, int udidx) {  /* pops the value */
  lcs_ud *u;
  cs_ref r;
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return CS_NOREF; }
  u = (lcs_ud *)lua_touserdata(L, udidx);
  r = u->nfree ? u->freeref[--u->nfree] : ++u->nextref;
  lua_getiuservalue(L, udidx, LCS_ANCHORS);
  lua_insert(L, -2);
  lua_rawseti(L, -2, r);
  lua_pop(L, 1);
  return r;
}

static void unanchor(lua_State *L, lcs_ud *u, int udidx, cs_ref r) {
  lua_getiuservalue(L, udidx, LCS_ANCHORS);
  lua_pushnil(L);
  lua_rawseti(L, -2, r);
  lua_pop(L, 1);
  if (u->nfree == u->capfree) {
    int ncap = u->capfree ? u->capfree * 2 : 16;
    cs_ref *n = (cs_ref *)u->allocf(u->allocud, u->freeref,
                                    (size_t)u->capfree * sizeof(cs_ref),
                                    (size_t)ncap * sizeof(cs_ref));
    if (n == NULL) return;  /* the slot is not reused; nothing is lost */
    u->freeref = n;
    u->capfree = ncap;
  }
  u->freeref[u->nfree++] = r;
}

/* A value at stack index idx as a ref the core may hold only during the
** current call. */
static cs_ref borrow(lua_State *L, int idx) {
  return lcs_borrow(lua_absindex(L, idx));
}

/* An error value for the core: nil becomes an error table. */
static cs_ref toerr(lua_State *L, int udidx) {
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lcs_pusherror(L, "ERR_UNKNOWN", "a nil error was raised");
  }
  return toref(L, udidx);
}

/* Push a chunk's Lua value: the anchored string itself when the view is
** whole (zero copy), else the bytes of the view. */
static void pushchunk(lua_State *L, int udidx, const cs_chunk *c, int objmode) {
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

static void pushk(lua_State *L, int udidx, int k) {
  lua_getiuservalue(L, udidx, LCS_KEYS);
  lua_rawgeti(L, -1, k);
  lua_remove(L, -2);
}

/* Instance lookup skipping properties: fields, then the class chain. */
static int lookup(lua_State *L, int udidx, int k) {
  lua_getiuservalue(L, udidx, LCS_FIELDS);
  pushk(L, udidx, k);
  if (lua_rawget(L, -2) != LUA_TNIL) { lua_remove(L, -2); return 1; }
  lua_pop(L, 2);
  if (!lua_getmetatable(L, udidx)) { lua_pushnil(L); return 0; }
  pushk(L, udidx, k);
  lua_gettable(L, -2);
  lua_remove(L, -2);
  return !lua_isnil(L, -1);
}

/* ---- the host ---------------------------------------------------------------- */

static void *h_alloc(void *ctx, void *p, size_t osize, size_t nsize) {
  lcs_ud *u = (lcs_ud *)ctx;
  return u->allocf(u->allocud, p, osize, nsize);
}

static void h_unref(cs_stream *s, cs_ref r) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui;
  if (u->closing || r <= 0) return;  /* borrowed refs are negative */
  ui = pushud(L, s);
  unanchor(L, u, ui, r);
  lua_settop(L, ui - 1);
}

static cs_ref h_pin(cs_stream *s, cs_ref r) {
  lua_State *L;
  int ui;
  if (!lcs_isborrowed(r)) return r;
  L = toud(s)->L;
  ui = pushud(L, s);
  pushref(L, ui, r);
  r = toref(L, ui);
  lua_settop(L, ui - 1);
  return r;
}

static cs_ref h_dup(cs_stream *s, cs_ref r) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref n;
  pushref(L, ui, r);
  n = toref(L, ui);
  lua_settop(L, ui - 1);
  return n;
}

/* newbytes, mkerror, batch and clear_await_drain allocate but run no user
** code: they hold the collector (lcs_gc_hold), so that no finalizer runs
** Lua inside them while the core has state in hand (docs/DESIGN.md). */
static cs_ref h_newbytes(cs_stream *s, const char *p, size_t len, const char **stored) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref r;
  lcs_gc_hold(L, toud(s)->st);
  *stored = lua_pushlstring(L, len ? p : "", len);
  r = toref(L, ui);
  lua_settop(L, ui - 1);
  return r;
}

static cs_ref h_mkerror(cs_stream *s, int code, const char *msg) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref r;
  lcs_gc_hold(L, toud(s)->st);
  lcs_pusherror(L, cs_err_name(code), msg);
  r = toref(L, ui);
  lua_settop(L, ui - 1);
  return r;
}

static const char EMITKEY = 'e';   /* registry: the emitter's own emit */

/* Does this stream use the emitter's own emit?  Decided once (and again
** after an assignment to 'emit'): classes rarely replace it. */
static int stdemit(lua_State *L, int ui, lcs_ud *u) {
  if (u->stdemit == 0) {
    int top = lua_gettop(L);
    lookup(L, ui, K_EMIT);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &EMITKEY);
    u->stdemit = lua_rawequal(L, -1, -2) ? 1 : -1;
    lua_settop(L, top);
  }
  return u->stdemit > 0;
}
static int pipe_ondata(lua_State *L);
static int l_write(lua_State *L);

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
    d->stdwrite = lua_tocfunction(L, -1) == l_write ? 1 : -1;
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
static int fast_data(lua_State *L, int ui, cs_stream *s, const cs_chunk *c) {
  lcs_state *st = toud(s)->st;
  int top = lua_gettop(L), li, mh, cv, n, i, before = st->pending;
  int one = 0;
  lua_Integer running = 0;
  const char *p;
  size_t len = 0;
  if (!stdemit(L, ui, toud(s))) return 0;
  lua_getiuservalue(L, ui, LCS_FIELDS);
  pushk(L, ui, K_EVENTS);
  if (lua_rawget(L, -2) != LUA_TTABLE) { lua_settop(L, top); return 0; }
  pushk(L, ui, K_EV + CS_EV_DATA);
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
  pushchunk(L, ui, c, (s->r.f & CS_OBJECT_MODE) != 0);
  cv = lua_gettop(L);
  p = lua_type(L, cv) == LUA_TSTRING ? lua_tolstring(L, cv, &len) : NULL;
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

/* More than LCS_MAX_DEPTH nested emits: the event is not delivered and
** ERR_STACK_OVERFLOW is raised where the listener's error would be, as
** Node's RangeError propagates out of the push() that started it. */
static void too_deep(lua_State *L, lcs_state *st) {
  lcs_pusherror(L, "ERR_STACK_OVERFLOW",
                "Maximum call stack size exceeded (more than "
                LCS_STR(LCS_MAX_DEPTH) " nested stream events)");
  lcs_set_pending(L, st);
}

static void h_emit(cs_stream *s, int ev, const cs_chunk *c, cs_ref err) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  lcs_state *st = u->st;
  int ui, n = 2;
  if (st->depth >= LCS_MAX_DEPTH) { too_deep(L, st); return; }
  luaL_checkstack(L, 8, "emit");
  LCS_SETTLE(L, st);   /* user code may run from here on */
  ui = pushud(L, s);
  st->depth++;
  if (ev == CS_EV_DATA && fast_data(L, ui, s, c)) goto done;
  if (ev != CS_EV_ERROR && stdemit(L, ui, u)) {
    /* The emitter's emit with no listener does nothing: skip the call. */
    int none;
    lua_getiuservalue(L, ui, LCS_FIELDS);
    pushk(L, ui, K_EVENTS);
    none = lua_rawget(L, -2) != LUA_TTABLE;
    if (!none) {
      pushk(L, ui, K_EV + ev);
      none = lua_rawget(L, -2) != LUA_TTABLE || lua_rawlen(L, -1) == 0;
    }
    if (none) goto done;
    lua_settop(L, ui);
  }
  lua_pushcfunction(L, lcs_msgh);   /* keeps a listener's stack */
  lookup(L, ui, K_EMIT);
  lua_pushvalue(L, ui);
  pushk(L, ui, K_EV + ev);
  if (ev == CS_EV_DATA) {
    pushchunk(L, ui, c, (s->r.f & CS_OBJECT_MODE) != 0);
    n++;
  } else if (ev == CS_EV_ERROR) {
    pushref(L, ui, err);
    n++;
  }
  if (lua_pcall(L, n, 0, ui + 1) != LUA_OK) lcs_set_pending(L, st);
done:
  st->depth--;
  lua_settop(L, ui - 1);
}

static void h_defer(cs_stream *s, int op, cs_ref a, cs_ref b) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  lcs_tick_push_op(L, toud(s)->st, ui, op, a, b);
  lua_settop(L, ui - 1);
}

/* Call the method pushed below self and nargs arguments (the one gate into
** user code): an error it raises comes back as a ref, never as a longjmp. */
static cs_ref gate(lua_State *L, int ui, int nargs) {
  LCS_SETTLE(L, ((lcs_ud *)lua_touserdata(L, ui))->st);
  if (lua_pcall(L, nargs + 1, 0, 0) != LUA_OK) return toerr(L, ui);
  return CS_NOREF;
}

static cs_ref not_implemented(cs_stream *s, const char *what) {
  char msg[64];
  snprintf(msg, sizeof msg, "The %s method is not implemented", what);
  return h_mkerror(s, CS_ERR_METHOD_NOT_IMPLEMENTED, msg);
}

static cs_ref h_read(cs_stream *s, size_t n) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref e;
  if (!lookup(L, ui, K_READ)) {
    lua_settop(L, ui - 1);
    return not_implemented(s, "_read()");
  }
  lua_pushvalue(L, ui);
  lua_pushinteger(L, (lua_Integer)n);
  e = gate(L, ui, 1);
  lua_settop(L, ui - 1);
  return e;
}

/* With decodeStrings false Node hands _write the caller's spelling: an
** alias rides in the encoding's high bits, which the core never looks at on
** that path. */
static const char *const aliases[] = {
  NULL, "utf-8", "binary", "ucs2", "ucs-2", "utf-16le", NULL
};

static int withalias(int enc, const char *name) {
  int i;
  for (i = 1; aliases[i]; i++)
    if (strcmp(name, aliases[i]) == 0) return enc | (i << 8);
  return enc;
}

static int enckey(int enc) {
  if (enc < 0) return 0;  /* object mode: no encoding (keys[0] is nil) */
  return (enc >> 8) ? K_ALIAS + (enc >> 8) : K_ENC + enc;
}

static void pushcb(lua_State *L, int ui, cs_ref *slot, lua_CFunction f) {
  if (*slot == CS_NOREF) {
    lua_pushvalue(L, ui);
    lua_pushcclosure(L, f, 1);
    *slot = toref(L, ui);
  }
  pushref(L, ui, *slot);
}

static int cb_onwrite(lua_State *L);
static int cb_ontransform(lua_State *L);
static int cb_onfinal(lua_State *L);
static int cb_ondestroy(lua_State *L);
static int cb_onconstruct(lua_State *L);
static int cb_onflush(lua_State *L);

static void push_writev_table(lua_State *L, int ui, const cs_chunk *cs,
                              const int *encs, size_t n, int objmode) {
  size_t i;
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 2);
    pushchunk(L, ui, &cs[i], objmode);
    lua_setfield(L, -2, "chunk");
    pushk(L, ui, enckey(encs[i]));
    lua_setfield(L, -2, "encoding");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static cs_ref h_write(cs_stream *s, const cs_chunk *c, int enc) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui = pushud(L, s), objmode = (s->w.f & CS_OBJECT_MODE) != 0;
  cs_ref e;
  luaL_checkstack(L, 8, "write");
  if (lookup(L, ui, K_WRITE)) {
    lua_pushvalue(L, ui);
    pushchunk(L, ui, c, objmode);
    pushk(L, ui, enckey(enc));
    pushcb(L, ui, &u->onwrite, cb_onwrite);
    e = gate(L, ui, 3);
  } else {
    lua_pop(L, 1);
    if (!lookup(L, ui, K_WRITEV)) {
      lua_settop(L, ui - 1);
      return not_implemented(s, "_write()");
    }
    lua_pushvalue(L, ui);
    push_writev_table(L, ui, c, &enc, 1, objmode);
    pushcb(L, ui, &u->onwrite, cb_onwrite);
    e = gate(L, ui, 2);
  }
  lua_settop(L, ui - 1);
  return e;
}

static cs_ref h_writev(cs_stream *s, const cs_chunk *cs, const int *encs, size_t n) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui = pushud(L, s);
  cs_ref e;
  luaL_checkstack(L, 8, "writev");
  lookup(L, ui, K_WRITEV);
  lua_pushvalue(L, ui);
  push_writev_table(L, ui, cs, encs, n, (s->w.f & CS_OBJECT_MODE) != 0);
  pushcb(L, ui, &u->onwrite, cb_onwrite);
  e = gate(L, ui, 2);
  lua_settop(L, ui - 1);
  return e;
}

/* Call method 'name' with (self, fresh callback f). */
static cs_ref call_with_cb(cs_stream *s, int name, lua_CFunction f,
                           int has_err, cs_ref err) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s), n = 1;
  cs_ref e;
  luaL_checkstack(L, 8, "callback");
  lookup(L, ui, name);
  lua_pushvalue(L, ui);
  if (has_err) { pushref(L, ui, err); n++; }
  lua_pushvalue(L, ui);
  lua_pushcclosure(L, f, 1);
  e = gate(L, ui, n);
  lua_settop(L, ui - 1);
  return e;
}

static cs_ref h_final(cs_stream *s) {
  return call_with_cb(s, K_FINAL, cb_onfinal, 0, CS_NOREF);
}

static cs_ref h_destroy(cs_stream *s, cs_ref err) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s), has = lookup(L, ui, K_DESTROY);
  lua_settop(L, ui - 1);
  if (!has) {  /* the default _destroy: callback(err) */
    cs_ondestroy(s, h_dup(s, err));
    return CS_NOREF;
  }
  return call_with_cb(s, K_DESTROY, cb_ondestroy, 1, err);
}

static cs_ref h_construct(cs_stream *s) {
  return call_with_cb(s, K_CONSTRUCT, cb_onconstruct, 0, CS_NOREF);
}

static cs_ref h_transform(cs_stream *s, const cs_chunk *c, int enc) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui = pushud(L, s);
  cs_ref e;
  luaL_checkstack(L, 8, "transform");
  if (!lookup(L, ui, K_TRANSFORM)) {
    lua_settop(L, ui - 1);
    return not_implemented(s, "_transform()");
  }
  lua_pushvalue(L, ui);
  pushchunk(L, ui, c, (s->w.f & CS_OBJECT_MODE) != 0);
  pushk(L, ui, enckey(enc));
  pushcb(L, ui, &u->ontransform, cb_ontransform);
  e = gate(L, ui, 3);
  lua_settop(L, ui - 1);
  return e;
}

static cs_ref h_flush(cs_stream *s) {
  return call_with_cb(s, K_FLUSH, cb_onflush, 0, CS_NOREF);
}

static void h_callback(cs_stream *s, cs_ref cb, cs_ref err) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  luaL_checkstack(L, 4, "callback");
  pushref(L, ui, cb);
  pushref(L, ui, err);
  LCS_SETTLE(L, toud(s)->st);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    cs_ref e = toerr(L, ui);
    cs_destroy(s, e, CS_NOREF);
  }
  lua_settop(L, ui - 1);
}

static int l_tread(lua_State *L);

static int h_has(cs_stream *s, int m) {
  lua_State *L = toud(s)->L;
  int ui, r;
  if (m == CS_M_READ) {  /* asked per _read: decided once */
    lcs_ud *u = toud(s);
    if (u->userread == 0) {
      ui = pushud(L, s);
      r = lookup(L, ui, K_READ) && lua_tocfunction(L, -1) != l_tread;
      u->userread = r ? 1 : -1;
      lua_settop(L, ui - 1);
    }
    return u->userread > 0;
  }
  ui = pushud(L, s);
  r = lookup(L, ui, m == CS_M_WRITEV ? K_WRITEV :
                    m == CS_M_FINAL ? K_FINAL : K_FLUSH);
  lua_settop(L, ui - 1);
  return r;
}

static int h_same(cs_stream *s, cs_ref a, cs_ref b) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s), r;
  pushref(L, ui, a);
  pushref(L, ui, b);
  r = lua_rawequal(L, -1, -2);
  lua_settop(L, ui - 1);
  return r;
}

static const char AGGKEY = 'a';    /* registry: errors.aggregateTwoErrors */

/* aggregateTwoErrors(inner, outer) through the Lua function errors.lua
** registers; outer when there is none or it fails. */
static cs_ref h_aggregate(cs_stream *s, cs_ref inner, cs_ref outer) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref r;
  luaL_checkstack(L, 4, "aggregate");
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &AGGKEY) != LUA_TFUNCTION) {
    lua_settop(L, ui - 1);
    h_unref(s, inner);
    return outer;
  }
  pushref(L, ui, inner);
  pushref(L, ui, outer);
  if (lua_pcall(L, 2, 1, 0) != LUA_OK || lua_isnil(L, -1)) {
    lua_settop(L, ui - 1);
    h_unref(s, inner);
    return outer;
  }
  r = toref(L, ui);
  lua_settop(L, ui - 1);
  h_unref(s, inner);
  h_unref(s, outer);
  return r;
}

static int cb_batch(lua_State *L) {
  int i, n = (int)lua_rawlen(L, lua_upvalueindex(1));
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, lua_upvalueindex(1), i);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 0);
  }
  return 0;
}

static cs_ref h_batch(cs_stream *s, const cs_ref *cbs, size_t n) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s), k = 0;
  size_t i;
  cs_ref r;
  lcs_gc_hold(L, toud(s)->st);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    if (cbs[i] == CS_NOREF) continue;
    pushref(L, ui, cbs[i]);
    lua_rawseti(L, -2, ++k);
    h_unref(s, cbs[i]);
  }
  lua_pushcclosure(L, cb_batch, 1);
  r = toref(L, ui);
  lua_settop(L, ui - 1);
  return r;
}

static void h_clear_await(cs_stream *s) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  lcs_gc_hold(L, toud(s)->st);
  lua_getiuservalue(L, ui, LCS_FIELDS);
  if (s->r.f & CS_R_MULTI_AWAIT_DRAIN) lua_newtable(L);
  else lua_pushnil(L);
  lua_setfield(L, -2, "_awaitDrain");
  lua_settop(L, ui - 1);
}

static const cs_host host = {
  h_alloc, h_unref, h_dup, h_newbytes, h_mkerror, h_emit, h_defer,
  h_read, h_write, h_writev, h_final, h_destroy, h_construct, h_transform,
  h_flush, h_callback, h_has, h_same, h_batch, h_clear_await, h_pin,
  h_aggregate
};

/* ---- callbacks handed to user code --------------------------------------- */

static lcs_ud *cbud(lua_State *L) {
  return (lcs_ud *)lua_touserdata(L, lua_upvalueindex(1));
}

/* The ud is pushed at the top for refs; returns its index. */
static int cbenter(lua_State *L, lcs_ud **u) {
  *u = cbud(L);
  lua_settop(L, 2);  /* (err, data) */
  lua_pushvalue(L, lua_upvalueindex(1));
  return lua_gettop(L);
}

static cs_ref argerr(lua_State *L, int arg, int ui) {
  if (lua_isnoneornil(L, arg)) return CS_NOREF;
  lua_pushvalue(L, arg);
  return toref(L, ui);
}

#define CB_GUARD(u) do { if ((u)->s.host == NULL) return 0; } while (0)

static int cb_onwrite(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u);
  CB_GUARD(u);
  { ENTERAT(u, ui); cs_onwrite(&u->s, argerr(L, 1, ui)); LEAVE(u); }
  lcs_check_pending(L, u->st);
  return 0;
}

static int cb_onfinal(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u);
  CB_GUARD(u);
  { ENTERAT(u, ui); cs_onfinal(&u->s, argerr(L, 1, ui)); LEAVE(u); }
  lcs_check_pending(L, u->st);
  return 0;
}

static int cb_ondestroy(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u);
  CB_GUARD(u);
  { ENTERAT(u, ui); cs_ondestroy(&u->s, argerr(L, 1, ui)); LEAVE(u); }
  lcs_check_pending(L, u->st);
  return 0;
}

static int cb_onconstruct(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u);
  CB_GUARD(u);
  { ENTERAT(u, ui); cs_onconstruct(&u->s, argerr(L, 1, ui)); LEAVE(u); }
  lcs_check_pending(L, u->st);
  return 0;
}

/* Turn the value at idx into a readable-side chunk; returns 0, or -1 after
** handing an ERR_INVALID_ARG_TYPE to the stream ('error', as push does). */
static int tochunk(lua_State *L, lcs_ud *u, int ui, int idx, int encidx,
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
    lua_pushfstring(L, "The \"chunk\" argument must be of type string. Received %s",
                    luaL_typename(L, idx));
    cs_error_or_destroy(s, h_mkerror(s, CS_ERR_INVALID_ARG_TYPE, lua_tostring(L, -1)), 0);
    lua_pop(L, 1);
    return -1;
  }
  if (encidx && !lua_isnoneornil(L, encidx)) {
    size_t n;
    const char *name;
    if (!lua_isstring(L, encidx)) lcs_argerror(L, encidx, encidx - 1, "push", "string");
    name = lua_tolstring(L, encidx, &n);
    *enc = cs_enc_parse(name, n);
    if (*enc < 0) {
      lua_pushfstring(L, "Unknown encoding: %s", name);
      raise(L, "ERR_UNKNOWN_ENCODING", lua_tostring(L, -1));
    }
  } else {
    /* A Lua string is bytes (Node's Buffer), so a decoder set by
    ** setEncoding() sees it, unless an encoding says it is text: the
    ** stream's defaultEncoding when that is not utf8. */
    *enc = s->r.default_encoding == CS_ENC_UTF8 ? CS_ENC_BUFFER
                                                : s->r.default_encoding;
  }
  c->p = lua_tolstring(L, idx, &c->len);
  c->ref = borrow(L, idx);
  (void)ui;
  return 0;
}

static int cb_ontransform(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u), enc = CS_ENC_BUFFER;
  cs_chunk c, *cp = NULL;
  cs_ref err;
  CB_GUARD(u);
  err = argerr(L, 1, ui);
  {
    ENTERAT(u, ui);
    if (err == CS_NOREF && !lua_isnoneornil(L, 2)) {
      if (tochunk(L, u, ui, 2, 0, &c, &enc) == 0) cp = &c;
    }
    cs_ontransform(&u->s, err, cp, enc);
    LEAVE(u);
  }
  lcs_check_pending(L, u->st);
  return 0;
}

static int cb_onflush(lua_State *L) {
  lcs_ud *u;
  int ui = cbenter(L, &u), enc = CS_ENC_BUFFER;
  cs_chunk c, *cp = NULL;
  cs_ref err;
  CB_GUARD(u);
  err = argerr(L, 1, ui);
  {
    ENTERAT(u, ui);
    if (err == CS_NOREF && !lua_isnoneornil(L, 2)) {
      if (tochunk(L, u, ui, 2, 0, &c, &enc) == 0) cp = &c;
    }
    cs_onflush(&u->s, err, cp, enc);
    LEAVE(u);
  }
  lcs_check_pending(L, u->st);
  return 0;
}

/* ---- deferred ops from the tick queue -------------------------------------- */

void lcs_run_op(lua_State *L, int udidx, int op, cs_ref a, cs_ref b) {
  lcs_ud *u = (lcs_ud *)lua_touserdata(L, udidx);
  if (u->s.host == NULL) return;
  if (op == CS_OP_UPDATE_READABLE_LISTENING) {
    int n = 0;
    lookup(L, udidx, K_LISTENERCOUNT);
    lua_pushvalue(L, udidx);
    pushk(L, udidx, K_EV + CS_EV_READABLE);
    LCS_SETTLE(L, u->st);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) { lcs_set_pending(L, u->st); return; }
    n = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (u->s.host == NULL) return;  /* listenerCount freed it */
    { ENTERAT(u, udidx); cs_update_readable_listening(&u->s, n); LEAVE(u); }
    return;
  }
  { ENTERAT(u, udidx); cs_run(&u->s, op, a, b); LEAVE(u); }
}

/* ---- construction ------------------------------------------------------------ */

/* How Node's inspect() shows an option value in a message. */
static const char *jsvalue(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TSTRING: return lua_pushfstring(L, "'%s'", lua_tostring(L, idx));
    case LUA_TBOOLEAN: return lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
    case LUA_TNUMBER: {
      double v = lua_tonumber(L, idx);
      if (lua_isinteger(L, idx)) return lua_pushfstring(L, "%I", lua_tointeger(L, idx));
      if (v != v) return lua_pushstring(L, "NaN");
      if (isinf(v)) return lua_pushstring(L, v > 0 ? "Infinity" : "-Infinity");
      if (v == floor(v) && fabs(v) < 1e15) return lua_pushfstring(L, "%I", (lua_Integer)v);
      return lua_pushfstring(L, "%f", v);
    }
    default: return lua_pushstring(L, luaL_typename(L, idx));
  }
}

/* Node's getHighWaterMark(state, options, sidekey, isDuplex): highWaterMark,
** else (Duplex) the side's own key; anything but a non-negative integer is
** ERR_INVALID_ARG_VALUE, named by the side's key in a Duplex.  -1: default. */
static double opt_hwm(lua_State *L, int oi, int duplex, const char *sidekey) {
  double v = -1;
  if (duplex < 0) {  /* the side's own key only */
    lua_getfield(L, oi, sidekey);
  } else if (lua_getfield(L, oi, "highWaterMark") == LUA_TNIL && duplex) {
    lua_pop(L, 1);
    lua_getfield(L, oi, sidekey);
  }
  if (!lua_isnil(L, -1)) {
    if (lua_type(L, -1) != LUA_TNUMBER || !((v = lua_tonumber(L, -1)) >= 0) ||
        v != floor(v) || isinf(v)) {
      const char *got = jsvalue(L, -1);
      lua_pushfstring(L, "The property 'options.%s' is invalid. Received %s",
                      duplex ? sidekey : "highWaterMark", got);
      raise(L, "ERR_INVALID_ARG_VALUE", lua_tostring(L, -1));
    }
    /* Past 2^53 - 1 no buffer is ever that long. */
    if (v > 9007199254740991.0) v = 9007199254740991.0;
  }
  lua_pop(L, 1);
  return v;
}

/* Transform with a readable highWaterMark of 0: Node's
** `writableHighWaterMark: options.writableHighWaterMark || 0`. */
static double opt_transform_whwm(lua_State *L, int oi) {
  int t = lua_getfield(L, oi, "writableHighWaterMark");
  int falsy = t == LUA_TNIL || (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)) ||
              (t == LUA_TNUMBER && (lua_tonumber(L, -1) == 0 || lua_tonumber(L, -1) != lua_tonumber(L, -1))) ||
              (t == LUA_TSTRING && lua_rawlen(L, -1) == 0);
  lua_pop(L, 1);
  if (falsy) return 0;
  return opt_hwm(L, oi, -1, "writableHighWaterMark");
}

static int opt_bool(lua_State *L, int oi, const char *k, int def) {
  int v = def;
  if (lua_getfield(L, oi, k) != LUA_TNIL) v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

static int opt_enc(lua_State *L, int oi, const char *k, int def) {
  int v = def;
  if (lua_getfield(L, oi, k) != LUA_TNIL && lua_toboolean(L, -1)) {
    size_t n;
    const char *name = lua_tolstring(L, -1, &n);
    v = name ? cs_enc_parse(name, n) : -1;
    if (v < 0 || v == CS_ENC_BUFFER) {
      lua_pushfstring(L, "Unknown encoding: %s", luaL_tolstring(L, -1, NULL));
      raise(L, "ERR_UNKNOWN_ENCODING", lua_tostring(L, -1));
    }
  }
  lua_pop(L, 1);
  return v;
}

/* PassThrough.prototype._transform: callback(nil, chunk).  A PassThrough
** whose _transform is this one never calls it: cs_t_write passes the chunk
** on in C.  A subclass may call it as stream.PassThrough._transform. */
static int l_ptransform(lua_State *L) {
  lua_settop(L, 4);
  lua_pushnil(L);
  lua_pushvalue(L, 2);
  lua_call(L, 2, 0);
  return 0;
}

/* The all-C path holds while the _transform found is PassThrough's own: a
** transform option, a subclass method or one assigned to the instance later
** leaves it, as Node's PassThrough then calls that one. */
static void pt_update(lua_State *L, lcs_ud *u, int ui) {
  int own = lookup(L, ui, K_TRANSFORM) && lua_tocfunction(L, -1) == l_ptransform;
  lua_pop(L, 1);
  if (own) u->s.kind |= CS_K_PASSTHROUGH; else u->s.kind &= ~CS_K_PASSTHROUGH;
}

/* Node's default highWaterMarks, one pair per Lua state: an upvalue shared
** by new, getDefaultHighWaterMark and setDefaultHighWaterMark. */
#define DEFHWM(L) ((size_t *)lua_touserdata(L, lua_upvalueindex(1)))

/* core.getDefaultHighWaterMark(objectMode) */
static int l_getdefhwm(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)DEFHWM(L)[lua_toboolean(L, 1) ? 1 : 0]);
  return 1;
}

/* A number as JS prints it in an error message (NaN, Infinity). */
static const char *jsnum(lua_State *L, int idx) {
  lua_Number n = lua_tonumber(L, idx);
  if (n != n) return "NaN";
  if (n - n != 0) return n > 0 ? "Infinity" : "-Infinity";
  if (n == floor(n) && fabs(n) < 1e21) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.0f", (double)n);
    return lua_pushstring(L, buf);
  }
  return luaL_tolstring(L, idx, NULL);
}

/* core.setDefaultHighWaterMark(objectMode, n): n as Node's validateInteger
** (value, 'value', 0) takes it; streams made afterwards use it. */
static int l_setdefhwm(lua_State *L) {
  lua_Number n;
  if (lua_type(L, 2) != LUA_TNUMBER)
    return lcs_argerror(L, 2, 2, "setDefaultHighWaterMark", "number");
  n = lua_tonumber(L, 2);
  if (n != floor(n) || n - n != 0) {  /* fractional, NaN, infinite */
    lua_pushfstring(L, "The value of \"value\" is out of range. It must be an integer. Received %s",
                    jsnum(L, 2));
    return raise(L, "ERR_OUT_OF_RANGE", lua_tostring(L, -1));
  }
  if (n < 0 || n > 9007199254740991.0) {
    lua_pushfstring(L, "The value of \"value\" is out of range. It must be >= 0 && <= 9007199254740991. Received %s",
                    jsnum(L, 2));
    return raise(L, "ERR_OUT_OF_RANGE", lua_tostring(L, -1));
  }
  DEFHWM(L)[lua_toboolean(L, 1) ? 1 : 0] = (size_t)n;
  return 0;
}

/* core.new(class, kind, opts) */
static int l_new(lua_State *L) {
  uint32_t kind = (uint32_t)luaL_checkinteger(L, 2);
  int duplex = (kind & CS_K_READABLE) && (kind & CS_K_WRITABLE);
  cs_opts o;
  lcs_ud *u;
  int rc;
  luaL_checktype(L, 1, LUA_TTABLE);
  cs_opts_default(&o);
  o.default_hwm[0] = DEFHWM(L)[0];
  o.default_hwm[1] = DEFHWM(L)[1];
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    o.object_mode[0] = o.object_mode[1] = opt_bool(L, 3, "objectMode", 0);
    if (duplex) {
      if (opt_bool(L, 3, "readableObjectMode", 0)) o.object_mode[0] = 1;
      if (opt_bool(L, 3, "writableObjectMode", 0)) o.object_mode[1] = 1;
    }
    /* In Node's order: ReadableState (highWaterMark, defaultEncoding,
    ** encoding), then WritableState (highWaterMark, defaultEncoding). */
    if (kind & CS_K_READABLE) {
      o.hwm[0] = opt_hwm(L, 3, duplex, "readableHighWaterMark");
      o.default_encoding = opt_enc(L, 3, "defaultEncoding", CS_ENC_UTF8);
      o.encoding = opt_enc(L, 3, "encoding", -1);
    }
    if (kind & CS_K_WRITABLE) {
      if ((kind & CS_K_TRANSFORM) && o.hwm[0] == 0)
        o.hwm[1] = opt_transform_whwm(L, 3);
      else
        o.hwm[1] = opt_hwm(L, 3, duplex, "writableHighWaterMark");
      o.default_encoding = opt_enc(L, 3, "defaultEncoding", CS_ENC_UTF8);
    }
    o.emit_close = opt_bool(L, 3, "emitClose", 1);
    o.auto_destroy = opt_bool(L, 3, "autoDestroy", 1);
    o.allow_half_open = opt_bool(L, 3, "allowHalfOpen", 1);
    o.decode_strings = opt_bool(L, 3, "decodeStrings", 1);
    o.readable = opt_bool(L, 3, "readable", 1);
    o.writable = opt_bool(L, 3, "writable", 1);
  }
  /* Build closed first: zeroed and with its metatable before anything fails. */
  u = (lcs_ud *)lua_newuserdatauv(L, sizeof(lcs_ud), 3);
  memset(u, 0, sizeof *u);
  lua_newtable(L);
  lua_setiuservalue(L, -2, LCS_FIELDS);
  lua_newtable(L);
  lua_setiuservalue(L, -2, LCS_ANCHORS);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &KEYSKEY);
  lua_setiuservalue(L, -2, LCS_KEYS);
  lua_pushvalue(L, 1);
  lua_setmetatable(L, -2);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &WEAKKEY);
  lua_pushvalue(L, -2);
  lua_rawsetp(L, -2, &u->s);
  lua_pop(L, 1);
  u->L = L;
  u->magic = LCS_MAGIC;
  u->self = u;
  u->st = lcs_getstate(L);
  u->allocf = lua_getallocf(L, &u->allocud);
  rc = cs_init(&u->s, &host, u, kind, &o);
  if (rc != 0) return raise(L, "ENOMEM", "out of memory");
  if (kind & CS_K_PASSTHROUGH) {
    u->passthrough = 1;
    pt_update(L, u, lua_gettop(L));
  }
  return 1;
}

static int l_construct(lua_State *L) {
  lcs_ud *u = checkud(L);
  { ENTER(u); cs_construct(&u->s); LEAVE(u); }
  return 0;
}

static void ud_free(lua_State *L, lcs_ud *u) {
  u->gcpending = 0;
  if (u->s.host == NULL) return;
  u->closing = 1;
  u->L = L;
  cs_free(&u->s);
  if (u->freeref)
    u->allocf(u->allocud, u->freeref, (size_t)u->capfree * sizeof(cs_ref), 0);
  u->freeref = NULL;
  u->nfree = u->capfree = 0;
}

/* __gc frees the core state; called explicitly (self:__gc()) while an
** entry drives the stream it only marks it, and the last entry out frees
** it.  Any later call finds a closed stream. */
static int l_gc(lua_State *L) {
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
static int l_close(lua_State *L) {
  lcs_ud *u;
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  u = (lcs_ud *)lua_touserdata(L, 1);
  if (u->s.host != NULL && !cs_destroyed(&u->s)) {
    { ENTER(u); cs_destroy(&u->s, CS_NOREF, CS_NOREF); LEAVE(u); }
    DONE(L, u);
  }
  return 0;
}

/* ---- properties --------------------------------------------------------------- */

enum {
  P_READABLE = 1, P_FLOWING, P_RLENGTH, P_RHWM, P_RENCODING, P_RENDED,
  P_ROBJ, P_RABORTED, P_RDIDREAD, P_DESTROYED, P_CLOSED, P_ERRORED,
  P_WRITABLE, P_WLENGTH, P_WHWM, P_WENDED, P_WFINISHED, P_WCORKED,
  P_WNEEDDRAIN, P_WOBJ, P_WABORTED, P_HALFOPEN
};

static const char *const propnames[] = {
  NULL, "readable", "readableFlowing", "readableLength", "readableHighWaterMark",
  "readableEncoding", "readableEnded", "readableObjectMode", "readableAborted",
  "readableDidRead", "destroyed", "closed", "errored", "writable",
  "writableLength", "writableHighWaterMark", "writableEnded", "writableFinished",
  "writableCorked", "writableNeedDrain", "writableObjectMode", "writableAborted",
  "allowHalfOpen", NULL
};

static int pushprop(lua_State *L, lcs_ud *u, int ui, int id) {
  cs_stream *s = &u->s;
  int r = (s->kind & CS_K_READABLE) != 0, w = (s->kind & CS_K_WRITABLE) != 0;
  if (s->host == NULL) { lua_pushnil(L); return 1; }
  if (id >= P_RLENGTH && id <= P_RDIDREAD && !r) { lua_pushnil(L); return 1; }
  if (id >= P_WLENGTH && id <= P_WABORTED && !w) { lua_pushnil(L); return 1; }
  switch (id) {
    case P_READABLE: lua_pushboolean(L, cs_readable(s)); break;
    case P_FLOWING: {
      int f = r ? cs_flowing(s) : -1;
      if (f < 0) lua_pushnil(L); else lua_pushboolean(L, f);
      break;
    }
    case P_RLENGTH: lua_pushinteger(L, (lua_Integer)s->r.length); break;
    case P_RHWM: lua_pushinteger(L, (lua_Integer)s->r.hwm); break;
    case P_RENCODING:
      if (s->r.encoding == CS_ENC_BUFFER) lua_pushnil(L);
      else lua_pushstring(L, cs_enc_name(s->r.encoding));
      break;
    case P_RENDED: lua_pushboolean(L, (s->r.f & CS_R_END_EMITTED) != 0); break;
    case P_ROBJ: lua_pushboolean(L, (s->r.f & CS_OBJECT_MODE) != 0); break;
    case P_RABORTED: lua_pushboolean(L, cs_readable_aborted(s)); break;
    case P_RDIDREAD: lua_pushboolean(L, (s->r.f & CS_R_DATA_EMITTED) != 0); break;
    case P_DESTROYED: lua_pushboolean(L, cs_destroyed(s)); break;
    case P_CLOSED: lua_pushboolean(L, cs_closed(s)); break;
    case P_ERRORED:
      if (((r ? s->r.f : s->w.f) & CS_ERRORED) && s->errored != CS_NOREF)
        pushref(L, ui, s->errored);
      else
        lua_pushnil(L);
      break;
    case P_WRITABLE: lua_pushboolean(L, cs_writable(s)); break;
    case P_WLENGTH: lua_pushinteger(L, (lua_Integer)s->w.length); break;
    case P_WHWM: lua_pushinteger(L, (lua_Integer)s->w.hwm); break;
    case P_WENDED: lua_pushboolean(L, (s->w.f & CS_W_ENDING) != 0); break;
    case P_WFINISHED: lua_pushboolean(L, (s->w.f & CS_W_FINISHED) != 0); break;
    case P_WCORKED: lua_pushinteger(L, s->w.corked); break;
    case P_WNEEDDRAIN: lua_pushboolean(L, cs_need_drain(s)); break;
    case P_WOBJ: lua_pushboolean(L, (s->w.f & CS_OBJECT_MODE) != 0); break;
    case P_WABORTED: lua_pushboolean(L, cs_writable_aborted(s)); break;
    case P_HALFOPEN:
      if (r && w) lua_pushboolean(L, (s->kind & CS_K_HALF_OPEN) != 0);
      else lua_pushnil(L);
      break;
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

/* __index: instance fields, then properties, then the class chain. */
static int l_index(lua_State *L) {
  lcs_ud *u;
  int id;
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  u = (lcs_ud *)lua_touserdata(L, 1);
  lua_getiuservalue(L, 1, LCS_FIELDS);
  lua_pushvalue(L, 2);
  if (lua_rawget(L, -2) != LUA_TNIL) return 1;
  lua_pop(L, 2);
  if (lua_type(L, 2) == LUA_TSTRING && (id = propid(L, 2)) != 0)
    return pushprop(L, u, 1, id);
  lua_getmetatable(L, 1);
  lua_pushvalue(L, 2);
  lua_gettable(L, -2);
  return 1;
}

static int l_newindex(lua_State *L) {
  if (!is_stream(L, 1)) return selferror(L, 1, "cstream stream");
  if (lua_type(L, 2) == LUA_TSTRING && propid(L, 2) != 0)
    return luaL_error(L, "attempt to set read-only property '%s'", lua_tostring(L, 2));
  if (lua_type(L, 2) == LUA_TSTRING) {
    const char *k = lua_tostring(L, 2);
    lcs_ud *u = (lcs_ud *)lua_touserdata(L, 1);
    if (strcmp(k, "emit") == 0) u->stdemit = 0;
    else if (strcmp(k, "write") == 0) u->stdwrite = 0;
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

/* _state(): Node's state fields for the Lua utilities (finished, pipeline). */
static void setb(lua_State *L, const char *k, int v) {
  lua_pushboolean(L, v);
  lua_setfield(L, -2, k);
}

static int l_state(lua_State *L) {
  lcs_ud *u = checkud(L);
  cs_stream *s = &u->s;
  lua_createtable(L, 0, 2);
  if (s->kind & CS_K_READABLE) {
    uint32_t f = s->r.f;
    lua_createtable(L, 0, 16);
    setb(L, "objectMode", f & CS_OBJECT_MODE);
    setb(L, "ended", f & CS_R_ENDED);
    setb(L, "endEmitted", f & CS_R_END_EMITTED);
    setb(L, "reading", f & CS_R_READING);
    setb(L, "errorEmitted", f & CS_ERROR_EMITTED);
    setb(L, "emitClose", f & CS_EMIT_CLOSE);
    setb(L, "autoDestroy", f & CS_AUTO_DESTROY);
    setb(L, "destroyed", f & CS_DESTROYED);
    setb(L, "closed", f & CS_CLOSED);
    setb(L, "closeEmitted", f & CS_CLOSE_EMITTED);
    setb(L, "constructed", f & CS_CONSTRUCTED);
    setb(L, "readable", !(f & CS_R_DISABLED));
    setb(L, "dataEmitted", f & CS_R_DATA_EMITTED);
    setb(L, "multiAwaitDrain", f & CS_R_MULTI_AWAIT_DRAIN);
    setb(L, "dataListening", f & CS_R_DATA_LISTENING);
    if (f & CS_ERRORED) { pushref(L, 1, s->errored); lua_setfield(L, -2, "errored"); }
    if (cs_flowing(s) >= 0) setb(L, "flowing", cs_flowing(s));
    lua_pushinteger(L, (lua_Integer)s->r.length);
    lua_setfield(L, -2, "length");
    lua_setfield(L, -2, "r");
  }
  if (s->kind & CS_K_WRITABLE) {
    uint32_t f = s->w.f;
    lua_createtable(L, 0, 20);
    setb(L, "objectMode", f & CS_OBJECT_MODE);
    setb(L, "ending", f & CS_W_ENDING);
    setb(L, "ended", f & CS_W_ENDED);
    setb(L, "finished", f & CS_W_FINISHED);
    setb(L, "errorEmitted", f & CS_ERROR_EMITTED);
    setb(L, "emitClose", f & CS_EMIT_CLOSE);
    setb(L, "autoDestroy", f & CS_AUTO_DESTROY);
    setb(L, "destroyed", f & CS_DESTROYED);
    setb(L, "closed", f & CS_CLOSED);
    setb(L, "closeEmitted", f & CS_CLOSE_EMITTED);
    setb(L, "constructed", f & CS_CONSTRUCTED);
    setb(L, "writable", !(f & CS_W_DISABLED));
    setb(L, "needDrain", f & CS_W_NEED_DRAIN);
    setb(L, "finalCalled", f & CS_W_FINAL_CALLED);
    setb(L, "prefinished", f & CS_W_PREFINISHED);
    setb(L, "writing", f & CS_W_WRITING);
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

/* ---- readable methods ------------------------------------------------------- */



static void checkenc(lua_State *L, int idx) {
  size_t n;
  const char *name;
  if (lua_isnoneornil(L, idx)) return;
  if (!lua_isstring(L, idx)) lcs_argerror(L, idx, idx - 1, "push", "string");
  name = lua_tolstring(L, idx, &n);
  if (cs_enc_parse(name, n) < 0) {
    lua_pushfstring(L, "Unknown encoding: %s", name);
    raise(L, "ERR_UNKNOWN_ENCODING", lua_tostring(L, -1));
  }
}

static int push_or_unshift(lua_State *L, int front) {
  lcs_ud *u = checkR(L);
  cs_chunk c;
  int enc, r;
  checkenc(L, 3);
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

static int l_push(lua_State *L) { return push_or_unshift(L, 0); }
static int l_unshift(lua_State *L) { return push_or_unshift(L, 1); }

static int l_read(lua_State *L) {
  lcs_ud *u = checkR(L);
  cs_chunk c;
  int has = !lua_isnoneornil(L, 2), got;
  double n = 0;
  if (has) {
    if (!lua_isnumber(L, 2)) return lcs_argerror(L, 2, 1, "read", "number");
    n = lua_tonumber(L, 2);
    if (n > (double)CS_MAX_HWM) {
      lua_pushfstring(L, "The value of \"size\" is out of range. It must be <= 1GiB. Received %s",
                      luaL_tolstring(L, 2, NULL));
      return raise(L, "ERR_OUT_OF_RANGE", lua_tostring(L, -1));
    }
  }
  {
    ENTER(u);
    got = cs_read(&u->s, has, n, &c);
    if (got) {
      pushchunk(L, 1, &c, (u->s.r.f & CS_OBJECT_MODE) != 0);
      h_unref(&u->s, c.ref);
    } else {
      lua_pushnil(L);
    }
    LEAVE(u);
  }
  lcs_check_pending(L, u->st);
  return 1;
}

static int l_setencoding(lua_State *L) {
  lcs_ud *u = checkR(L);
  int enc = CS_ENC_UTF8;
  if (!lua_isnoneornil(L, 2)) {
    size_t n;
    const char *name;
    if (!lua_isstring(L, 2)) return lcs_argerror(L, 2, 1, "setEncoding", "string");
    name = lua_tolstring(L, 2, &n);
    enc = cs_enc_parse(name, n);
    if (enc < 0 || enc == CS_ENC_BUFFER) {
      lua_pushfstring(L, "Unknown encoding: %s", name);
      return raise(L, "ERR_UNKNOWN_ENCODING", lua_tostring(L, -1));
    }
  }
  {
    int rc;
    ENTER(u);
    rc = cs_set_encoding(&u->s, enc);
    LEAVE(u);
    if (rc != 0) return raise(L, "ENOMEM", "out of memory");
  }
  lua_settop(L, 1);
  return 1;
}

static int l_pause(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_pause(&u->s); LEAVE(u); }
  DONE(L, u);
  lua_settop(L, 1);
  return 1;
}

static int l_resume(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_resume(&u->s); LEAVE(u); }
  DONE(L, u);
  lua_settop(L, 1);
  return 1;
}

static int l_ispaused(lua_State *L) {
  lcs_ud *u = checkR(L);
  lua_pushboolean(L, cs_is_paused(&u->s));
  return 1;
}

/* Hooks for Readable.on/removeListener written in Lua. */
static int l_ondata(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_on_data(&u->s, (int)luaL_optinteger(L, 2, 0)); LEAVE(u); }
  DONE(L, u);
  return 0;
}

static int l_onreadable(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_on_readable(&u->s); LEAVE(u); }
  DONE(L, u);
  return 0;
}

static int l_datagone(lua_State *L) {
  lcs_ud *u = checkR(L);
  cs_data_listeners_gone(&u->s);
  return 0;
}

static int l_readablechanged(lua_State *L) {
  lcs_ud *u = checkR(L);
  { ENTER(u); cs_readable_listeners_changed(&u->s); LEAVE(u); }
  return 0;
}

static int l_setawaitdrain(lua_State *L) {
  lcs_ud *u = checkR(L);
  cs_set_await_drain(&u->s, lua_toboolean(L, 2), lua_toboolean(L, 3));
  return 0;
}

/* Transform's own _read: release the parked write callback.  A subclass
** that defines _read can call it (stream.Transform._read(self, n)). */
static int l_tread(lua_State *L) {
  lcs_ud *u = checkself(L, CS_K_TRANSFORM, "cstream.Transform");
  { ENTER(u); cs_t_read(&u->s); LEAVE(u); }
  DONE(L, u);
  return 0;
}

static int l_errorordestroy(lua_State *L) {
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
    return raise(L, "ERR_STREAM_NULL_VALUES", "May not write null values to stream");
  *enc = -1;
  if (!(s->w.f & CS_OBJECT_MODE)) {
    if (encidx && lua_type(L, encidx) == LUA_TSTRING) {
      size_t n;
      const char *name = lua_tolstring(L, encidx, &n);
      /* '' is no encoding (Node's `if (!encoding)`).  'buffer' says the
      ** string is bytes (a Lua string is also Node's Buffer). */
      if (n > 0) {
        *enc = cs_enc_parse(name, n);
        if (*enc < 0) {
          lua_pushfstring(L, "Unknown encoding: %s", name);
          return raise(L, "ERR_UNKNOWN_ENCODING", lua_tostring(L, -1));
        }
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


static int l_write(lua_State *L) {
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
static int l_end(lua_State *L) {
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

static int l_cork(lua_State *L) {
  lcs_ud *u = checkW(L);
  cs_cork(&u->s);
  return 0;
}

static int l_uncork(lua_State *L) {
  lcs_ud *u = checkW(L);
  { ENTER(u); cs_uncork(&u->s); LEAVE(u); }
  DONE(L, u);
  return 0;
}

static int l_setdefaultencoding(lua_State *L) {
  lcs_ud *u = checkW(L);
  size_t n;
  const char *name;
  int enc;
  if (lua_type(L, 2) != LUA_TSTRING) return lcs_argerror(L, 2, 1, "setDefaultEncoding", "string");
  name = lua_tolstring(L, 2, &n);
  enc = cs_enc_parse(name, n);
  if (enc < 0) {
    lua_pushfstring(L, "Unknown encoding: %s", name);
    return raise(L, "ERR_UNKNOWN_ENCODING", lua_tostring(L, -1));
  }
  u->s.w.default_encoding = enc;
  lua_settop(L, 1);
  return 1;
}

static int l_destroy(lua_State *L) {
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
static int l_pipelistener(lua_State *L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_settop(L, 3);
  lua_pushcclosure(L, pipe_ondata, 3);
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
    {"_setAwaitDrain", l_setawaitdrain}, {"_errorOrDestroy", l_errorordestroy},
    {"_transformRead", l_tread}, {"_passThroughTransform", l_ptransform},
    {NULL, NULL}
  };
  static const luaL_Reg meta[] = {
    {"__index", l_index}, {"__newindex", l_newindex}, {"__gc", l_gc},
    {"__close", l_close}, {NULL, NULL}
  };
  int i;
  /* cs_stream* -> userdata, weak so the map never keeps a stream alive */
  lua_newtable(L);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "v");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &WEAKKEY);
  lua_newtable(L);
  for (i = 1; propnames[i]; i++) {
    lua_pushinteger(L, i);
    lua_setfield(L, -2, propnames[i]);
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
  for (i = 1; aliases[i]; i++) {
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
  lua_pushcfunction(L, l_pipelistener);
  lua_setfield(L, -2, "pipeListener");
  lua_pushcfunction(L, l_setemit);
  lua_setfield(L, -2, "setEmit");
  lua_pushcfunction(L, l_setaggregate);
  lua_setfield(L, -2, "setAggregate");
  lua_newtable(L);
  for (i = 0; i < (int)(sizeof propnames / sizeof *propnames) - 1; i++) {
    if (!propnames[i]) continue;
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, propnames[i]);
  }
  lua_setfield(L, -2, "properties");
  lua_pushinteger(L, CS_K_READABLE); lua_setfield(L, -2, "READABLE");
  lua_pushinteger(L, CS_K_WRITABLE); lua_setfield(L, -2, "WRITABLE");
  lua_pushinteger(L, CS_K_TRANSFORM); lua_setfield(L, -2, "TRANSFORM");
  lua_pushinteger(L, CS_K_PASSTHROUGH); lua_setfield(L, -2, "PASSTHROUGH");
  return 0;
}
