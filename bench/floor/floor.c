/* The bench's floor: the user code of a workload (the `_read` loop pushing,
 * the Lua `_transform`, the counting `_write`, the `read(n)` loop) joined by
 * nothing but bare C calls.  No stream library for Lua 5.4 can do less: it has
 * to make the same calls into the same Lua functions.  Not part of cstream;
 * built by `make bench` into build/bench/floor.so.  See bench/README.md.
 *
 *   local self, run = floor.pipe{ read = f, transform = g, write = h }
 *     self:push(chunk) passes chunk through three empty C stages, then calls
 *     transform(self, chunk, "buffer", tcb) whose tcb(err, data) calls
 *     write(self, data, "buffer", wcb), or write directly when there is no
 *     transform; it returns false, so that read runs once per chunk, as it
 *     does under cstream and Node in these workloads.  self:push(nil) ends.
 *     run() calls read(self, 16384) until the end was pushed.
 *
 *   local self = floor.queue{ read = f, highWaterMark = 16384 }
 *     self:push(s) appends s (anchored, not copied) and returns whether fewer
 *     than highWaterMark bytes are held; self:read(n) calls read(self, hwm)
 *     once when fewer than n bytes are held, then returns n bytes (the rest at
 *     the end, nil when empty): one lua_pushlstring from inside a chunk, or
 *     one luaL_Buffer when the n bytes span chunks.
 *
 * No error handling beyond lua_call's: the floor is what is left when
 * everything a library adds is taken away.
 *
 * floor.pipe{ ..., guard = true } adds the two things the contract asks of
 * any stream object and nothing else (bench/README.md, "The guarded floor"):
 * each call into the user's functions is protected (lua_pcall; an error is
 * raised again), and self is a userdata whose methods are found through a C
 * __index (instance fields first, then the methods), as an object with
 * Node's getters must be.  guard = "index": the __index alone. */
#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>

/* An empty stage: a PassThrough that costs nothing but its call.  noinline
 * and the barrier keep the call in the object code. */
__attribute__((noinline)) static int stage(lua_State *L, int idx) {
  __asm__ volatile("" : : "r"(L) : "memory");
  return idx;
}

/* ---- pipe: W1, W3, W4 ------------------------------------------------------ */

/* push's upvalues; tcb has SELF, WRITE, WCB, ENC at 1..4 */
enum { P_STATE = 1, P_SELF, P_TRANSFORM, P_WRITE, P_TCB, P_WCB, P_ENC, P_READ };

typedef struct PState { int ended, guard; } PState;

/* A call into the user's code: bare, or protected and raised again.  Each
** function below comes in both kinds, chosen when the pipe is made, so that
** the plain floor makes no test for the guard. */
static inline void ucall(lua_State *L, int nargs, int guard) {
  if (!guard) {
    lua_call(L, nargs, 0);
  } else if (lua_pcall(L, nargs, 0, 0) != LUA_OK) {
    lua_error(L);
  }
}

/* The guarded self's __index: its fields (user value 1), then the methods
** (upvalue 1). */
static int g_index(lua_State *L) {
  lua_getiuservalue(L, 1, 1);
  lua_pushvalue(L, 2);
  if (lua_rawget(L, -2) != LUA_TNIL) return 1;
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));
  return 1;
}

static int p_written(lua_State *L) {
  if (!lua_isnoneornil(L, 1)) return lua_error(L);
  return 0;
}

static inline int transformed(lua_State *L, int guard) {
  if (!lua_isnoneornil(L, 1)) { lua_settop(L, 1); return lua_error(L); }
  if (lua_isnoneornil(L, 2)) return 0;
  lua_pushvalue(L, lua_upvalueindex(2));  /* write */
  lua_pushvalue(L, lua_upvalueindex(1));  /* self */
  lua_pushvalue(L, 2);
  lua_pushvalue(L, lua_upvalueindex(4));  /* "buffer" */
  lua_pushvalue(L, lua_upvalueindex(3));  /* wcb */
  ucall(L, 4, guard);
  return 0;
}

static int p_transformed(lua_State *L) { return transformed(L, 0); }
static int g_transformed(lua_State *L) { return transformed(L, 1); }

static inline int push(lua_State *L, int guard) {
  PState *ps = (PState *)lua_touserdata(L, lua_upvalueindex(P_STATE));
  int c;
  if (lua_isnoneornil(L, 2)) {
    ps->ended = 1;
    lua_pushboolean(L, 0);
    return 1;
  }
  c = stage(L, stage(L, stage(L, 2)));
  if (lua_isnil(L, lua_upvalueindex(P_TRANSFORM))) {
    lua_pushvalue(L, lua_upvalueindex(P_WRITE));
    lua_pushvalue(L, lua_upvalueindex(P_SELF));
    lua_pushvalue(L, c);
    lua_pushvalue(L, lua_upvalueindex(P_ENC));
    lua_pushvalue(L, lua_upvalueindex(P_WCB));
  } else {
    lua_pushvalue(L, lua_upvalueindex(P_TRANSFORM));
    lua_pushvalue(L, lua_upvalueindex(P_SELF));
    lua_pushvalue(L, c);
    lua_pushvalue(L, lua_upvalueindex(P_ENC));
    lua_pushvalue(L, lua_upvalueindex(P_TCB));
  }
  ucall(L, 4, guard);
  lua_pushboolean(L, 0);
  return 1;
}

static int p_push(lua_State *L) { return push(L, 0); }
static int g_push(lua_State *L) { return push(L, 1); }

static inline int run(lua_State *L, int guard) {
  const PState *ps = (const PState *)lua_touserdata(L, lua_upvalueindex(P_STATE));
  while (!ps->ended) {
    lua_pushvalue(L, lua_upvalueindex(P_READ));
    lua_pushvalue(L, lua_upvalueindex(P_SELF));
    lua_pushinteger(L, 16384);
    ucall(L, 2, guard);
  }
  return 0;
}

static int p_run(lua_State *L) { return run(L, 0); }
static int g_run(lua_State *L) { return run(L, 1); }

static int f_pipe(lua_State *L) {
  PState *ps;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  ps = (PState *)lua_newuserdatauv(L, sizeof *ps, 0);      /* 2: state */
  ps->ended = 0;
  lua_getfield(L, 1, "guard");   /* "index": the __index alone, calls bare */
  ps->guard = lua_type(L, -1) == LUA_TSTRING &&
              strcmp(lua_tostring(L, -1), "index") == 0 ? 2 : lua_toboolean(L, -1);
  lua_pop(L, 1);
  if (ps->guard) {          /* 3: self, its metatable set once push is made */
    lua_newuserdatauv(L, 1, 1);
    lua_newtable(L);
    lua_setiuservalue(L, 3, 1);
  } else {
    lua_newtable(L);
  }
  lua_getfield(L, 1, "transform");                         /* 4 */
  lua_getfield(L, 1, "write");                             /* 5 */
  luaL_argcheck(L, lua_isfunction(L, 5), 1, "write function expected");
  lua_pushcfunction(L, p_written);                         /* 6: wcb */
  lua_pushliteral(L, "buffer");                            /* 7: enc */
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 5);
  lua_pushvalue(L, 6);
  lua_pushvalue(L, 7);
  lua_pushcclosure(L, ps->guard == 1 ? g_transformed : p_transformed, 4);  /* 8: tcb */
  lua_getfield(L, 1, "read");                              /* 9 */
  luaL_argcheck(L, lua_isfunction(L, 9), 1, "read function expected");
  /* push: state, self, transform, write, tcb, wcb, enc */
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 4);
  lua_pushvalue(L, 5);
  lua_pushvalue(L, 8);
  lua_pushvalue(L, 6);
  lua_pushvalue(L, 7);
  lua_pushcclosure(L, ps->guard == 1 ? g_push : p_push, 7);
  if (ps->guard) {   /* the metatable, its __index over the methods { push } */
    lua_createtable(L, 0, 1);                  /* the methods */
    lua_insert(L, -2);
    lua_setfield(L, -2, "push");
    lua_pushcclosure(L, g_index, 1);
    lua_createtable(L, 0, 1);                  /* the metatable */
    lua_insert(L, -2);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, 3);
  } else {
    lua_setfield(L, 3, "push");
  }
  /* run: the same upvalues and read */
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 4);
  lua_pushvalue(L, 5);
  lua_pushvalue(L, 8);
  lua_pushvalue(L, 6);
  lua_pushvalue(L, 7);
  lua_pushvalue(L, 9);
  lua_pushcclosure(L, ps->guard == 1 ? g_run : p_run, 8);
  lua_pushvalue(L, 3);
  lua_insert(L, -2);
  return 2;
}

/* ---- queue: W7 -------------------------------------------------------------- */

typedef struct Piece { const char *s; size_t len; } Piece;

/* A ring of views into Lua strings.  The strings are anchored in the
 * userdata's user value (a table keyed by ring slot + 1); Lua 5.4 never moves
 * a string, so the views stay valid while anchored. */
typedef struct Queue {
  Piece *ring;
  size_t cap, head, count;  /* cap is a power of two */
  size_t off;               /* bytes of ring[head] already read */
  size_t length;            /* bytes held */
  size_t hwm;
  int ended;
} Queue;

enum { Q_STATE = 1, Q_SELF, Q_READ };

static int q_gc(lua_State *L) {
  Queue *q = (Queue *)lua_touserdata(L, 1);
  free(q->ring);
  q->ring = NULL;
  return 0;
}

/* Doubles the ring; slots and anchors are laid out again from 0. */
static void q_grow(lua_State *L, Queue *q, int ud) {
  size_t ncap = q->cap * 2, i;
  Piece *nr = (Piece *)malloc(ncap * sizeof *nr);
  if (nr == NULL) luaL_error(L, "floor: out of memory");
  lua_getiuservalue(L, ud, 1);
  lua_createtable(L, (int)ncap, 0);
  for (i = 0; i < q->count; i++) {
    size_t slot = (q->head + i) & (q->cap - 1);
    nr[i] = q->ring[slot];
    lua_rawgeti(L, -2, (lua_Integer)slot + 1);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setiuservalue(L, ud, 1);
  lua_pop(L, 1);
  free(q->ring);
  q->ring = nr;
  q->cap = ncap;
  q->head = 0;
}

static int q_push(lua_State *L) {
  int ud = lua_upvalueindex(Q_STATE);
  Queue *q = (Queue *)lua_touserdata(L, ud);
  size_t len, slot;
  const char *s;
  if (lua_isnoneornil(L, 2)) {
    q->ended = 1;
    lua_pushboolean(L, 0);
    return 1;
  }
  s = luaL_checklstring(L, 2, &len);
  if (len > 0) {
    if (q->count == q->cap) q_grow(L, q, ud);
    slot = (q->head + q->count) & (q->cap - 1);
    q->ring[slot].s = s;
    q->ring[slot].len = len;
    q->count++;
    q->length += len;
    lua_getiuservalue(L, ud, 1);
    lua_pushvalue(L, 2);
    lua_rawseti(L, -2, (lua_Integer)slot + 1);
    lua_pop(L, 1);
  }
  lua_pushboolean(L, q->length < q->hwm);
  return 1;
}

static int q_read(lua_State *L) {
  int ud = lua_upvalueindex(Q_STATE);
  Queue *q = (Queue *)lua_touserdata(L, ud);
  lua_Integer want = luaL_checkinteger(L, 2);
  size_t n, first, dropped = 0, i;
  luaL_argcheck(L, want > 0, 2, "positive size expected");
  n = (size_t)want;
  if (q->length < n && !q->ended) {
    lua_pushvalue(L, lua_upvalueindex(Q_READ));
    lua_pushvalue(L, lua_upvalueindex(Q_SELF));
    lua_pushinteger(L, (lua_Integer)q->hwm);
    lua_call(L, 2, 0);
  }
  if (q->length == 0 || (q->length < n && !q->ended)) {
    lua_pushnil(L);
    return 1;
  }
  if (n > q->length) n = q->length;
  first = q->head;
  if (q->ring[q->head].len - q->off >= n) {   /* inside one chunk */
    Piece *p = &q->ring[q->head];
    lua_pushlstring(L, p->s + q->off, n);
    q->off += n;
    if (q->off == p->len) {
      q->off = 0;
      q->head = (q->head + 1) & (q->cap - 1);
      q->count--;
      dropped = 1;
    }
  } else {                                      /* across chunks: one copy */
    luaL_Buffer b;
    char *dst = luaL_buffinitsize(L, &b, n);
    size_t left = n;
    while (left > 0) {
      Piece *p = &q->ring[q->head];
      size_t k = p->len - q->off;
      if (k > left) k = left;
      memcpy(dst, p->s + q->off, k);
      dst += k;
      left -= k;
      q->off += k;
      if (q->off == p->len) {
        q->off = 0;
        q->head = (q->head + 1) & (q->cap - 1);
        q->count--;
        dropped++;
      }
    }
    luaL_pushresultsize(&b, n);
  }
  q->length -= n;
  if (dropped > 0) {   /* release the anchors of the chunks used up */
    lua_getiuservalue(L, ud, 1);
    for (i = 0; i < dropped; i++) {
      lua_pushnil(L);
      lua_rawseti(L, -2, (lua_Integer)((first + i) & (q->cap - 1)) + 1);
    }
    lua_pop(L, 1);
  }
  return 1;
}

static int f_queue(lua_State *L) {
  Queue *q;
  lua_Integer hwm;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  q = (Queue *)lua_newuserdatauv(L, sizeof *q, 1);          /* 2 */
  memset(q, 0, sizeof *q);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, q_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, 2);
  q->ring = (Piece *)malloc(16 * sizeof *q->ring);
  if (q->ring == NULL) return luaL_error(L, "floor: out of memory");
  q->cap = 16;
  lua_createtable(L, 16, 0);
  lua_setiuservalue(L, 2, 1);
  lua_getfield(L, 1, "highWaterMark");
  hwm = lua_isnil(L, -1) ? 16384 : luaL_checkinteger(L, -1);
  q->hwm = hwm > 0 ? (size_t)hwm : 0;
  lua_pop(L, 1);
  lua_newtable(L);                                          /* 3: self */
  lua_getfield(L, 1, "read");                               /* 4 */
  luaL_argcheck(L, lua_isfunction(L, 4), 1, "read function expected");
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_pushcclosure(L, q_push, 2);
  lua_setfield(L, 3, "push");
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 4);
  lua_pushcclosure(L, q_read, 3);
  lua_setfield(L, 3, "read");
  lua_pushvalue(L, 3);
  return 1;
}

int luaopen_floor(lua_State *L) {
  static const luaL_Reg funcs[] = {
    { "pipe", f_pipe },
    { "queue", f_queue },
    { NULL, NULL },
  };
  luaL_newlib(L, funcs);
  return 1;
}
