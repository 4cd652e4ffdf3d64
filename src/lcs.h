/*
** lcs.h - the Lua binding's internal interface.
*/
#ifndef lcs_h
#define lcs_h

#include <lua.h>
#include <lauxlib.h>

#include "cs_core.h"

/* A stream userdata: the core state first, so a cs_stream* is an lcs_ud*.
** User values: 1 = per-instance fields, 2 = anchors (the cs_refs). */
typedef struct lcs_ud {
  cs_stream s;
  unsigned magic;        /* LCS_MAGIC: a cstream userdata, cheaply checked */
  int stdemit;           /* 0 unknown, 1 the emitter's emit, -1 overridden */
  int userread;          /* Transform: 0 unknown, 1 own _read, -1 the default */
  int ui;                /* stack slot of this userdata in the entry driving
                         ** it (0: none): host calls push it from there */
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
  /* The core's scratch (cs_host.scratch): from the raw allocator, so getting
  ** it runs no Lua and never raises; freed with the userdata. */
  char *scratch;
  size_t scratchcap;
  /* The readable side's encoding and defaultEncoding as the options spelled
  ** them ("utf-8", "binary", "UCS2"; "" for the canonical name): Node reports
  ** that spelling as readableEncoding and compares names in push. */
  char encname[12], defencname[12];
} lcs_ud;

/* A borrowed ref names a stack slot of the thread driving the call: chunks
** passed straight through need no anchoring (see cs_host.pin). */
#define LCS_BORROW_BASE 16
#define lcs_borrow(idx)    (-(cs_ref)(idx) - LCS_BORROW_BASE)
#define lcs_isborrowed(r)  ((r) <= -LCS_BORROW_BASE)
#define lcs_borrowidx(r)   (-(r) - LCS_BORROW_BASE)

#define LCS_MAGIC 0x63737472u  /* "cstr" */

#define LCS_FIELDS  1
#define LCS_ANCHORS 2
#define LCS_KEYS    3   /* the binding's interned keys, shared by all */

/* lcs_tick.c */
void lcs_tick_push_op(lua_State *L, int udidx, int op, cs_ref a, cs_ref b);
int  lcs_tick_open(lua_State *L);          /* adds nextTick, drain, ... */
void lcs_set_pending(lua_State *L);        /* error at top: raise later */
void lcs_check_pending(lua_State *L);      /* raise a kept error now */

/* lcs_stream.c */
void lcs_run_op(lua_State *L, int udidx, int op, cs_ref a, cs_ref b);
int  lcs_stream_open(lua_State *L);
void lcs_pusherror(lua_State *L, const char *code, const char *msg);
int  lcs_argerror(lua_State *L, int idx, int num, const char *fname,
                  const char *expected);

/* lcs_zlib.c */
int  lcs_open_zlib(lua_State *L);

#endif
