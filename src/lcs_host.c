/*
** lcs_host.c - the host vtable the core calls, and the one call gate into
** Lua.
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

#include "lcs_int.h"

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
  if ((ui = lcs_slot(L, u)) != 0) { unanchor(L, u, ui, r); return; }
  ui = pushud(L, s);
  unanchor(L, u, ui, r);
  lua_settop(L, ui - 1);
}

static cs_ref h_pin(cs_stream *s, cs_ref r) {
  lcs_ud *u = toud(s);
  lua_State *L;
  int ui;
  if (!lcs_isborrowed(r)) return r;
  L = u->L;
  if ((ui = lcs_slot(L, u)) != 0) {
    /* toref's work on a value known not to be nil (nil is never borrowed:
    ** it is CS_NOREF) */
    cs_ref n = u->nfree ? u->freeref[--u->nfree] : ++u->nextref;
    lua_getiuservalue(L, ui, LCS_ANCHORS);
    lua_pushvalue(L, lcs_borrowidx(r));
    lua_rawseti(L, -2, n);
    lua_settop(L, -2);
    return n;
  }
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

static cs_ref h_newbytes(cs_stream *s, const char *p, size_t len, const char **stored) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui = pushud(L, s);
  char *big = (u->scratchcap > SCRATCH_KEEP && p == u->scratch) ? u->scratch : NULL;
  cs_ref r;
  lcs_gc_hold(L, u->st);
  /* Copies p first; the allocation may then run finalizers (re-entry). */
  *stored = lua_pushlstring(L, len ? p : "", len);
  if (big != NULL && u->scratch == big) lcs_drop_scratch(u);
  if (u->outslot && u->busy == u->outbusy && u->ui == 1) {
    /* read()'s own result, made by its from_list at read's level (a nested
    ** entry is one level up): it lives in read's slot, no anchor needed;
    ** once only, so nothing else at this level can take the slot. */
    lua_replace(L, u->outslot);
    r = lcs_borrow(u->outslot);
    u->outslot = 0;
    lua_settop(L, ui - 1);
    return r;
  }
  r = toref(L, ui);
  lua_settop(L, ui - 1);
  return r;
}

cs_ref h_mkerror(cs_stream *s, int code, const char *msg) {
  lua_State *L = toud(s)->L;
  int ui = pushud(L, s);
  cs_ref r;
  lcs_gc_hold(L, toud(s)->st);
  lcs_pusherror(L, cs_err_name(code), msg);
  r = toref(L, ui);
  lua_settop(L, ui - 1);
  return r;
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
  int ui, n = 2, flowing;
  if (st->depth >= LCS_MAX_DEPTH) { too_deep(L, st); return; }
  LCS_SETTLE(L, st);   /* user code may run from here on */
  /* A pipe's one forwarder, known (lcs_pipe.c): nothing pushed for it
  ** (it makes room itself where it pushes). */
  if (ev == CS_EV_DATA && u->pipe != NULL && u->pipe->fwdok > 0 &&
      u->stdemit > 0) {
    int handled;
    st->depth++;
    handled = lcs_pipe_fast(L, u, c);
    st->depth--;
    if (handled) return;
  }
  luaL_checkstack(L, 8, "emit");
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
    if (none) goto done;
    lua_settop(L, ui);
  }
  if (ev == CS_EV_DATA && !flowing && fast_data(L, ui, s, c)) goto done;
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

/* The frame of a per-chunk hook (_read, _write, _transform): the stream's
** keys, fields and anchors tables fetched once above ui (FK, FF, FA), then
** method k found as lookup() finds it, on top (what the search left lies
** below it; the call takes only the function and what is pushed after it,
** and the hook's settop clears the rest).  Returns 0 when there is none. */
#define FK(ui) ((ui) + 1)
#define FF(ui) ((ui) + 2)
#define FA(ui) ((ui) + 3)
static int frame_method(lua_State *L, int ui, int k) {
  luaL_checkstack(L, 16, "stream call");
  lua_getiuservalue(L, ui, LCS_KEYS);
  lua_getiuservalue(L, ui, LCS_FIELDS);
  lua_getiuservalue(L, ui, LCS_ANCHORS);
  lua_rawgeti(L, FK(ui), k);                     /* ui + 4: the name */
  lua_pushvalue(L, ui + 4);
  if (lua_rawget(L, FF(ui)) != LUA_TNIL) return 1;
  if (!lua_getmetatable(L, ui)) return 0;
  lua_pushvalue(L, ui + 4);
  return lua_gettable(L, ui + 6) != LUA_TNIL;
}

/* pushchunk through the frame's anchors table. */
static void frame_chunk(lua_State *L, int ui, const cs_chunk *c, int objmode) {
  if (c->ref == CS_NOREF) lua_pushnil(L);
  else if (lcs_isborrowed(c->ref)) lua_pushvalue(L, lcs_borrowidx(c->ref));
  else lua_rawgeti(L, FA(ui), c->ref);
  if (!objmode) {
    size_t len;
    const char *p = lua_tolstring(L, -1, &len);
    if (p != c->p || len != c->len) {
      lua_pop(L, 1);
      lua_pushlstring(L, c->len ? c->p : "", c->len);
    }
  }
}

static cs_ref not_implemented(cs_stream *s, const char *what) {
  char msg[64];
  snprintf(msg, sizeof msg, "The %s method is not implemented", what);
  return h_mkerror(s, CS_ERR_METHOD_NOT_IMPLEMENTED, msg);
}

/* _read, called once per chunk a flowing source makes.  An instance's own
** _read (the read option, self._read = f) is kept in the user value
** LCS_READFN once found, so the call is fetched with one API call; only an
** assignment to the instance's _read (__newindex clears it) can change
** what that lookup finds.  A class's _read is looked up each time (a class
** table may change under it). */
static cs_ref h_read(cs_stream *s, size_t n) {
  lcs_ud *u = toud(s);
  lua_State *L = u->L;
  int ui, top;
  cs_ref e = CS_NOREF;
  luaL_checkstack(L, 16, "stream call");
  top = lua_gettop(L);
  /* The entry's slot (as pushud trusts it), else the userdata pushed. */
  if (u->ui && lua_touserdata(L, u->ui) == (void *)u) ui = u->ui;
  else ui = pushud(L, s);
  if (lua_getiuservalue(L, ui, LCS_READFN) == LUA_TNIL) {
    lua_settop(L, top);
    ui = pushud(L, s);                  /* frame_method works at the top */
    if (!frame_method(L, ui, K_READ)) {
      lua_settop(L, top);
      return not_implemented(s, "_read()");
    }
    /* Found among the instance's fields (frame_method returned before
    ** its metatable lookup, which leaves two more slots): cache it. */
    if (lua_gettop(L) == ui + 5) {
      lua_pushvalue(L, -1);
      lua_setiuservalue(L, ui, LCS_READFN);
    }
  }
  lua_pushvalue(L, ui);
  lua_pushinteger(L, (lua_Integer)n);
  LCS_SETTLE(L, u->st);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) e = toerr(L, ui);
  lua_settop(L, top);
  return e;
}

/* With decodeStrings false Node hands _write the caller's spelling: an
** alias rides in the encoding's high bits, which the core never looks at on
** that path. */
const char *const aliases[] = {
  NULL, "utf-8", "binary", "ucs2", "ucs-2", "utf-16le", NULL
};

int withalias(int enc, const char *name) {
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
  lua_rawgeti(L, FA(ui), *slot);   /* the frame's anchors */
}


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
  if (frame_method(L, ui, K_WRITE)) {
    lua_pushvalue(L, ui);
    frame_chunk(L, ui, c, objmode);
    lua_rawgeti(L, FK(ui), enckey(enc));
    pushcb(L, ui, &u->onwrite, cb_onwrite);
    e = gate(L, ui, 3);
  } else {
    lua_settop(L, FA(ui));
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
  frame_method(L, ui, K_WRITEV);
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
  if (!frame_method(L, ui, K_TRANSFORM)) {
    lua_settop(L, ui - 1);
    return not_implemented(s, "_transform()");
  }
  lua_pushvalue(L, ui);
  frame_chunk(L, ui, c, (s->w.f & CS_OBJECT_MODE) != 0);
  lua_rawgeti(L, FK(ui), enckey(enc));
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
  { ENTERAT(u, udidx); cs_run(&u->s, op, a, b); LEAVE(u); }
}
