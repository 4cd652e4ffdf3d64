/*
** lcs_host.c - the host vtable the core calls, and the one call gate into
** Lua.
**
** Every call into Lua is a lua_pcall: nothing unwinds through a core frame.
** Every Lua allocation a hook makes runs protected too (pvalue, panchor): a
** memory error hands the core a failure value it handles, never a longjmp.
** An error raised by an implementation function (_read, _write, ...) or by a
** callback destroys the stream with that error; one raised by an event
** listener is kept and raised again once the core has returned to the Lua
** caller (lcs_check_pending), as a listener's throw propagates in Node.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

/* ---- protected building ---------------------------------------------------- */

/* The core holds scratch and half-updated state across a host hook, so a
** Lua memory error must not unwind out of one.  What a hook allocates is
** built by one of the builders below in a protected call (vh_anchor or
** vh_value under lua_pcall), which gets what to build through a vh and the
** stream userdata as argument 2.  (LuaJIT allocates a closure to push the
** C function itself: there, that one allocation is not covered.)  A failure hands the core a failure value (CS_NOREF, or
** LCS_MEMREF where an error value is asked for) and marks the state: the
** method that entered the core raises Lua's memory error once the core has
** returned (lcs_check_pending). */
typedef struct vh {
  void (*build)(lua_State *L, struct vh *a);  /* pushes one value */
  const char *p;          /* bytes */
  size_t len;
  const char *stored;
  const char *code;       /* error */
  const char *msg;
  const cs_ref *cbs;      /* batch */
  const cs_chunk *cs;     /* writev */
  const int *encs;
  size_t n;
  int objmode;
  lua_CFunction f;        /* closure over the stream */
  cs_ref out;
} vh;

#define VH_UD 2   /* the stream userdata's index inside a builder */

void lcs_memfail(lcs_ud *u) { u->st->pending |= LCS_PENDING_MEM; }
#define memfail lcs_memfail

static int vh_anchor(lua_State *L) {  /* (a, ud [, value]) */
  vh *a = (vh *)lua_touserdata(L, 1);
  if (a->build) a->build(L, a);
  a->out = toref(L, VH_UD);
  return 0;
}

static int vh_value(lua_State *L) {  /* (a, ud) */
  vh *a = (vh *)lua_touserdata(L, 1);
  a->build(L, a);
  return 1;
}

/* Anchor a value built by a->build, or (a->build NULL) the value on top,
** which is consumed: its ref, or CS_NOREF when out of memory.  Holds the
** collector, as a value hook does (docs/DESIGN.md, "Re-entry"). */
static cs_ref panchor(lua_State *L, lcs_ud *u, int ui, vh *a) {
  int onstack = a->build == NULL;
  if (onstack && lcs_canref(u)) return toref(L, ui);  /* allocates nothing */
  lcs_gc_hold(L, u->st);
  if (!lua_checkstack(L, 6)) {
    if (onstack) lua_pop(L, 1);
    memfail(u);
    return CS_NOREF;
  }
  lua_pushcfunction(L, vh_anchor);
  lua_pushlightuserdata(L, a);
  lua_pushvalue(L, ui);
  if (onstack) { lua_pushvalue(L, -4); lua_remove(L, -5); }
  if (lua_pcall(L, 2 + onstack, 0, 0) != LUA_OK) {
    lua_pop(L, 1);
    memfail(u);
    return CS_NOREF;
  }
  return a->out;
}

/* Push the value a->build makes: 1, or 0 (nothing pushed) when out of
** memory.  For the user hooks' arguments: no hold, the call gate settles
** before user code runs anyway. */
static int pvalue(lua_State *L, lcs_ud *u, int ui, vh *a) {
  if (!lua_checkstack(L, 6)) { memfail(u); return 0; }
  lua_pushcfunction(L, vh_value);
  lua_pushlightuserdata(L, a);
  lua_pushvalue(L, ui);
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) { lua_pop(L, 1); memfail(u); return 0; }
  return 1;
}

static void b_bytes(lua_State *L, vh *a) {
  a->stored = lua_pushlstring(L, a->len ? a->p : "", a->len);
}

static void b_error(lua_State *L, vh *a) {
  lcs_pusherror(L, a->code, a->msg);
}

static void b_closure(lua_State *L, vh *a) {
  lua_pushvalue(L, VH_UD);
  lua_pushcclosure(L, a->f, 1);
}

/* A chunk's value (pushchunk) where a partial view needs new bytes: 0 when
** out of memory, nothing pushed. */
static int ppushchunk(lua_State *L, lcs_ud *u, int ui, const cs_chunk *c, int objmode) {
  size_t len;
  const char *p;
  vh a;
  pushref(L, ui, c->ref);
  if (objmode) return 1;
  p = lua_tolstring(L, -1, &len);
  if (p == c->p && len == c->len) return 1;
  lua_pop(L, 1);
  memset(&a, 0, sizeof a);
  a.build = b_bytes;
  a.p = c->p;
  a.len = c->len;
  return pvalue(L, u, ui, &a);
}

/* The error value on top (consumed) for the core: nil becomes an error
** table; the memory error when it cannot be anchored. */
static CS_COLD cs_ref perr(lua_State *L, lcs_ud *u, int ui) {
  vh a;
  cs_ref r;
  memset(&a, 0, sizeof a);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    a.build = b_error;
    a.code = "ERR_UNKNOWN";
    a.msg = "a nil error was raised";
  }
  r = panchor(L, u, ui, &a);
  return r == CS_NOREF ? LCS_MEMREF : r;
}

/* The arguments of a user hook could not be made: the hook "raised" the
** memory error, and the core handles it as it handles any raise. */
static CS_COLD cs_ref nomem_call(lua_State *L, lcs_ud *u, int ui) {
  memfail(u);
  lua_settop(L, ui - 1);
  return LCS_MEMREF;
}

/* For lcs_pipe.c's 'data' path: len bytes at p pushed (1), or nothing
** and the memory error marked (0); the value on top anchored in u, or
** CS_NOREF and the memory error marked. */
int lcs_pbytes(lua_State *L, lcs_ud *u, int ui, const char *p, size_t len) {
  vh a;
  a.build = b_bytes;
  a.p = p;
  a.len = len;
  return pvalue(L, u, ui, &a);
}

cs_ref lcs_panchor_top(lua_State *L, lcs_ud *u, int ui) {
  vh a;
  memset(&a, 0, sizeof a);
  return panchor(L, u, ui, &a);
}

/* ---- the host ---------------------------------------------------------------- */

static void *h_alloc(void *ctx, void *p, size_t osize, size_t nsize) {
  lcs_ud *u = (lcs_ud *)ctx;
  return u->allocf(u->allocud, p, osize, nsize);
}

/* unref and pin run per buffered chunk: through the entry's slot of the
** stream when there is one (no userdata pushed), else pushud's way. */
void h_unref(cs_stream *s, cs_ref r) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui;
  if (u->closing || r <= 0) return;  /* borrowed refs are negative */
  if ((ui = lcs_aslot(L, u)) != 0) { lcs_unanchor_at(L, u, ui, r); return; }
  if ((ui = lcs_slot(L, u)) != 0) { unanchor(L, u, ui, r); return; }
  ui = pushud(L, s);
  unanchor(L, u, ui, r);
  lua_settop(L, ui - 1);
}

/* A borrowed value anchored, CS_NOREF when out of memory (the core then
** drops the chunk and errors).  While a slot of the anchors' array part is
** free the value goes straight into it (toref's work without moving it
** below the anchors table first: one per buffered push), which allocates
** nothing; else it is anchored protected (panchor). */
static cs_ref h_pin(cs_stream *s, cs_ref r) {
  lcs_ud *u = toud(s);
  lua_State *L;
  int ui, idx;
  vh a;
  if (!lcs_isborrowed(r)) return r;
  L = u->L;
  idx = lcs_borrowidx(r);
  if ((ui = lcs_aslot(L, u)) != 0 && lcs_canref(u)) {
    /* on the frame of the entry driving the stream, whose anchor table is
    ** at ui; push's slot 2 is its chunk, never nil there */
    cs_ref n;
    if ((idx != 2 || !u->apush) && lua_type(L, idx) == LUA_TNIL) return CS_NOREF;
    n = u->nfree ? u->freeref[--u->nfree] : ++u->nextref;
    lua_pushvalue(L, idx);
    lua_rawseti(L, ui, n);
    return n;
  }
  if (lua_type(L, idx) == LUA_TNIL) return CS_NOREF;
  if (lcs_canref(u) && (ui = lcs_slot(L, u)) != 0) {
    /* through the entry's slot of the stream: no userdata pushed */
    cs_ref n = u->nfree ? u->freeref[--u->nfree] : ++u->nextref;
    lua_getiuservalue(L, ui, LCS_ANCHORS);
    lua_pushvalue(L, idx);
    lua_rawseti(L, -2, n);
    lua_pop(L, 1);
    return n;
  }
  ui = pushud(L, s);
  if (lcs_canref(u)) {
    r = u->nfree ? u->freeref[--u->nfree] : ++u->nextref;
    lua_getiuservalue(L, ui, LCS_ANCHORS);
    lua_pushvalue(L, idx);
    lua_rawseti(L, -2, r);
  } else {
    lua_pushvalue(L, idx);
    memset(&a, 0, sizeof a);
    r = panchor(L, u, ui, &a);
  }
  lua_settop(L, ui - 1);
  return r;
}

/* The core dups error values only: the memory error stands in for one
** that cannot be anchored. */
static cs_ref h_dup(cs_stream *s, cs_ref r) {
  lua_State *L = toud(s)->L;
  int ui;
  cs_ref n;
  vh a;
  if (r == LCS_MEMREF) return r;
  ui = pushud(L, s);
  pushref(L, ui, r);
  memset(&a, 0, sizeof a);
  n = panchor(L, toud(s), ui, &a);
  lua_settop(L, ui - 1);
  return n == CS_NOREF ? LCS_MEMREF : n;
}

/* newbytes, mkerror, batch and clear_await_drain allocate but run no user
** code: they hold the collector (lcs_gc_hold), so that no finalizer runs
** Lua inside them while the core has state in hand (docs/DESIGN.md). */
/* Scratch up to this size is kept for the next read; a bigger one is given
** back once newbytes has copied it. */
#define SCRATCH_KEEP 65536

static char *h_scratch(cs_stream *s, size_t len) {
  lcs_ud *u = toud(s);
  if (len <= u->scratchcap) return u->scratch;
  lcs_drop_scratch(u);
  if (len < 256) len = 256;
  u->scratch = (char *)u->allocf(u->allocud, NULL, 0, len);
  if (u->scratch) u->scratchcap = len;
  return u->scratch;
}

/* CS_NOREF (and *stored NULL) when out of memory. */
static cs_ref h_newbytes(cs_stream *s, const char *p, size_t len, const char **stored) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  char *big = (u->scratchcap > SCRATCH_KEEP && p == u->scratch) ? u->scratch : NULL;
  int ui;
  cs_ref r;
  vh a;
  a.build = b_bytes;
  a.p = p;
  a.len = len;
  ui = pushud(L, s);
  r = panchor(L, u, ui, &a);
  *stored = r != CS_NOREF ? a.stored : NULL;
  if (big != NULL && u->scratch == big) lcs_drop_scratch(u);
  lua_settop(L, ui - 1);
  return r;
}

/* read()'s result where it needs new bytes (cs_read_begin's CS_READ_MAKE),
** made by read() itself with no core frame active: pushed, unprotected (a
** memory error raises from read() with the buffer as it was).  On 5.3 and
** 5.4 lua_pushlstring copies p before its collector step, so the
** finalizers that step runs may change the buffer (cs_read_commit sees
** it); LuaJIT steps first, so there the collector is held (repaid at the
** next LEAVE).  A big scratch is given back once copied. */
const char *lcs_read_make(lua_State *L, lcs_ud *u, const char *p, size_t len) {
  char *big = (u->scratchcap > SCRATCH_KEEP && p == u->scratch) ? u->scratch : NULL;
  const char *r;
#if LUA_VERSION_NUM < 503
  lcs_gc_hold(L, u->st);
#endif
  r = lua_pushlstring(L, len ? p : "", len);
  if (big != NULL && u->scratch == big) lcs_drop_scratch(u);
  return r;
}

/* lcs_read_make's bytes built protected, inside the entry: 1, the string
** pushed, or 0, nothing pushed and the memory error marked.  The collector
** is held (repaid at the entry's LEAVE, after the copy): a finalizer run
** before the copy (LuaJIT's closure for the protected call) could free or
** regrow the scratch at p. */
int lcs_read_make_safe(lua_State *L, lcs_ud *u, const char *p, size_t len) {
  char *big = (u->scratchcap > SCRATCH_KEEP && p == u->scratch) ? u->scratch : NULL;
  int ok;
  lcs_gc_hold(L, u->st);
  ok = lcs_pbytes(L, u, 1, p, len);
  if (big != NULL && u->scratch == big) lcs_drop_scratch(u);
  return ok;
}

/* LCS_MEMREF when out of memory: the core gets an error value always. */
cs_ref h_mkerror(cs_stream *s, int code, const char *msg) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref r;
  vh a;
  memset(&a, 0, sizeof a);
  a.build = b_error;
  a.code = cs_err_name(code);
  a.msg = msg;
  r = panchor(L, toud(s), ui, &a);
  lua_settop(L, ui - 1);
  return r == CS_NOREF ? LCS_MEMREF : r;
}


/* Does this stream use the emitter's own emit?  Decided once (and again
** after an assignment to 'emit'): classes rarely replace it. */
int stdemit(lua_State *L, int ui, lcs_ud *u) {
  if (u->stdemit == 0) {
    int top = lua_gettop(L);
    lookup(L, ui, K_EMIT);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &EMITKEY);
    u->stdemit = lua_rawequal(L, -1, -2) ? 1 : -1;
    lua_settop(L, top);
  }
  return u->stdemit > 0;
}

#define MSG_DEPTH "Maximum call stack size exceeded (more than " \
                  LCS_STR(LCS_MAX_DEPTH) " nested stream events)"
#define MSG_LCALLS "Maximum call stack size exceeded (more than " \
                   LCS_STR(LCS_MAX_LCALLS) " nested calls into Lua)"

/* More than LCS_MAX_DEPTH nested emits, or LCS_MAX_LCALLS nested calls into
** Lua: the event is not delivered and ERR_STACK_OVERFLOW is raised where
** the listener's error would be, as Node's RangeError propagates out of
** the push() that started it. */
void lcs_too_deep(lua_State *L, lcs_ud *u, int calls) {
  int ui = pushud(L, &u->s);
  vh a;
  memset(&a, 0, sizeof a);
  a.build = b_error;
  a.code = "ERR_STACK_OVERFLOW";
  a.msg = calls ? MSG_LCALLS : MSG_DEPTH;
  if (pvalue(L, u, ui, &a)) lcs_set_pending(L, u->st);
  lua_settop(L, ui - 1);
}

/* A user hook not called for LCS_MAX_LCALLS: what it gets instead is that
** it raised ERR_STACK_OVERFLOW (the function and its nargs arguments on top
** are dropped, as the call would have taken them). */
static CS_COLD cs_ref too_deep_call(lua_State *L, lcs_ud *u, int ui, int nargs) {
  vh a;
  cs_ref r;
  lua_pop(L, nargs + 1);
  memset(&a, 0, sizeof a);
  a.build = b_error;
  a.code = "ERR_STACK_OVERFLOW";
  a.msg = MSG_LCALLS;
  r = panchor(L, u, ui, &a);
  return r == CS_NOREF ? LCS_MEMREF : r;
}

/* read()'s 'data' emit, mostly to nobody: with the emitter's own emit and
** no listener it does nothing, which is found from the slot of the entry
** driving the stream, before any other work (no Lua runs here, so the
** collector's loan, if any, is left for the entry's LEAVE).  The answer
** "nobody" is kept until the next change to any 'data' listeners
** (st->datagen, bumped by events.lua's hook and by __newindex of _events,
** the only ways the arrays read here change). */
static int nobody_hears(lua_State *L, lcs_ud *u, int ev) {
  int ui = u->ui, top, none;
  if (u->stdemit <= 0) return 0;
  if (u->nodata == u->st->datagen + 1) return 1;
  if (ui == 0 || u->L != L || !lua_checkstack(L, 4) ||
      lua_touserdata(L, ui) != (void *)u)
    return 0;
  top = lua_gettop(L);
  lua_getiuservalue(L, ui, LCS_KEYS);        /* top + 1 */
  lua_getiuservalue(L, ui, LCS_FIELDS);      /* top + 2 */
  lua_rawgeti(L, top + 1, K_EVENTS);
  none = lua_rawget(L, top + 2) != LUA_TTABLE;
  if (!none) {                               /* top + 3 */
    lua_rawgeti(L, top + 1, K_EV + ev);
    none = lua_rawget(L, top + 3) != LUA_TTABLE || lua_rawlen(L, -1) == 0;
  }
  lua_settop(L, top);
  if (none) u->nodata = u->st->datagen + 1;
  return none;
}

#if defined(__GNUC__)
#define LCS_NOINLINE __attribute__((noinline))
#define LCS_INLINE inline __attribute__((always_inline))
#else
#define LCS_NOINLINE
#define LCS_INLINE inline
#endif

/* piped: h_emit has made the first steps (depth, settle, the pipe's
** forwarder, which did not handle c). */
static LCS_NOINLINE void emit_(cs_stream *s, int ev, const cs_chunk *c,
                               cs_ref err, int piped) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  lcs_state *st = u->st;
  int ui, n = 2, flowing;
  if (piped) goto general;
  if (st->depth >= LCS_MAX_DEPTH) { lcs_too_deep(L, u, 0); return; }
  if (ev == CS_EV_DATA && !(s->r.f & CS_R_FLOWING) && nobody_hears(L, u, ev)) return;
  LCS_SETTLE(L, st);   /* user code may run from here on */
  /* A pipe's one forwarder, known (lcs_pipe.c): nothing pushed for it
  ** (it makes room itself where it pushes).  h_emit tries it first for a
  ** flowing stream. */
  if (ev == CS_EV_DATA && u->pipe != NULL && u->pipe->fwdok > 0 &&
      u->stdemit > 0) {
    int handled;
    st->depth++;
    handled = lcs_pipe_fast(L, u, u->pipe, c);
    st->depth--;
    if (handled) return;
  }
general:
  if (!lua_checkstack(L, 8)) { memfail(u); return; }
  ui = pushud(L, s);
  st->depth++;
  /* A flowing stream has 'data' listeners (a pipe's, usually): the pipe
  ** path first.  A paused one emits 'data' from read(), mostly to nobody:
  ** the cheaper no-listener test first. */
  flowing = (s->r.f & CS_R_FLOWING) != 0;
  if (ev == CS_EV_DATA && flowing && fast_data(L, ui, s, c)) goto done;
  if (ev != CS_EV_ERROR && stdemit(L, ui, u)) {
    /* The emitter's emit with no listener does nothing: skip the call. */
    int none;
    lua_getiuservalue(L, ui, LCS_KEYS);     /* ui + 1 */
    lua_getiuservalue(L, ui, LCS_FIELDS);
    lua_rawgeti(L, ui + 1, K_EVENTS);
    none = lua_rawget(L, ui + 2) != LUA_TTABLE;
    if (!none) {
      lua_rawgeti(L, ui + 1, K_EV + ev);
      none = lua_rawget(L, ui + 3) != LUA_TTABLE || lua_rawlen(L, -1) == 0;
    }
    if (none) {
      if (ev == CS_EV_DATA) u->nodata = st->datagen + 1;
      goto done;
    }
    lua_settop(L, ui);
  }
  if (ev == CS_EV_DATA && !flowing && fast_data(L, ui, s, c)) goto done;
  lua_pushcfunction(L, lcs_msgh);   /* keeps a listener's stack */
  lookup(L, ui, K_EMIT);
  lua_pushvalue(L, ui);
  pushk(L, ui, K_EV + ev);
  if (ev == CS_EV_DATA) {
    if (!ppushchunk(L, u, ui, c, (s->r.f & CS_OBJECT_MODE) != 0)) {
      /* The chunk is lost: the stream errors with the memory error (the
      ** core trusts nothing across emit, so it may be destroyed here). */
      lua_settop(L, ui);
      cs_destroy(s, LCS_MEMREF, CS_NOREF);
      goto done;
    }
    n++;
  } else if (ev == CS_EV_ERROR) {
    pushref(L, ui, err);
    n++;
  }
  /* checked here, where Lua is called: an event nobody hears, or one the
  ** pipe's C path takes, calls none and goes however deep it is */
  if (st->lcalls >= LCS_MAX_LCALLS) {
    lua_settop(L, ui);
    lcs_too_deep(L, u, 1);
    goto done;
  }
  st->lcalls++;
  if (lua_pcall(L, n, 0, ui + 1) != LUA_OK) lcs_set_pending(L, st);
  st->lcalls--;
done:
  st->depth--;
  lua_settop(L, ui - 1);
}

/* A flowing stream's 'data' to its pipe's one forwarder goes to
** lcs_pipe_emit (lcs_pipe.c) without a frame of its own (a tail call):
** that path's SETTLE, depth and the forwarder's write in one function, and
** emit_ (here, lcs_emit_piped) only when the forwarder does not take it. */
void lcs_emit_piped(cs_stream *s, int ev, const cs_chunk *c, cs_ref err) {
  emit_(s, ev, c, err, 1);
}

static void h_emit(cs_stream *s, int ev, const cs_chunk *c, cs_ref err) {
  const lcs_ud *u = toud(s);
  const lcs_state *st = u->st;
  if (ev == CS_EV_DATA && u->stdemit > 0 && st->depth < LCS_MAX_DEPTH) {
    if (!(s->r.f & CS_R_FLOWING)) {
      if (u->nodata == st->datagen + 1) return;
    } else if (u->pipe != NULL && u->pipe->fwdok > 0) {
      lcs_pipe_emit(s, ev, c, err);
      return;
    }
  }
  emit_(s, ev, c, err, 0);
}

/* A tick queue that cannot grow loses the op (its refs are let go): the
** method that queued it raises Lua's memory error (docs/API.md). */
static void h_defer(cs_stream *s, int op, cs_ref a, cs_ref b) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  lcs_gc_hold(L, toud(s)->st);
  if (!lcs_tick_push_op(L, toud(s)->st, ui, op, a, b)) {
    memfail(toud(s));
    h_unref(s, a);
    h_unref(s, b);
  }
  lua_settop(L, ui - 1);
}

/* Call the method pushed below self and nargs arguments (the one gate into
** user code): an error it raises comes back as a ref, never as a longjmp. */
static LCS_INLINE cs_ref gate(lua_State *L, lcs_ud *u, int ui, int nargs) {
  lcs_state *st = u->st;
  int r;
  if (st->lcalls >= LCS_MAX_LCALLS) return too_deep_call(L, u, ui, nargs + 1);
  LCS_SETTLE(L, st);
  st->lcalls++;
  r = lua_pcall(L, nargs + 1, 0, 0);
  st->lcalls--;
  if (r != LUA_OK) return perr(L, u, ui);
  return CS_NOREF;
}

/* The frame of a per-chunk hook (_read, _write, _transform): the stream's
** keys, fields and anchors tables fetched once above ui (FK, FF, FA), then
** method k found as lookup() finds it, on top (what the search left lies
** below it; the call takes only the function and what is pushed after it,
** and the hook's settop clears the rest).  Returns 0 when there is none,
** -1 (nothing to clean but the hook's settop) when the stack cannot grow. */
#define FK(ui) ((ui) + 1)
#define FF(ui) ((ui) + 2)
#define FA(ui) ((ui) + 3)
static int mslot(int k) {
  return k == K_READ ? 0 : k == K_WRITE ? 1 : k == K_TRANSFORM ? 2 : -1;
}

static int frame_method(lua_State *L, lcs_ud *u, int ui, int k) {
  int m = mslot(k);
  cs_ref r = m >= 0 ? u->mcache[m] : 0;
  if (!lua_checkstack(L, 16)) return -1;
  lua_getiuservalue(L, ui, LCS_KEYS);
  lua_getiuservalue(L, ui, LCS_FIELDS);
  lua_getiuservalue(L, ui, LCS_ANCHORS);
  if (r > 0) {                                   /* the instance's own */
    lua_pushnil(L);                              /* ui + 4: unused */
    lua_rawgeti(L, FA(ui), r);
    return 1;
  }
  lua_rawgeti(L, FK(ui), k);                     /* ui + 4: the name */
  if (r == 0) {
    lua_pushvalue(L, ui + 4);
    if (lua_rawget(L, FF(ui)) != LUA_TNIL) {
      /* kept for the next call, where anchoring allocates nothing */
      if (m >= 0 && !u->closing && lcs_canref(u)) {
        lua_pushvalue(L, -1);
        u->mcache[m] = toref(L, ui);
        if (m == 0) {   /* and _read in its own user value, for h_read */
          lua_pushvalue(L, -1);
          lua_setiuservalue(L, ui, LCS_READFN);
        }
      }
      return 1;
    }
    if (m >= 0) u->mcache[m] = -1;
  } else {
    lua_pushnil(L);                              /* ui + 5, as a miss leaves */
  }
  if (!lua_getmetatable(L, ui)) return 0;
  lua_pushvalue(L, ui + 4);
  return lcs_classget(L, u, ui + 6) != LUA_TNIL;   /* never raises */
}

/* __newindex assigns field k: a method kept from the fields is forgotten. */
void lcs_forget_method(lua_State *L, lcs_ud *u, int udidx, const char *k) {
  int m;
  if (k[0] != '_') return;
  m = strcmp(k, "_read") == 0 ? 0 : strcmp(k, "_write") == 0 ? 1 :
      strcmp(k, "_transform") == 0 ? 2 : -1;
  if (m < 0) return;
  if (u->mcache[m] > 0 && !u->closing && u->s.host != NULL)
    unanchor(L, u, udidx, u->mcache[m]);
  if (m == 0 && u->mcache[0] > 0) {
    lua_pushnil(L);
    lua_setiuservalue(L, udidx, LCS_READFN);
  }
  u->mcache[m] = 0;
  if (m != 0 && u->sinkm == m) {        /* its frame too (sink_keep) */
    u->sinkm = 0;
    lua_pushnil(L);
    lua_setiuservalue(L, udidx, LCS_SINKM);
  }
}

/* pushchunk through the anchors table at index a; a partial view's bytes
** are built protected (ppushchunk): 0 when out of memory, nothing pushed. */
static inline int anchors_chunk(lua_State *L, lcs_ud *u, int ui, int a,
                                const cs_chunk *c, int objmode) {
  if (c->ref == CS_NOREF) lua_pushnil(L);
  else if (lcs_isborrowed(c->ref)) lua_pushvalue(L, lcs_borrowidx(c->ref));
  else lua_rawgeti(L, a, c->ref);
  if (!objmode) {
    size_t len;
    const char *p = lua_tolstring(L, -1, &len);
    if (p != c->p || len != c->len) {
      vh b;
      lua_pop(L, 1);
      b.build = b_bytes;
      b.p = c->p;
      b.len = c->len;
      return pvalue(L, u, ui, &b);
    }
  }
  return 1;
}

/* The same through the frame's anchors table. */
static int frame_chunk(lua_State *L, lcs_ud *u, int ui, const cs_chunk *c, int objmode) {
  return anchors_chunk(L, u, ui, FA(ui), c, objmode);
}

static CS_COLD cs_ref not_implemented(cs_stream *s, const char *what) {
  char msg[64];
  snprintf(msg, sizeof msg, "The %s method is not implemented", what);
  return h_mkerror(s, CS_ERR_METHOD_NOT_IMPLEMENTED, msg);
}

/* _read, once per chunk a flowing source makes.  The instance's own _read
** (the read option, self._read = f), once kept (mcache, and its own user
** value LCS_READFN), is fetched from that user value without the frame's
** tables, through the entry's slot of the stream when there is one: one
** push, nothing to clear below it.  Only an assignment to the instance's
** _read (__newindex, lcs_forget_method) can change what the lookup would
** find.  A class's _read is looked up each time (a class table may
** change). */
static cs_ref h_read(cs_stream *s, size_t n) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int top, ui, m;
  cs_ref e;
  if (!lua_checkstack(L, 6)) { memfail(u); return LCS_MEMREF; }
  if (u->mcache[0] > 0) {
    /* from its own user value: one fetch, nothing left below it */
    if (lcs_aslot(L, u) != 0) { ui = u->ui; goto slot; }  /* that entry's slot */
    if ((ui = lcs_slot(L, u)) != 0) goto slot;
    ui = pushud(L, s);
    top = ui - 1;                          /* pushud pushed the userdata */
    lua_getiuservalue(L, ui, LCS_READFN);
  } else {
    ui = pushud(L, s);                   /* frame_method works at the top */
    top = ui - 1;
    m = frame_method(L, u, ui, K_READ);
    if (m < 0) return nomem_call(L, u, ui);
    if (!m) {
      lua_settop(L, top);
      return not_implemented(s, "_read()");
    }
  }
  lua_pushvalue(L, ui);
  lua_pushinteger(L, (lua_Integer)n);
  e = gate(L, u, ui, 1);
  lua_settop(L, top);
  return e;
slot:
  /* the entry's slot: nothing pushed below the call, and the gate
  ** consumes what it calls and leaves nothing, so the stack is back as it
  ** was with no settop */
  lua_getiuservalue(L, ui, LCS_READFN);
  lua_pushvalue(L, ui);
  lua_pushinteger(L, (lua_Integer)n);
  return gate(L, u, ui, 1);
}

/* With decodeStrings false Node hands _write the caller's spelling: the
** core carries it as a spelling id (cs_core.h, cs_write), CS_ENC__COUNT + i
** for aliases[i], so that the interned keys K_ENC + id name every one:
** the canonical names, then the aliases (K_ALIAS). */
const char *const aliases[] = {
  "utf-8", "binary", "ucs2", "ucs-2", "utf-16le", NULL
};

int withalias(int enc, const char *name) {
  int i;
  for (i = 0; aliases[i]; i++)
    if (strcmp(name, aliases[i]) == 0) return CS_ENC__COUNT + i;
  return enc;
}

static int enckey(int enc) {
  return enc < 0 ? 0 : K_ENC + enc;  /* object mode: no encoding (keys[0] is nil) */
}

/* The encoding argument from the frame's keys; object mode has none.  The
** key is kept as an anchor (lcs_ud.enckey) for sink_fast while that
** allocates nothing. */
static void pushenc(lua_State *L, lcs_ud *u, int ui, int enc) {
  if (enc < 0) { lua_pushnil(L); return; }
  lua_rawgeti(L, FK(ui), enckey(enc));
  if (enc < LCS_NSPELL && u->enckey[enc] == CS_NOREF && !u->closing &&
      lcs_canref(u)) {
    lua_pushvalue(L, -1);
    u->enckey[enc] = toref(L, ui);
  }
}

/* The stream's one callback of that kind, made on first use: 0 when out
** of memory. */
static int pushcb(lua_State *L, int ui, cs_ref *slot, lua_CFunction f) {
  if (*slot == CS_NOREF) {
    vh a;
    memset(&a, 0, sizeof a);
    a.build = b_closure;
    a.f = f;
    *slot = panchor(L, (lcs_ud *)lua_touserdata(L, ui), ui, &a);
    if (*slot == CS_NOREF) return 0;
    /* anchoring may have grown the anchors: the frame's copy is stale */
    lua_getiuservalue(L, ui, LCS_ANCHORS);
    lua_replace(L, FA(ui));
  }
  lua_rawgeti(L, FA(ui), *slot);   /* the frame's anchors */
  return 1;
}


/* Built inside a protected call (b_writev): the chunks are the buffer's,
** never borrowed, so pushref finds them from the builder's frame too. */
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

static void b_writev(lua_State *L, vh *a) {
  push_writev_table(L, VH_UD, a->cs, a->encs, a->n, a->objmode);
}

static int writev1(lua_State *L) {  /* (chunk, encoding) -> {{chunk, encoding}} */
  lua_createtable(L, 1, 0);
  lua_createtable(L, 0, 2);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "chunk");
  lua_pushvalue(L, 2);
  lua_setfield(L, -2, "encoding");
  lua_rawseti(L, -2, 1);
  return 1;
}

static int pushwritev(lua_State *L, lcs_ud *u, int ui, const cs_chunk *cs,
                      const int *encs, size_t n) {
  vh a;
  memset(&a, 0, sizeof a);
  a.build = b_writev;
  a.cs = cs;
  a.encs = encs;
  a.n = n;
  a.objmode = (u->s.w.f & CS_OBJECT_MODE) != 0;
  return pvalue(L, u, ui, &a);
}

/* Lua 5.4: the frame of _write/_transform from user values (sink_uv). */
#if LUA_VERSION_NUM >= 504
#define LCS_SINK_UV 1
#else
#define LCS_SINK_UV 0
#endif

/* The frames of _write/_transform (sink_fast, sink_uv) for a stream with
** no slot: pushud without its replace, the state's weak table left below
** the userdata (the frame is settled by the caller); pushud itself where
** the table reads nil (a stream a finalizer brought back, found through the
** pipe source that entered it, u->via).  top: the stack's top, which the
** caller has read.  Returns the userdata's index, above top. */
static LCS_INLINE int pushud_below(lua_State *L, lcs_ud *u, int top) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, u->st->wref);
  if (lua_rawgeti(L, -1, u->wslot) == LUA_TUSERDATA) return top + 2;
  lua_settop(L, top);
  return pushud(L, &u->s);
}

#if !LCS_SINK_UV
/* _write or _transform (method, the instance's own, kept in mcache; cb,
** the stream's callback) called with (self, chunk, encoding, cb) once all
** four are anchors (enckey): the frame is the anchors table alone, and the
** stream comes from its entry's slot when there is one, else from the
** state's weak table, left below it (pushud without the replace; pushud
** itself where the table reads nil).  What the
** slow path would find is the same: only __newindex changes the method
** (lcs_forget_method), and the callback and the keys never change.  The
** chunk's bytes may be built protected (pvalue), which may run a finalizer:
** everything the call needs was fetched before, from a table that a grown
** anchors table has copied, not cleared. */
static LCS_INLINE cs_ref sink_fast(lua_State *L, lcs_ud *u, cs_ref m, const cs_chunk *c,
                        int enc, cs_ref cb, int objmode) {
  int top = lua_gettop(L), ui, a;
  cs_ref e;
  if (!lua_checkstack(L, 10)) { memfail(u); return LCS_MEMREF; }
  a = top + 1;
  if ((ui = lcs_slot(L, u)) == 0) {
    ui = pushud_below(L, u, top);
    a = ui + 1;
  }
  lua_getiuservalue(L, ui, LCS_ANCHORS);
  lua_rawgeti(L, a, m);
  lua_pushvalue(L, ui);
  if (!anchors_chunk(L, u, ui, a, c, objmode)) {
    lua_settop(L, top);
    return LCS_MEMREF;
  }
  if (enc < 0) lua_pushnil(L);
  else lua_rawgeti(L, a, u->enckey[enc]);
  lua_rawgeti(L, a, cb);
  e = gate(L, u, ui, 3);
  lua_settop(L, top);
  return e;
}

/* Can sink_fast make the frame of the method kept in slot m? */
#define SINK_FAST(u, m, enc, cb) \
  ((u)->mcache[m] > 0 && (cb) != CS_NOREF && \
   ((enc) < 0 || ((enc) < LCS_NSPELL && (u)->enckey[enc] != CS_NOREF)))
#endif

#if LCS_SINK_UV
/* On 5.4 a user value is one read where the anchors table costs a read
** and an index per value (5.3 and LuaJIT emulate user values with a table:
** there sink_fast stays the cheaper).  sink_uv makes the frame from the
** user values sink_keep stored: the method kept in slot m, the callback,
** the encoding argument.  Nothing of it allocates but a partial view's
** bytes, made protected once everything else was read. */
#define SINK_UV(u, m, enc) \
  ((u)->sinkm == (m) && ((enc) < 0 || (enc) + 1 == (u)->sinkenc))

static LCS_INLINE cs_ref sink_uv(lua_State *L, lcs_ud *u, const cs_chunk *c,
                                 int enc, int objmode) {
  int top = -1, ui;   /* top: read only where pushud_below pushes */
  cs_ref e;
  if (!lua_checkstack(L, 10)) { memfail(u); return LCS_MEMREF; }
  if ((ui = lcs_slot(L, u)) == 0) {
    top = lua_gettop(L);
    ui = pushud_below(L, u, top);
  }
  lua_getiuservalue(L, ui, LCS_SINKM);
  lua_pushvalue(L, ui);
  if (c->ref > 0) {                        /* buffered in u: its anchors */
    lua_getiuservalue(L, ui, LCS_ANCHORS);
    lua_rawgeti(L, -1, c->ref);
    lua_replace(L, -2);
  } else if (c->ref == CS_NOREF) {
    lua_pushnil(L);
  } else {
    lua_pushvalue(L, lcs_borrowidx(c->ref));
  }
  if (!objmode) {                          /* a string: the view's own? */
    size_t len;
    const char *p = lua_tolstring(L, -1, &len);
    if (p != c->p || len != c->len) {
      /* a partial view: its bytes are made last, protected, and may run a
      ** finalizer (which may replace the user values): the frame's other
      ** values are read first, the bytes rotated into place */
      vh b;
      lua_pop(L, 1);
      if (enc < 0) lua_pushnil(L);
      else lua_getiuservalue(L, ui, LCS_SINKENC);
      lua_getiuservalue(L, ui, LCS_SINKCB);
      b.build = b_bytes;
      b.p = c->p;
      b.len = c->len;
      if (!pvalue(L, u, ui, &b)) {
        /* the method, self, the encoding and the callback pushed */
        if (top >= 0) lua_settop(L, top);
        else lua_pop(L, 4);
        return LCS_MEMREF;
      }
      lua_rotate(L, -3, 1);
      goto call;
    }
  }
  if (enc < 0) lua_pushnil(L);
  else lua_getiuservalue(L, ui, LCS_SINKENC);
  lua_getiuservalue(L, ui, LCS_SINKCB);
call:
  e = gate(L, u, ui, 3);
  /* the gate leaves the stack as it found it: only what pushud_below
  ** left under the call is cleared (an entry's slot needs nothing) */
  if (top >= 0) lua_settop(L, top);
  return e;
}

/* The slow path's frame (the method at mi, then self, the chunk, the
** encoding argument and the callback on top) kept for sink_uv when the
** method is the instance's own, kept in mcache slot m.  Storing a user
** value allocates nothing. */
static void sink_keep(lua_State *L, lcs_ud *u, int ui, int mi, int m, int enc) {
  if (u->mcache[m] <= 0 || u->closing || enc >= LCS_NSPELL) return;
  lua_pushvalue(L, mi);
  lua_setiuservalue(L, ui, LCS_SINKM);
  lua_pushvalue(L, -1);
  lua_setiuservalue(L, ui, LCS_SINKCB);
  if (enc >= 0) {
    lua_pushvalue(L, -2);
    lua_setiuservalue(L, ui, LCS_SINKENC);
  }
  u->sinkenc = enc + 1;
  u->sinkm = m;
}
#endif

static cs_ref h_write(cs_stream *s, const cs_chunk *c, int enc) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui, objmode = (s->w.f & CS_OBJECT_MODE) != 0;
  cs_ref e;
  int m;
#if LCS_SINK_UV
  if (SINK_UV(u, 1, enc)) return sink_uv(L, u, c, enc, objmode);
#else
  if (SINK_FAST(u, 1, enc, u->onwrite))
    return sink_fast(L, u, u->mcache[1], c, enc, u->onwrite, objmode);
#endif
  ui = pushud(L, s);
  m = frame_method(L, u, ui, K_WRITE);
  if (m < 0) return nomem_call(L, u, ui);
  if (m) {
    int mi = lua_gettop(L);
    lua_pushvalue(L, ui);
    if (!frame_chunk(L, u, ui, c, objmode)) return nomem_call(L, u, ui);
    pushenc(L, u, ui, enc);
    if (!pushcb(L, ui, &u->onwrite, cb_onwrite)) return nomem_call(L, u, ui);
#if LCS_SINK_UV
    sink_keep(L, u, ui, mi, 1, enc);
#else
    (void)mi;
#endif
    e = gate(L, u, ui, 3);
  } else {
    lua_settop(L, FA(ui));
    if (!lookup(L, ui, K_WRITEV)) {
      lua_settop(L, ui - 1);
      return not_implemented(s, "_write()");
    }
    lua_pushvalue(L, ui);
    /* c may be borrowed: its value is pushed from this frame. */
    if (!frame_chunk(L, u, ui, c, objmode)) return nomem_call(L, u, ui);
    lua_rawgeti(L, FK(ui), enckey(enc));
    if (!lcs_protect(L, writev1, 2, 1)) return nomem_call(L, u, ui);
    if (!pushcb(L, ui, &u->onwrite, cb_onwrite)) return nomem_call(L, u, ui);
    e = gate(L, u, ui, 2);
  }
  lua_settop(L, ui - 1);
  return e;
}

static cs_ref h_writev(cs_stream *s, const cs_chunk *cs, const int *encs, size_t n) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui = pushud(L, s);
  cs_ref e;
  if (frame_method(L, u, ui, K_WRITEV) < 0) return nomem_call(L, u, ui);
  lua_pushvalue(L, ui);
  if (!pushwritev(L, u, ui, cs, encs, n)) return nomem_call(L, u, ui);
  if (!pushcb(L, ui, &u->onwrite, cb_onwrite)) return nomem_call(L, u, ui);
  e = gate(L, u, ui, 2);
  lua_settop(L, ui - 1);
  return e;
}

/* Call method 'name' with (self, fresh callback f). */
static cs_ref call_with_cb(cs_stream *s, int name, lua_CFunction f,
                           int has_err, cs_ref err) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui = pushud(L, s), n = 1;
  cs_ref e;
  vh a;
  if (!lua_checkstack(L, 8)) return nomem_call(L, u, ui);
  lookup(L, ui, name);
  lua_pushvalue(L, ui);
  if (has_err) { pushref(L, ui, err); n++; }
  memset(&a, 0, sizeof a);
  a.build = b_closure;
  a.f = f;
  if (!pvalue(L, u, ui, &a)) return nomem_call(L, u, ui);
  e = gate(L, u, ui, n);
  lua_settop(L, ui - 1);
  return e;
}

static cs_ref h_final(cs_stream *s) {
  return call_with_cb(s, K_FINAL, cb_onfinal, 0, CS_NOREF);
}

static cs_ref h_destroy(cs_stream *s, cs_ref err) {
  return call_with_cb(s, K_DESTROY, cb_ondestroy, 1, err);
}

static cs_ref h_construct(cs_stream *s) {
  return call_with_cb(s, K_CONSTRUCT, cb_onconstruct, 0, CS_NOREF);
}

static cs_ref h_transform(cs_stream *s, const cs_chunk *c, int enc) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui;
  cs_ref e;
  int m;
#if LCS_SINK_UV
  if (SINK_UV(u, 2, enc))
    return sink_uv(L, u, c, enc, (s->w.f & CS_OBJECT_MODE) != 0);
#else
  if (SINK_FAST(u, 2, enc, u->ontransform))
    return sink_fast(L, u, u->mcache[2], c, enc, u->ontransform,
                     (s->w.f & CS_OBJECT_MODE) != 0);
#endif
  ui = pushud(L, s);
  m = frame_method(L, u, ui, K_TRANSFORM);
  if (m < 0) return nomem_call(L, u, ui);
  if (!m) {
    lua_settop(L, ui - 1);
    return not_implemented(s, "_transform()");
  }
  m = lua_gettop(L);                           /* the method's slot */
  lua_pushvalue(L, ui);
  if (!frame_chunk(L, u, ui, c, (s->w.f & CS_OBJECT_MODE) != 0))
    return nomem_call(L, u, ui);
  pushenc(L, u, ui, enc);
  if (!pushcb(L, ui, &u->ontransform, cb_ontransform)) return nomem_call(L, u, ui);
#if LCS_SINK_UV
  sink_keep(L, u, ui, m, 2, enc);
#endif
  e = gate(L, u, ui, 3);
  lua_settop(L, ui - 1);
  return e;
}

static cs_ref h_flush(cs_stream *s) {
  return call_with_cb(s, K_FLUSH, cb_onflush, 0, CS_NOREF);
}

static void h_callback(cs_stream *s, cs_ref cb, cs_ref err) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  if (!lua_checkstack(L, 4)) {
    memfail(toud(s));
    cs_destroy(s, LCS_MEMREF, CS_NOREF);
    lua_settop(L, ui - 1);
    return;
  }
  pushref(L, ui, cb);
  pushref(L, ui, err);
  {
    lcs_state *st = toud(s)->st;
    cs_ref e = CS_NOREF;
    if (st->lcalls >= LCS_MAX_LCALLS) {
      e = too_deep_call(L, toud(s), ui, 1);
    } else {
      int r;
      LCS_SETTLE(L, st);
      st->lcalls++;
      r = lua_pcall(L, 1, 0, 0);
      st->lcalls--;
      if (r != LUA_OK) e = perr(L, toud(s), ui);
    }
    if (e != CS_NOREF) cs_destroy(s, e, CS_NOREF);
  }
  lua_settop(L, ui - 1);
}


static int h_has(cs_stream *s, int m) {
  lua_State *L = toud(s)->L;
  int ui, r;
  if (m == CS_M_READ) {  /* asked per _read: decided once */
    lcs_ud *u = toud(s);
    if (u->userread == 0) {
      ui = pushud(L, s);
      if ((r = lookup(L, ui, K_READ)) != 0) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &TREADKEY);
        r = !lua_rawequal(L, -1, -2);
      }
      u->userread = r ? 1 : -1;
      lua_settop(L, ui - 1);
    }
    return u->userread > 0;
  }
  ui = pushud(L, s);
  r = lookup(L, ui, m == CS_M_WRITEV ? K_WRITEV :
                    m == CS_M_FINAL ? K_FINAL :
                    m == CS_M_DESTROY ? K_DESTROY : K_FLUSH);
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


/* aggregateTwoErrors(inner, outer) through the Lua function errors.lua
** registers; outer when there is none or it fails. */
static cs_ref h_aggregate(cs_stream *s, cs_ref inner, cs_ref outer) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref r;
  vh a;
  if (!lua_checkstack(L, 4) || lua_rawgetp(L, LUA_REGISTRYINDEX, &AGGKEY) != LUA_TFUNCTION) {
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
  memset(&a, 0, sizeof a);
  r = panchor(L, toud(s), ui, &a);
  lua_settop(L, ui - 1);
  h_unref(s, inner);
  if (r == CS_NOREF) return outer;
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

static void b_batch(lua_State *L, vh *a) {
  size_t i;
  int k = 0;
  lua_createtable(L, (int)a->n, 0);
  for (i = 0; i < a->n; i++) {
    if (a->cbs[i] == CS_NOREF) continue;
    pushref(L, VH_UD, a->cbs[i]);  /* callbacks are anchored, never borrowed */
    lua_rawseti(L, -2, ++k);
  }
  lua_pushcclosure(L, cb_batch, 1);
}

/* CS_NOREF when out of memory: cbs then stay the caller's. */
static cs_ref h_batch(cs_stream *s, const cs_ref *cbs, size_t n) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  size_t i;
  cs_ref r;
  vh a;
  memset(&a, 0, sizeof a);
  a.build = b_batch;
  a.cbs = cbs;
  a.n = n;
  r = panchor(L, toud(s), ui, &a);
  lua_settop(L, ui - 1);
  if (r != CS_NOREF)
    for (i = 0; i < n; i++) h_unref(s, cbs[i]);
  return r;
}

/* The awaited writers live in C (lcs_pipe.c): letting go of their anchors
** allocates nothing in Lua, so there is nothing to protect. */
static void h_clear_await(cs_stream *s) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  lcs_gc_hold(L, toud(s)->st);
  lcs_pipe_clear_await(L, toud(s), ui);
  lua_settop(L, ui - 1);
}

const cs_host host = {
  h_alloc, h_unref, h_dup, h_newbytes, h_mkerror, h_emit, h_defer,
  h_read, h_write, h_writev, h_final, h_destroy, h_construct, h_transform,
  h_flush, h_callback, h_has, h_same, h_batch, h_clear_await, h_pin,
  h_aggregate,
  h_scratch
};

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
  {
    /* the anchor table on this frame for the op's hooks (lcs_ud.aslot):
    ** one op may run a whole flow, _read and the chunks' unref included */
    int slot = 0;
    /* room for the slot and for what the op's hooks push at its level
    ** without asking (h_pin's and h_unref's value, lcs_aslot's fetch), as
    ** a method's entry has LUA_MINSTACK: the drain's margin is not ours */
    if (lua_checkstack(L, 1 + LUA_MINSTACK)) {
      lua_getiuservalue(L, udidx, LCS_ANCHORS);
      slot = lua_gettop(L);
    }
    {
      ENTERAT(u, udidx);
      {
        ASLOT_SET(u, slot, 0);
        cs_run(&u->s, op, a, b);
        ASLOT_RESTORE(u);
      }
      LEAVE(u);
    }
    if (slot) lua_settop(L, slot - 1);
  }
}
