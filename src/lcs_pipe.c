/*
** lcs_pipe.c - pipe's one owner: the state of Node's Readable.prototype.pipe
** (state.pipes, awaitDrainWriters, multiAwaitDrain), the 'data' forwarder
** pipe() registers, and the fast path that writes a chunk into a cstream
** destination from C.  lua/cstream/pipe.lua wires the listeners (on the
** public API, as Node's pipe does) and asks this file for every change of
** the state; nothing else reads or writes it.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lcs_int.h"

static int pipe_ondata(lua_State *L);

/* ---- the state --------------------------------------------------------------- */

/* Destinations are anchored in the source (its anchor table), so their
** address (lua_topointer) names them exactly while they are held: the
** comparisons below are rawequal, never a user __eq, as Node's ===. */

void lcs_pipe_free(lcs_ud *u) {
  lcs_pipe *p = u->pipe;
  if (p == NULL) return;
  u->pipe = NULL;
  if (p->pipes)
    u->allocf(u->allocud, p->pipes, (size_t)p->cappipes * sizeof *p->pipes, 0);
  if (p->await)
    u->allocf(u->allocud, p->await, (size_t)p->capawait * sizeof *p->await, 0);
  u->allocf(u->allocud, p, sizeof *p, 0);
}

static lcs_pipe *getpipe(lua_State *L, lcs_ud *u) {
  if (u->pipe == NULL) {
    lcs_pipe *p = (lcs_pipe *)u->allocf(u->allocud, NULL, 0, sizeof *p);
    if (p == NULL) luaL_error(L, "not enough memory");
    memset(p, 0, sizeof *p);
    p->fwdref = p->pauseref = CS_NOREF;
    u->pipe = p;
  }
  return u->pipe;
}

/* Room for one more entry in *a (raw allocator: runs no Lua); 0 on OOM. */
static int grow(lcs_ud *u, lcs_pipeent **a, int n, int *cap) {
  if (n == *cap) {
    int ncap = *cap ? *cap * 2 : 4;
    lcs_pipeent *na = (lcs_pipeent *)u->allocf(u->allocud, *a,
        (size_t)*cap * sizeof **a, (size_t)ncap * sizeof **a);
    if (na == NULL) return 0;
    *a = na;
    *cap = ncap;
  }
  return 1;
}

static int find(const lcs_pipeent *a, int n, const void *id) {
  int i;
  for (i = 0; i < n; i++)
    if (a[i].id == id) return i;
  return -1;
}

/* Append the value at vi to *a, anchored in u.  The caller holds the
** collector (lcs_gc_hold): anchoring allocates, and no finalizer may run
** a pipe() of this source in between. */
static void add(lua_State *L, lcs_ud *u, int ui, lcs_pipeent **a, int *n,
                int *cap, int vi) {
  const void *id = lua_topointer(L, vi);
  if (!grow(u, a, *n, cap)) luaL_error(L, "not enough memory");
  lua_pushvalue(L, vi);
  (*a)[*n].ref = toref(L, ui);
  (*a)[*n].id = id;
  (*n)++;
}

static void drop(lua_State *L, lcs_ud *u, int ui, lcs_pipeent *a, int *n, int i) {
  unanchor(L, u, ui, a[i].ref);
  memmove(a + i, a + i + 1, (size_t)(*n - i - 1) * sizeof *a);
  (*n)--;
}

static void drop_all(lua_State *L, lcs_ud *u, int ui, lcs_pipeent *a, int *n) {
  while (*n > 0) unanchor(L, u, ui, a[--*n].ref);
}

/* The core is told whether anybody is awaited (and so whether it must call
** clear_await_drain when data moves on). */
static void sync(lcs_ud *u) {
  cs_set_await_drain(&u->s, u->pipe->nawait > 0,
                     (u->s.r.f & CS_R_MULTI_AWAIT_DRAIN) != 0);
}

static void setmulti(lcs_ud *u, int on) {
  cs_set_await_drain(&u->s, u->pipe->nawait > 0, on);
}

/* clear_await_drain: awaitDrainWriters = null, or .clear() */
void lcs_pipe_clear_await(lua_State *L, lcs_ud *u, int ui) {
  if (u->pipe != NULL) drop_all(L, u, ui, u->pipe->await, &u->pipe->nawait);
}

/* A source for the state functions below: a live readable stream, and the
** destination (argument 2) a userdata or table, as pipe() checked. */
static lcs_ud *pipesrc(lua_State *L) {
  lcs_ud *u = checkR(L);
  int t = lua_type(L, 2);
  if (t != LUA_TUSERDATA && t != LUA_TTABLE && !lua_isnoneornil(L, 2))
    luaL_argerror(L, 2, "stream expected");
  lcs_gc_hold(L, u->st);
  return u;
}

#define PIPE_DONE(L, u) LCS_SETTLE(L, (u)->st)

/* pipeAdd(src, dest): state.pipes.push(dest), after making the awaited
** writers a set when a second destination comes. */
static int l_pipeadd(lua_State *L) {
  lcs_ud *u = pipesrc(L);
  lcs_pipe *p = getpipe(L, u);
  luaL_checkany(L, 2);
  if (p->npipes == 1 && !(u->s.r.f & CS_R_MULTI_AWAIT_DRAIN)) {
    setmulti(u, 1);   /* the one awaited writer, if any, is the set's */
  }
  add(L, u, 1, &p->pipes, &p->npipes, &p->cappipes, 2);
  PIPE_DONE(L, u);
  return 0;
}

/* pipePause(src, dest): what pipe's pause() records before src.pause(),
** when its pipe is not cleaned up. */
static int l_pipepause(lua_State *L) {
  lcs_ud *u = pipesrc(L);
  lcs_pipe *p = getpipe(L, u);
  const void *id = lua_topointer(L, 2);
  if (p->npipes == 1 && p->pipes[0].id == id) {
    drop_all(L, u, 1, p->await, &p->nawait);
    add(L, u, 1, &p->await, &p->nawait, &p->capawait, 2);
    setmulti(u, 0);
  } else if (p->npipes > 1 && find(p->pipes, p->npipes, id) >= 0) {
    if (!(u->s.r.f & CS_R_MULTI_AWAIT_DRAIN)) {  /* cannot happen in Node */
      drop_all(L, u, 1, p->await, &p->nawait);
      setmulti(u, 1);
    }
    if (find(p->await, p->nawait, id) < 0)
      add(L, u, 1, &p->await, &p->nawait, &p->capawait, 2);
    sync(u);
  }
  PIPE_DONE(L, u);
  return 0;
}

/* pipeDrained(src, dest): pipeOnDrain's bookkeeping; true when nobody is
** awaited any more and the source has 'data' listeners (resume it). */
static int l_pipedrained(lua_State *L) {
  lcs_ud *u = pipesrc(L);
  lcs_pipe *p = getpipe(L, u);
  int i = find(p->await, p->nawait, lua_topointer(L, 2));
  if (i >= 0) {
    drop(L, u, 1, p->await, &p->nawait, i);
    sync(u);
  }
  lua_pushboolean(L, p->nawait == 0 && (u->s.r.f & CS_R_DATA_LISTENING));
  PIPE_DONE(L, u);
  return 1;
}

/* pipeAwaiting(src): is state.awaitDrainWriters truthy (a set always is). */
static int l_pipeawaiting(lua_State *L) {
  lcs_ud *u = checkR(L);
  lua_pushboolean(L, (u->s.r.f & CS_R_MULTI_AWAIT_DRAIN) ||
                     (u->pipe != NULL && u->pipe->nawait > 0));
  return 1;
}

/* pipeRemove(src [, dest]): unpipe's state change.  Without dest: every
** destination as an array (nil when there is none), state.pipes emptied.
** With one: the number of pipes left once its first entry is gone, or nil
** when it is not piped. */
static int l_piperemove(lua_State *L) {
  lcs_ud *u = pipesrc(L);
  lcs_pipe *p = u->pipe;
  int i, n;
  if (p == NULL || p->npipes == 0) { PIPE_DONE(L, u); return 0; }
  if (lua_isnoneornil(L, 2)) {
    n = p->npipes;
    lua_createtable(L, n, 0);
    for (i = 0; i < n; i++) {
      pushref(L, 1, p->pipes[i].ref);
      lua_rawseti(L, -2, i + 1);
    }
    drop_all(L, u, 1, p->pipes, &p->npipes);
    PIPE_DONE(L, u);
    return 1;
  }
  i = find(p->pipes, p->npipes, lua_topointer(L, 2));
  if (i < 0) { PIPE_DONE(L, u); return 0; }
  drop(L, u, 1, p->pipes, &p->npipes, i);
  lua_pushinteger(L, p->npipes);
  PIPE_DONE(L, u);
  return 1;
}

/* src._pipes and src._awaitDrain: read-only views of the state for specs
** and debugging (Node's _readableState.pipes and .awaitDrainWriters): an
** array, and nil, the one destination or a set table. */
int lcs_pipe_view(lua_State *L, lcs_ud *u, int ui, const char *name) {
  lcs_pipe *p = u->pipe;
  int i, n;
  if (name[0] != '_') return 1;
  if (strcmp(name, "_pipes") == 0) {
    if (p == NULL) return 1;
    lcs_gc_hold(L, u->st);
    n = p->npipes;
    lua_createtable(L, n, 0);
    for (i = 0; i < n && i < p->npipes; i++) {
      pushref(L, ui, p->pipes[i].ref);
      lua_rawseti(L, -2, i + 1);
    }
  } else if (strcmp(name, "_awaitDrain") == 0) {
    if (!(u->s.r.f & CS_R_MULTI_AWAIT_DRAIN)) {
      if (p == NULL || p->nawait == 0) { lua_pushnil(L); return 1; }
      pushref(L, ui, p->await[0].ref);
      return 1;
    }
    lcs_gc_hold(L, u->st);
    n = p ? p->nawait : 0;
    lua_createtable(L, 0, n);
    for (i = 0; i < n && i < p->nawait; i++) {
      pushref(L, ui, p->await[i].ref);
      lua_pushboolean(L, 1);
      lua_rawset(L, -3);
    }
  } else {
    return 1;
  }
  LCS_SETTLE(L, u->st);
  return 1;
}

/* Any change to a stream's 'data' listeners (events.lua calls the hook
** core.dataChanged; an assignment to _events comes through __newindex):
** the fast path checks them again at the next emit, and lets go of the
** dest it held (a fast write in progress holds its own on the stack). */
static void release(lua_State *L, lcs_ud *u, int ui, lcs_pipe *p) {
  p->stale = 0;
  if (u->s.host == NULL) return;   /* the anchors die with the userdata */
  if (p->fwdref != CS_NOREF) unanchor(L, u, ui, p->fwdref);
  if (p->pauseref != CS_NOREF) unanchor(L, u, ui, p->pauseref);
  p->fwdref = p->pauseref = CS_NOREF;
}

void lcs_pipe_changed(lua_State *L, lcs_ud *u, int ui) {
  lcs_pipe *p = u->pipe;
  u->st->datagen++;                /* every stream's "no 'data' listener" too */
  if (p == NULL) return;
  p->fwdok = 0;
  p->gen++;
  p->fwd = NULL;
  if (p->running) p->stale = 1;    /* a fast write still uses them */
  else release(L, u, ui, p);
}

/* Any emitter's: a table emitter may share its _events with a stream. */
static int l_datachanged(lua_State *L) {
  if (is_stream(L, 1)) lcs_pipe_changed(L, (lcs_ud *)lua_touserdata(L, 1), 1);
  else lcs_getstate(L)->datagen++;
  return 0;
}

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

/* ---- the 'data' fast path ------------------------------------------------------- */

/* Are the source's 'data' listeners exactly one forwarder into a cstream
** writable whose write is the core's?  Checked once after each change to
** them.  The check may run Lua (a class's __index, the collector), which
** may change the listeners again: the answer is kept only if no change
** came in between (gen).  The dest and the pipe's pause are anchored in
** the source for as long as the answer is kept. */
static void fwd_check(lua_State *L, int ui, lcs_ud *u, lcs_pipe *p) {
  unsigned gen = p->gen;
  int top = lua_gettop(L), t, nomem = 0;
  lcs_ud *d;
  /* Room for what is pushed below (lookup's six included): callers in a
  ** pipe chain recurse inside one C call, whose stack is only what each
  ** level asked for.  Without it the check is left for the next emit. */
  if (!lua_checkstack(L, 16)) return;
  p->fwdok = -1;
  p->fwd = NULL;
  release(L, u, ui, p);
  lua_getiuservalue(L, ui, LCS_FIELDS);
  pushk(L, ui, K_EVENTS);
  if (lua_rawget(L, -2) != LUA_TTABLE) goto done;
  pushk(L, ui, K_EV + CS_EV_DATA);
  if (lua_rawget(L, -2) != LUA_TTABLE || lua_rawlen(L, -1) != 1) goto done;
  lua_rawgeti(L, -1, 1);
  if (lua_tocfunction(L, -1) != pipe_ondata) goto done;
  t = lua_gettop(L);
  lua_getupvalue(L, t, 1);                  /* t + 1: dest */
  lua_getupvalue(L, t, 2);                  /* t + 2: pause */
  if (!is_stream(L, t + 1)) goto done;
  d = (lcs_ud *)lua_touserdata(L, t + 1);
  if (d->s.host == NULL || !(d->s.kind & CS_K_WRITABLE)) goto done;
  if (d->stdwrite == 0) {
    int top2 = lua_gettop(L);
    lookup(L, t + 1, K_WRITE_M);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &WRITEKEY);
    d->stdwrite = lua_rawequal(L, -1, -2) ? 1 : -1;
    lua_settop(L, top2);
  }
  if (d->stdwrite < 0 || p->gen != gen) goto done;
  /* Anchored protected (fast_data runs inside h_emit): out of memory, the
  ** general path takes the chunk, the check is made again next time, and
  ** the method raises the memory error. */
  lua_pushvalue(L, t + 1);
  if ((p->fwdref = lcs_panchor_top(L, u, ui)) == CS_NOREF) { nomem = 1; goto done; }
  lua_pushvalue(L, t + 2);
  if ((p->pauseref = lcs_panchor_top(L, u, ui)) == CS_NOREF) { nomem = 1; goto done; }
  if (p->gen != gen || u->pipe != p) goto done;  /* anchoring ran Lua */
  p->fwd = d;
  p->fwdok = 1;
done:
  if (p->fwdok != 1 && (p->gen != gen || nomem)) p->fwdok = 0;  /* check again */
  lua_settop(L, top);
}

/* The chunk into the one forwarder's dest, as pipe_ondata would write it,
** with no Lua API call when the chunk is borrowed (it flows through): the
** state cached by fwd_check, which nothing but a change to the listeners
** (or an assignment to dest.write or src.emit, seen in their flags) can
** make stale.  The dest and the pipe's pause stay anchored in the source
** while the write runs (running), whatever it unpipes, removes or frees.
** The dest is entered as every entry is (ENTERAT), with a stack slot when
** one comes at no cost: a chunk buffered in the source is fetched from the
** source's anchors, where the dest is anchored too (fwdref), one array read
** away.  A dest whose hooks take the chunk (_write, _transform, not a
** PassThrough that hands it on by this path) then finds itself there
** instead of in the registry's weak table.  Otherwise it is entered with no
** slot (its host calls find it in the registry).  Stack room is made only
** where something is pushed (never with luaL_checkstack, which would raise
** through the core).  Returns 0 to leave the chunk to the general path,
** before anything ran.  h_emit calls it directly (u->pipe, fwdok seen). */
#if defined(__GNUC__)
#define PIPE_INLINE inline __attribute__((always_inline))
#else
#define PIPE_INLINE inline
#endif

static PIPE_INLINE int pipe_fast(lua_State *L, lcs_ud *u, lcs_pipe *p,
                                 const cs_chunk *c) {
  lcs_ud *d = p->fwd;
  cs_chunk dc;
  int r, top = -1, di = 0;
  /* lcs_pipe_emit comes here from h_emit's look across LCS_SETTLE, whose
  ** step may run finalizers that unpiped (fwd NULL, the dest let go) or
  ** assigned emit: asked again here, where the look is cheapest */
  if (d == NULL || u->stdemit <= 0) return 0;
  if (d->s.host == NULL) return 1;          /* freed by __gc(): not called */
  if (d->stdwrite <= 0) return 0;           /* dest.write assigned since */
  /* An object into a byte dest may raise, bytes into an object dest need
  ** the view's string: both the Lua way. */
  if ((u->s.r.f ^ d->s.w.f) & CS_OBJECT_MODE) return 0;
  if (c->ref == CS_NOREF) return 0;
  if (u->s.r.f & CS_OBJECT_MODE) {
    dc.p = NULL;
    dc.len = 0;
  } else {
    dc.p = c->p;
    dc.len = c->len;
  }
  if (lcs_isborrowed(c->ref)) {
    dc.ref = c->ref;
  } else {                                  /* buffered in the source */
    int ui, ai;
    if (!lua_checkstack(L, 5)) return 0;    /* the general path fails it */
    top = lua_gettop(L);
    if ((ai = lcs_aslot(L, u)) != 0) {
      /* the anchors the entry driving the source keeps on its frame (a
      ** tick's op: the flow loop's read()) */
      lua_rawgeti(L, ai, c->ref);           /* top + 1 */
      dc.ref = lcs_borrow(top + 1);
      if (!d->passthrough) {
        lua_rawgeti(L, ai, p->fwdref);
        di = top + 2;
      }
      goto write;
    }
    if ((ui = lcs_slot(L, u)) == 0) ui = pushud(L, &u->s);
    lua_getiuservalue(L, ui, LCS_ANCHORS);
    ai = (ui > top ? ui : top) + 1;
    lua_rawgeti(L, ai, c->ref);             /* above ui and the anchors */
    dc.ref = lcs_borrow(ai + 1);
    if (!d->passthrough) {                  /* its slot, checked by its uses */
      lua_rawgeti(L, ai, p->fwdref);
      di = ai + 2;
    }
  }
write:
  p->running++;
  {
    /* ENTERAT(d, di), where di may be 0 (no slot): then pushud finds d
    ** in the weak table, or, for a d that a finalizer brought back (its
    ** weak entry cleared), through u's anchor of it (via).  With no slot
    ** here d keeps the one its own entry gave it (every use checks that
    ** the slot holds d, on this thread and frame): a stream piped into
    ** itself, or a ring of pipes back into its source, is its own via,
    ** and only that slot finds it (pushud_via recursed without end). */
    lua_State *saved_L = d->L;
    int saved_ui = d->ui;
    lcs_ud *saved_via = d->via;
    cs_ref saved_viaref = d->viaref;
    d->L = L;
    if (di != 0) d->ui = di;
    d->via = u;
    d->viaref = p->fwdref;
    d->busy++;
    r = cs_write(&d->s, &dc, pipe_enc(&u->s, &d->s), CS_NOREF, NULL);
    d->L = saved_L;
    d->ui = saved_ui;
    d->via = saved_via;
    d->viaref = saved_viaref;
    if (--d->busy == 0 && d->gcpending) ud_free(L, d);
    LCS_SETTLE(L, d->st);
  }
  /* The source is busy (its entry drives this emit): p is still its, and
  ** its anchors stay until release (nothing between runs Lua). */
  p->running--;
  if (r != 1 || (p->running == 0 && p->stale)) {
    int ui;
    if (!lua_checkstack(L, 4)) {            /* pause() not called */
      lcs_memfail(u);
      if (top >= 0) lua_settop(L, top);
      return 1;
    }
    if (top < 0) top = lua_gettop(L);
    ui = pushud(L, &u->s);
    if (r != 1) {                           /* pause(), fetched while held */
      lua_pushcfunction(L, lcs_msgh);       /* ui + 1 */
      pushref(L, ui, p->pauseref);          /* ui + 2 */
    }
    if (p->running == 0 && p->stale) release(L, u, ui, p);
    if (r != 1 && lua_type(L, ui + 2) == LUA_TFUNCTION) {
      LCS_SETTLE(L, u->st);
      if (lua_pcall(L, 0, 0, ui + 1) != LUA_OK) lcs_set_pending(L, u->st);
    }
  }
  if (top >= 0) lua_settop(L, top);
  return 1;
}

int lcs_pipe_fast(lua_State *L, lcs_ud *u, lcs_pipe *p, const cs_chunk *c) {
  return pipe_fast(L, u, p, c);
}

/* h_emit's 'data' of a flowing stream whose pipe's one forwarder is known
** (u->pipe, fwdok and stdemit seen, below the depth limit), in one frame:
** user code may run from here on (SETTLE); what the forwarder leaves goes
** the general way (emit_, which reads everything again). */
void lcs_pipe_emit(cs_stream *s, int ev, const cs_chunk *c, cs_ref err) {
  lcs_ud *u = toud(s);
  lcs_state *st = u->st;
  lua_State *L = u->L;
  int handled;
  if (st->loan) {                  /* LCS_SETTLE */
    lcs_gc_repay(L, st);
    /* the collector's postponed step may have run finalizers that changed
    ** the listeners (fwd let go) or emit: what h_emit saw, seen again */
    if (u->pipe == NULL || u->pipe->fwdok <= 0 || u->stdemit <= 0) {
      lcs_emit_piped(s, ev, c, err);
      return;
    }
  }
  st->depth++;
  handled = pipe_fast(L, u, u->pipe, c);
  st->depth--;
  if (!handled) lcs_emit_piped(s, ev, c, err);
}

/* list[0] = 1 (fast_data, protected: the key may be new) */
static int setcount(lua_State *L) {
  lua_pushinteger(L, 1);
  lua_rawseti(L, 1, 0);
  return 0;
}

/* 'data' when the stream's emit is the emitter's own: what that emit does
** (each listener of the array fetched now, in order, with the chunk; a
** listener that raises ends the emit), done from C.  The source's one pipe
** forwarder into a cstream dest goes by lcs_pipe_fast; otherwise a pipe()
** forwarder into a cstream destination whose write is the core's is not
** called: the chunk is written into the destination from C, and the source
** paused on a false write, as the forwarder would.  Everything is checked
** again before each listener, since the one before may have run user code
** (a _write, a finalizer) that changed the array, dest.write or freed a
** dest.  Returns 0 to leave it to the Lua emit. */
int fast_data(lua_State *L, int ui, cs_stream *s, const cs_chunk *c) {
  lcs_state *st = toud(s)->st;
  int top = lua_gettop(L), li, mh, cv, n, i, before = st->pending;
  int one = 0;
  lua_Integer running = 0;
  const char *p;
  size_t len = 0;
  lcs_pipe *pp = toud(s)->pipe;
  if (!stdemit(L, ui, toud(s))) return 0;
  if (pp != NULL) {
    if (pp->fwdok == 0 && pp->running == 0) fwd_check(L, ui, toud(s), pp);
    /* fwd_check may run Lua: the stream and its pipe are read again */
    if (s->host == NULL) return 1;
    if (toud(s)->pipe == pp && pp->fwdok > 0 &&
        lcs_pipe_fast(L, toud(s), pp, c))
      return 1;
  }
  lua_getiuservalue(L, ui, LCS_KEYS);     /* top + 1, once for both keys */
  lua_getiuservalue(L, ui, LCS_FIELDS);
  lua_rawgeti(L, top + 1, K_EVENTS);
  if (lua_rawget(L, -2) != LUA_TTABLE) { lua_settop(L, top); return 0; }
  lua_rawgeti(L, top + 1, K_EV + CS_EV_DATA);
  if (lua_rawget(L, -2) != LUA_TTABLE) { lua_settop(L, top); return 0; }
  li = lua_gettop(L);
  if (!lua_checkstack(L, 8)) {   /* as h_emit: not delivered, the method raises */
    lua_settop(L, top);
    lcs_memfail(toud(s));
    return 1;
  }
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
    if (running) {               /* the key is there: no allocation */
      lua_pushinteger(L, running + 1);
      lua_rawseti(L, li, 0);
    } else {                     /* a new key may grow the table */
      lua_pushvalue(L, li);
      if (!lcs_protect(L, setcount, 1, 0)) {
        lua_settop(L, top);
        lcs_memfail(toud(s));
        return 1;
      }
      /* the count is set only once setcount runs: pushing it (a closure
      ** on LuaJIT, collector checked) may run finalizers that changed the
      ** array in place before that */
      n = (int)lua_rawlen(L, li);
    }
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
    if (!lcs_pbytes(L, toud(s), ui, c->p, c->len)) {
      /* as h_emit: the chunk is lost and the stream errors */
      if (!one) {
        if (running) lua_pushinteger(L, running); else lua_pushnil(L);
        lua_rawseti(L, li, 0);
      }
      lua_settop(L, top);
      cs_destroy(s, LCS_MEMREF, CS_NOREF);
      return 1;
    }
    p = lua_tolstring(L, -1, &len);
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
      if (st->lcalls >= LCS_MAX_LCALLS) {   /* as emit_: too deep */
        lcs_too_deep(L, toud(s), 1);
        break;
      }
      LCS_SETTLE(L, st);
      st->lcalls++;
      r = lua_pcall(L, 1, 0, mh);
      st->lcalls--;
      if (r != LUA_OK) { lcs_set_pending(L, st); break; }
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
static int l_pipelistener(lua_State *L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_settop(L, 3);
  lua_pushcclosure(L, pipe_ondata, 3);
  return 1;
}

/* The state functions into the core table (at the top). */
int lcs_pipe_open(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"pipeListener", l_pipelistener}, {"pipeAdd", l_pipeadd},
    {"pipePause", l_pipepause}, {"pipeDrained", l_pipedrained},
    {"pipeAwaiting", l_pipeawaiting}, {"pipeRemove", l_piperemove},
    {"dataChanged", l_datachanged}, {NULL, NULL}
  };
  luaL_setfuncs(L, fns, 0);
  return 0;
}
