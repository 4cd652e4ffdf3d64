/*
** lcs.h - the Lua binding's internal interface.
*/
#ifndef lcs_h
#define lcs_h

#include <lua.h>
#include <lauxlib.h>
#include "lcs_compat.h"

#include "cs_core.h"

/* What the binding keeps per Lua state (a full userdata in the registry,
** reached from every stream): nothing mutable is shared between states,
** so two states on two threads never touch the same memory. */
#define LCS_KC 256   /* entries of lcs_state.kc (a power of two) */

typedef struct lcs_state {
  lua_Integer head[2], tail[2];   /* tick and microtask queues (lcs_tick.c) */
  lua_Integer cap[2];             /* their slot tables' array sizes */
  int draining;
  int pending;           /* LCS_PENDING_ERROR: a listener's error waits in the
                         ** registry (even nil); LCS_PENDING_MEM: a Lua
                         ** allocation failed inside a host hook */
  int depth;             /* nested h_emit calls: bounds the C recursion */
  int lcalls;            /* nested calls into user code (hooks, listeners,
                         ** callbacks): bounded below Lua's own limit */
  int loan;              /* KiB of credit lent to the collector (lcs_gc_hold) */
  /* The userdata of every stream, by its slot (lcs_ud.wslot), in a weak
  ** table whose array part holds all slots (lcs_ud.c): pushud's way in
  ** without a hash.  Registry index of the table, its array size, the
  ** highest slot given out and the head of the chain of free slots. */
  int wref, wcap, wnext, wfree;
  /* Bumped by every change to any emitter's 'data' listeners (events.lua's
  ** hook, an assignment to a stream's _events): a stream's cached "no
  ** 'data' listener" (lcs_ud.nodata) holds while this has not moved, even
  ** when an _events table is shared with another emitter. */
  unsigned long long datagen;
  /* String keys __index has met, known from then on by their address
  ** (lcs_props.c, l_index): the key's bytes and length, its lcs_ud.fkeys
  ** bit and whether a property name has its length.  Entry i's string is
  ** held at index i + 1 of a registry table (kcref) as long as the entry
  ** names it, so no other object can have that address meanwhile; an entry
  ** is filled once, when empty, and never replaced. */
  struct lcs_kc {
    const void *p;
    const char *k;
    uint64_t fbit;
    size_t n;
    int plen;
  } kc[LCS_KC];
  int kcref;
} lcs_state;

/* A source's pipe state, pipe's one owner (src/lcs_pipe.c): Node's
** state.pipes and awaitDrainWriters, each destination anchored in the
** source and known by its address while anchored, and what the 'data'
** fast path caches about the source's listeners. */
typedef struct lcs_pipeent {
  cs_ref ref;              /* the destination, in the source's anchors */
  const void *id;          /* lua_topointer of it: its identity while anchored */
} lcs_pipeent;

typedef struct lcs_pipe {
  lcs_pipeent *pipes;      /* state.pipes, in order (a dest may be there twice) */
  int npipes, cappipes;
  lcs_pipeent *await;      /* awaitDrainWriters: none or one while the core's
                           ** multiAwaitDrain is off, else a set */
  int nawait, capawait;
  /* The fast path: set while the source's 'data' listeners are exactly one
  ** pipe forwarder into a cstream destination (fwd) with the core's write;
  ** cleared by any change to them (lcs_pipe_changed) and rebuilt by the
  ** next emit.  fwdref and pauseref anchor that dest and the pipe's pause
  ** in the source while the answer is kept, and while a fast write runs
  ** (running): a change meanwhile only marks them stale, and the last
  ** write out lets go of them. */
  int fwdok;               /* 1 cached, 0 to check, -1 checked: not fast */
  unsigned gen;            /* bumped by every change to the listeners */
  struct lcs_ud *fwd;
  cs_ref fwdref, pauseref;
  int running, stale;
} lcs_pipe;

/* Spelling ids of an encoding argument: the canonical names, then the
** aliases (lcs_host.c, withalias). */
#define LCS_NSPELL (CS_ENC__COUNT + 5)

/* A stream userdata: the core state first, so a cs_stream* is an lcs_ud*.
** User values: 1 = per-instance fields, 2 = anchors (the cs_refs), 3 = the
** interned keys, 4 = the instance's own _read while kept (LCS_NUV in all). */
typedef struct lcs_ud {
  cs_stream s;
  unsigned magic;        /* LCS_MAGIC: a cstream userdata, cheaply checked */
  const struct lcs_ud *self;  /* its own address: no foreign userdata has it */
  lcs_state *st;         /* the state this stream belongs to */
  int busy;              /* entries into the core driving it right now */
  int gcpending;         /* __gc was called while busy: free on the way out */
  int stdemit;           /* 0 unknown, 1 the emitter's emit, -1 overridden */
  /* st->datagen + 1 when a full look found no 'data' listener (0: not
  ** known): read()'s emit of 'data' to nobody is then skipped at once. */
  unsigned long long nodata;
  int stdwrite;          /* 0 unknown, 1 the core's write, -1 overridden */
  int userread;          /* Transform: 0 unknown, 1 own _read, -1 the default */
  int passthrough;       /* a PassThrough: its identity _transform runs in C
                         ** while no other _transform replaces it */
  /* _read, _write and _transform as the instance's own fields hold them
  ** (the options put them there): an anchor holding the value, -1 when the
  ** field is absent, 0 not known yet.  __newindex, the only writer of the
  ** fields, forgets the name it assigns (lcs_forget_method). */
  cs_ref mcache[3];
  int wslot;             /* its slot in the state's weak table (0: none) */
  int ui;                /* stack slot of this userdata in the entry driving
                         ** it (0: none): host calls push it from there */
  /* An entry with no slot (lcs_pipe_fast's write into a pipe's dest, ui 0)
  ** leaves pushud the state's weak table, which reads nil for a stream
  ** that a finalizer brought back (the collector clears weak values before
  ** it runs finalizers): the source driving that entry and the dest's
  ** anchor in it (the pipe's fwdref, held while the write runs) are kept
  ** here for that case, saved and restored as ui is. */
  struct lcs_ud *via;
  cs_ref viaref;
  lua_State *L;          /* the thread currently driving this stream */
  lua_Alloc allocf;
  void *allocud;
  int closing;           /* __gc/__close: refs die with the userdata */
  cs_ref onwrite;        /* the one write callback handed to _write */
  cs_ref ontransform;    /* the one callback handed to _transform */
  /* Anchor slots: refs are indices into the anchor table, recycled here
  ** (one rawseti each way, where luaL_ref/unref take three or four). */
  cs_ref *freeref;
  int nfree, capfree;
  cs_ref nextref;
  /* Slots 1..anchorcap are the anchor table's array part, which never
  ** shrinks (no other key ever goes in, so it is never rehashed): storing
  ** a ref there allocates nothing and cannot raise.  toref grows it. */
  cs_ref anchorcap;
  unsigned anchorgen;    /* bumped each time the anchor table is replaced */
  /* The anchor table as an entry fetched it onto its own frame (push,
  ** the tick's ops): its stack slot there, the busy level of that entry and
  ** the table's generation then (aslot 0: none).  Pin, unref and _read's
  ** frame use it while the level and the table are still those
  ** (lcs_aslot): every path that drives the core bumps busy (ENTER, the
  ** pipe's write), so at that level the frame is the entry's.  apush: the
  ** entry is push's, whose slot 2 holds the chunk (never nil). */
  int aslot, abusy, apush;
  unsigned agen;
  /* The core's scratch (cs_host.scratch): from the raw allocator, so getting
  ** it runs no Lua and never raises; freed with the userdata. */
  char *scratch;
  size_t scratchcap;
  /* The readable side's encoding and defaultEncoding as the options spelled
  ** them ("utf-8", "binary", "UCS2"; "" for the canonical name): Node reports
  ** that spelling as readableEncoding and compares names in push. */
  char encname[12], defencname[12];
  lcs_pipe *pipe;        /* made by its first pipe(), freed with the userdata */
  /* Which string keys the instance's fields may hold: one bit per key ever
  ** stored there (lcs_fkey_bit of its bytes), set by __newindex, the only
  ** writer of the fields, before it stores.  A bit is never cleared, so a
  ** clear bit proves the key absent and __index skips the fields lookup
  ** (a method call's usual case); a set bit only means "look". */
  uint64_t fkeys;
  /* The encoding argument of _write/_transform, by spelling id (the keys'
  ** K_ENC + id), once anchored here: with the method kept (mcache) and the
  ** stream's callback, a per-chunk hook's frame comes from the anchors
  ** alone.  0 until first used; the keys never change, so neither do these. */
  cs_ref enckey[LCS_NSPELL];
  /* Lua 5.4: user values LCS_SINKM and LCS_SINKCB hold the kept method of
  ** mcache slot sinkm (1 _write, 2 _transform; 0: nothing kept) and the
  ** stream's callback for it, LCS_SINKENC the encoding argument of spelling
  ** id sinkenc - 1 (0: none): the per-chunk frame in three reads of the
  ** userdata, no table.  Set by the slow path's call, cleared with the
  ** method (lcs_forget_method); the callback and the keys never change. */
  int sinkm, sinkenc;
} lcs_ud;

/* A borrowed ref names a stack slot of the thread driving the call: chunks
** passed straight through need no anchoring (see cs_host.pin). */
#define LCS_BORROW_BASE 16
#define lcs_borrow(idx)    (-(cs_ref)(idx) - LCS_BORROW_BASE)
#define lcs_isborrowed(r)  ((r) <= -LCS_BORROW_BASE)
#define lcs_borrowidx(r)   (-(r) - LCS_BORROW_BASE)

/* The memory error ("not enough memory", Lua's own string, which pushing
** never allocates): what a host hook hands the core when it cannot make the
** error value it was asked for.  Nobody owns it; unref ignores it. */
#define LCS_MEMREF (-1)

#define LCS_PENDING_ERROR 1
#define LCS_PENDING_MEM   2

#define LCS_MAGIC 0x63737472u  /* "cstr" */

/* The one symbol the module exports: everything else is compiled with
** -fvisibility=hidden, and this declaration's attribute carries over to
** the definition in lcs_module.c. */
#if defined(__GNUC__)
#define LCS_EXPORT __attribute__((visibility("default")))
#else
#define LCS_EXPORT
#endif

/* lcs_module.c */
LCS_EXPORT LUAMOD_API int luaopen_cstream_core(lua_State *L);

#define LCS_ANCHORS_MIN 16   /* the anchor table's first array size */
#define LCS_TICK_SLOTS 256   /* a tick queue's (64 entries) */

#define LCS_FIELDS  1
#define LCS_ANCHORS 2
#define LCS_KEYS    3   /* the binding's interned keys, shared by all */
#define LCS_READFN  4   /* the instance's own _read while kept (mcache[0]) */
/* The frame of _write or _transform, kept for the per-chunk call
** (lcs_ud.sinkm): the method, the stream's callback, the encoding argument. */
#define LCS_SINKM   5
#define LCS_SINKCB  6
#define LCS_SINKENC 7
#define LCS_NUV     7

/* Nested 'data'/... emits allowed on one C stack: a pipe() chain recurses
** through C once per stage (h_emit -> write -> push -> h_emit), so deeper
** chains get ERR_STACK_OVERFLOW, as Node gets a RangeError.  (LuaJIT's
** smaller Lua stack sets its own, in lcs_compat.h.) */
#ifndef LCS_MAX_DEPTH
#define LCS_MAX_DEPTH 1000
#endif

/* Nested calls from the core into user code.  Each is a lua_pcall, which
** Lua counts against its C-call limit (LUAI_MAXCCALLS, 200 in 5.3, 5.4 and
** LuaJIT): a chain of synchronous Lua _transforms nests one per stage.
** Past that limit every call fails, the error values' own building
** included, so a deep chain broke apart into "C stack overflow" and "not
** enough memory" errors on the stages near it.  The call that would pass
** this bound is not made: it raises ERR_STACK_OVERFLOW, as Node's
** RangeError, leaving room below Lua's limit for the user's own nesting
** and for building that error. */
#ifndef LCS_MAX_LCALLS
#define LCS_MAX_LCALLS 170
#endif

/* lcs_tick.c */
lcs_state *lcs_getstate(lua_State *L);     /* this state's, made on first use */
int  lcs_tick_push_op(lua_State *L, lcs_state *st, int udidx, int op,
                      cs_ref a, cs_ref b);   /* 0: no memory to queue it */
int  lcs_tick_open(lua_State *L);          /* adds nextTick, drain, ... */
void lcs_set_pending(lua_State *L, lcs_state *st);  /* error at top: raise later */
void lcs_check_pending(lua_State *L, lcs_state *st);  /* raise a kept error now */
int  lcs_protect(lua_State *L, lua_CFunction f, int nargs, int nres);  /* 0: failed */
int  lcs_tick_waiting(lua_State *L);       /* ticks queued, no drain running, a wake set */
int  lcs_tick_drain(lua_State *L);         /* lua_CFunction: core.drain */

/* Hooks that allocate but run no user code (newbytes, mkerror, batch,
** clear_await_drain, the tick queue's wake) hold the collector: no
** finalizer, hence no Lua, runs inside them (docs/DESIGN.md, "Re-entry").
** Holding lends the collector LCS_GC_LOAN KiB of credit (LUA_GCSTEP with a
** negative size: no step can start); the loan is repaid, exactly, at the
** next safe point: before the core runs user code (emit, the call gate, a
** callback) and when an entry returns (LEAVE).  Unlike LUA_GCSTOP +
** LUA_GCRESTART, which zeroes the debt and so forces a step at the next
** allocation, this leaves the collector's pacing as it was. */
#define LCS_GC_LOAN (1 << 30)
void lcs_gc_hold(lua_State *L, lcs_state *st);
void lcs_gc_repay(lua_State *L, lcs_state *st);
#define LCS_SETTLE(L, st) do { if ((st)->loan) lcs_gc_repay(L, st); } while (0)

/* lcs_host.c (run_op), lcs_module.c (stream_open), lcs_ud.c (errors) */
void lcs_run_op(lua_State *L, int udidx, int op, cs_ref a, cs_ref b);
int  lcs_stream_open(lua_State *L);
void lcs_pusherror(lua_State *L, const char *code, const char *msg);
int  lcs_argerror(lua_State *L, int idx, int num, const char *fname,
                  const char *expected);

/* lcs_zlib.c */
int  lcs_open_zlib(lua_State *L);

/* lcs_uncaught.c */
int  lcs_msgh(lua_State *L);                /* message handler: keeps the stack */
int  lcs_uncaught_open(lua_State *L);      /* adds uncaught, hookLuv */

/* lcs_lines.c */
int  lcs_open_lines(lua_State *L);

#endif
