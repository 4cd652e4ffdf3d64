/*
** lcs_tick.c - the tick queue: Node's process.nextTick on luv's loop, and
** the microtask queue that stands for promise continuations.
**
** Each queue is a FIFO in a registry table, four slots an entry, kept in the
** table's array part (see push_entry), so queuing costs no allocation: (ud, op, a, b) for a deferred core op, (fn, args|nil,
** n, -) for a function.  When the queues go from empty to non-empty the
** "wake" function (set by loop.lua) starts a luv idle handle that drains
** them.  The drain interleaves them as Node's processTicksAndRejections
** does: every tick, then every microtask (including new ones), repeat.
*/
#include <string.h>

#include "lcs.h"

/* The queues' heads and tails live in the per-state lcs_state (lcs.h):
** slots [head, tail) of each queue. */
typedef lcs_state tickq;

#define TICKS 0
#define MICRO 1

static const char QKEY = 'q';     /* registry: the tick slot table */
static const char MKEY = 'm';     /* registry: the microtask slot table */
static const char SKEY = 's';     /* registry: the lcs_state userdata */
static const char WKEY = 'w';     /* registry: the wake function */
static const char PKEY = 'p';     /* registry: an error waiting to be raised */

lcs_state *lcs_getstate(lua_State *L) {
  lcs_state *q;
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SKEY) == LUA_TNIL) {
    lua_pop(L, 1);
    q = (lcs_state *)lua_newuserdatauv(L, sizeof *q, 0);
    memset(q, 0, sizeof *q);
    q->head[TICKS] = q->tail[TICKS] = q->head[MICRO] = q->tail[MICRO] = 1;
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SKEY);
    lua_createtable(L, LCS_TICK_SLOTS, 0);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &QKEY);
    /* The pending slot always holds a value (false when none waits):
    ** storing into a live key never allocates, so keeping an error from
    ** inside a host hook cannot fail. */
    lua_pushboolean(L, 0);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &PKEY);
    lua_createtable(L, LCS_TICK_SLOTS, 0);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &MKEY);
    /* __index's keys (lcs_state.kc): an array part of every entry, so
    ** that anchoring one is a store that never allocates */
    lua_createtable(L, LCS_KC, 0);
    q->kcref = luaL_ref(L, LUA_REGISTRYINDEX);
    q->cap[TICKS] = q->cap[MICRO] = LCS_TICK_SLOTS;
    return q;
  }
  q = (lcs_state *)lua_touserdata(L, -1);
  lua_pop(L, 1);
  return q;
}

#define getq lcs_getstate

/* The collector's debt is moved by LUA_GCSTEP's size argument, exactly
** (lapi.c: debt = data * 1024 + GCdebt, then luaC_checkGC), in every 5.4
** release.  Lent only while the collector runs: inside a finalizer or
** lua_close, or with collectgarbage("stop"), no step can start anyway. */
void lcs_gc_hold(lua_State *L, lcs_state *st) {
  if (st->loan == 0 && lua_gc(L, LUA_GCISRUNNING, 0) == 1) {
    st->loan = LCS_GC_LOAN;
    LCS_GC_LEND(L, LCS_GC_LOAN);
  }
}

/* A safe point: the step the loan postponed (and its finalizers) runs now. */
void lcs_gc_repay(lua_State *L, lcs_state *st) {
  int k = st->loan;
  st->loan = 0;
  if (k && LCS_GC_REPAY(L, k) < 0) st->loan = k;  /* in a finalizer */
}

/* Starting the idle handle runs Lua (loop.lua's function) from inside a
** host hook: the collector is held, so no finalizer runs in there. */
static void wake(lua_State *L, tickq *q) {
  lcs_gc_hold(L, q);
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &WKEY) == LUA_TFUNCTION) {
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) lcs_set_pending(L, q);
  } else {
    lua_pop(L, 1);
  }
}

static int empty(const tickq *q) {
  return q->head[TICKS] == q->tail[TICKS] && q->head[MICRO] == q->tail[MICRO];
}

/* (old, head, tail, ncap) -> a table with an array part of ncap slots
** holding old's slots [head, tail). */
static int grow(lua_State *L) {
  lua_Integer h = lua_tointeger(L, 2), t = lua_tointeger(L, 3), i;
  lua_createtable(L, (int)lua_tointeger(L, 4), 0);
  for (i = h; i < t; i++) {
    lua_rawgeti(L, 1, i);
    lua_rawseti(L, -2, i);
  }
  return 1;
}

/* Append the 4 values on top of the stack to queue w; 0 (values popped,
** nothing queued) when the slot table could not grow.  Only keys within
** cap ever go in, so the table is never rehashed and its array part never
** shrinks: storing allocates nothing.  When it is full, a table twice the
** size replaces it (amortised O(1) an entry), protected when called from a
** host hook (safe: from user code, a raise goes to it). */
static int push_entry(lua_State *L, tickq *q, int w, int safe) {
  const char *key = w == TICKS ? &QKEY : &MKEY;
  int was_empty = empty(q), i;
  if (q->tail[w] + 3 > q->cap[w]) {
    lua_Integer ncap = q->cap[w] * 2;
    /* No finalizer may queue meanwhile: its entry would miss the copy. */
    lcs_gc_hold(L, q);
    while (ncap < q->tail[w] + 3) ncap *= 2;
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    lua_pushinteger(L, q->head[w]);
    lua_pushinteger(L, q->tail[w]);
    lua_pushinteger(L, ncap);
    if (safe) {
      lua_pushcfunction(L, grow);
      lua_insert(L, -5);
      lua_call(L, 4, 1);
    } else if (!lcs_protect(L, grow, 4, 1)) {
      lua_pop(L, 4);
      return 0;
    }
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);  /* a live key: no allocation */
    q->cap[w] = ncap;
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, key);
  lua_insert(L, -5);
  for (i = 3; i >= 0; i--) lua_rawseti(L, -(i + 2), q->tail[w] + i);
  lua_pop(L, 1);
  q->tail[w] += 4;
  if (was_empty && !q->draining) wake(L, q);
  return 1;
}

int lcs_tick_push_op(lua_State *L, lcs_state *st, int udidx, int op,
                     cs_ref a, cs_ref b) {
  if (!lua_checkstack(L, 8)) return 0;
  lua_pushvalue(L, udidx);
  lua_pushinteger(L, op);
  lua_pushinteger(L, a);
  lua_pushinteger(L, b);
  return push_entry(L, st, TICKS, 0);
}

static int queue_fn(lua_State *L, int w) {
  int n = lua_gettop(L) - 1, i;
  tickq *q;
  if (lua_type(L, 1) != LUA_TFUNCTION)
    return lcs_argerror(L, 1, 1, w == TICKS ? "nextTick" : "queueMicrotask", "function");
  lua_pushvalue(L, 1);
  if (n > 0) {
    lua_createtable(L, n, 0);
    for (i = 1; i <= n; i++) {
      lua_pushvalue(L, i + 1);
      lua_rawseti(L, -2, i);
    }
  } else {
    lua_pushnil(L);
  }
  lua_pushinteger(L, n);
  lua_pushboolean(L, 0);
  q = getq(L);
  push_entry(L, q, w, 1);
  LCS_SETTLE(L, q);   /* called from user code: a safe point */
  return 0;
}

static int l_nexttick(lua_State *L) { return queue_fn(L, TICKS); }
static int l_microtask(lua_State *L) { return queue_fn(L, MICRO); }

/* The error value waits in the registry; the flag (per state) says that
** one waits, so that error(nil) and error() are kept too. */
void lcs_set_pending(lua_State *L, lcs_state *st) {
  if (!(st->pending & LCS_PENDING_ERROR)) {
    st->pending |= LCS_PENDING_ERROR;
    lua_rawsetp(L, LUA_REGISTRYINDEX, &PKEY);   /* keep the first */
  } else {
    lua_pop(L, 1);
  }
}

/* A listener's error first; else the memory error a host hook met, raised
** as Lua's own ("not enough memory": Lua 5.4's lua_error makes it a
** LUA_ERRMEM again). */
void lcs_check_pending(lua_State *L, lcs_state *st) {
  int p = st->pending;
  if (!p) return;
  st->pending = 0;
  if (p & LCS_PENDING_ERROR) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &PKEY);
    lua_pushboolean(L, 0);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &PKEY);
  } else {
    lua_pushliteral(L, "not enough memory");
  }
  lua_error(L);
}

/* Call f with the nargs values on top, protected: 1 and its nres results
** on top, or 0 with nothing left when it raised (the host hooks' builders
** run no Lua code, so that is a memory error or a C stack limit). */
int lcs_protect(lua_State *L, lua_CFunction f, int nargs, int nres) {
  if (!lua_checkstack(L, 2 + nres)) { lua_pop(L, nargs); return 0; }
  lua_pushcfunction(L, f);
  lua_insert(L, -1 - nargs);
  if (lua_pcall(L, nargs, nres, 0) == LUA_OK) return 1;
  lua_pop(L, 1);
  return 0;
}

/* Run the front entry of queue w (its slot table fetched each time: a push
** may have replaced it). */
static void run_one(lua_State *L, tickq *q, int w) {
  lua_Integer h = q->head[w];
  int i, base = lua_gettop(L), qi = base + 1;
  lua_rawgetp(L, LUA_REGISTRYINDEX, w == TICKS ? &QKEY : &MKEY);
  for (i = 0; i < 4; i++) {
    lua_rawgeti(L, qi, h + i);
    lua_pushnil(L);
    lua_rawseti(L, qi, h + i);
  }
  lua_remove(L, qi);   /* the entry at base + 1 .. base + 4 */
  q->head[w] += 4;
  if (q->head[w] == q->tail[w]) q->head[w] = q->tail[w] = 1;  /* stay small */
  if (lua_type(L, base + 1) == LUA_TFUNCTION) {
    int n = (int)lua_tointeger(L, base + 3);
    lua_settop(L, base + 2);
    if (n > 0) {
      luaL_checkstack(L, n, "nextTick arguments");
      for (i = 1; i <= n; i++) lua_rawgeti(L, base + 2, i);
    }
    lua_remove(L, base + 2);
    lua_pushcfunction(L, lcs_msgh);   /* keeps the stack of an uncaught error */
    lua_insert(L, base + 1);
    if (lua_pcall(L, n, 0, base + 1) != LUA_OK) { q->draining = 0; lua_error(L); }
  } else {
    int op = (int)lua_tointeger(L, base + 2);
    cs_ref a = (cs_ref)lua_tointeger(L, base + 3);
    cs_ref b = (cs_ref)lua_tointeger(L, base + 4);
    lcs_run_op(L, base + 1, op, a, b);
    lua_settop(L, base);
    if (q->pending) {
      q->draining = 0;
      lcs_check_pending(L, q);
    }
  }
  lua_settop(L, base);
}

/* Run every queued tick and microtask, including those queued meanwhile.
** An error stops the drain and is raised; the rest stays queued. */
static int l_drain(lua_State *L) {
  tickq *q = getq(L);
  int ran = 0;
  if (q->draining) return 0;
  q->draining = 1;
  while (!empty(q)) {
    while (q->head[TICKS] < q->tail[TICKS]) { run_one(L, q, TICKS); ran++; }
    while (q->head[MICRO] < q->tail[MICRO]) { run_one(L, q, MICRO); ran++; }
  }
  q->draining = 0;
  lua_pushinteger(L, ran);
  return 1;
}

int lcs_tick_drain(lua_State *L) { return l_drain(L); }

/* Is a drain due after a luv callback: something queued, no drain running
** (a callback of a loop run from inside a tick), and a wake function set
** (the loop glue clears it once the state starts closing, when the streams
** the ticks hold may be gone). */
int lcs_tick_waiting(lua_State *L) {
  tickq *q = getq(L);
  int set;
  if (q->draining || empty(q)) return 0;
  set = lua_rawgetp(L, LUA_REGISTRYINDEX, &WKEY) == LUA_TFUNCTION;
  lua_pop(L, 1);
  return set;
}

static int l_pending(lua_State *L) {
  tickq *q = getq(L);
  lua_pushinteger(L, (q->tail[TICKS] - q->head[TICKS] +
                     q->tail[MICRO] - q->head[MICRO]) / 4);
  return 1;
}

static int l_setwake(lua_State *L) {
  if (!lua_isnoneornil(L, 1)) luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &WKEY);
  return 0;
}

int lcs_tick_open(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"nextTick", l_nexttick}, {"queueMicrotask", l_microtask},
    {"drain", l_drain}, {"pendingTicks", l_pending},
    {"setWake", l_setwake}, {NULL, NULL}
  };
  lcs_getstate(L);
  luaL_setfuncs(L, fns, 0);
  return 0;
}
