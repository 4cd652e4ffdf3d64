/*
** lcs_int.h - what the binding's files (lcs_*.c) share with each other and
** nobody else: registry keys, interned keys, the entry macros, and the
** functions one concern calls in another.  Not installed, not exported
** (the module is built with -fvisibility=hidden).
*/
#ifndef lcs_int_h
#define lcs_int_h

#include "lcs.h"

/* Registry keys (their addresses): one definition, in lcs_ud.c. */
extern const char lcs_regkeys[6];
#define PROPKEY  lcs_regkeys[0]  /* property name -> id */
#define KEYSKEY  lcs_regkeys[1]  /* the keys table */
#define EMITKEY  lcs_regkeys[2]  /* the emitter's own emit */
#define AGGKEY   lcs_regkeys[3]  /* errors.aggregateTwoErrors */
#define WRITEKEY lcs_regkeys[4]  /* the core's write method */
#define TREADKEY lcs_regkeys[5]  /* Transform's default _read */
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
** the collector's loan is repaid there (lcs_gc_hold).  A pseudo-index (a
** callback's upvalue) is its own absolute index: the test is folded at
** compile time where idx is a constant, sparing the per-chunk call. */
#define ENTERAT(u, idx) \
  lua_State *saved_L_ = (u)->L; int saved_ui_ = (u)->ui; \
  (u)->L = L; \
  (u)->ui = ((idx) > 0 || (idx) <= LUA_REGISTRYINDEX) ? (idx) : lua_absindex(L, idx); \
  (u)->busy++
#define ENTER(u) ENTERAT(u, 1)
#define DONE(L, u) lcs_check_pending(L, (u)->st)
#define LEAVE(u) do { \
    (u)->L = saved_L_; (u)->ui = saved_ui_; \
    if (--(u)->busy == 0 && (u)->gcpending) ud_free(L, u); \
    LCS_SETTLE(L, (u)->st); \
  } while (0)

/* The stack slot holding u in the entry that drives it on L, or 0: pushud's
** test, for the per-chunk hooks that use the slot in place. */
static inline int lcs_slot(lua_State *L, const lcs_ud *u) {
  return (u->ui && u->L == L && lua_touserdata(L, u->ui) == (const void *)u)
         ? u->ui : 0;
}

/* tostream's test, inlined where a method runs per chunk (__index, push):
** a full userdata of exactly lcs_ud's size (a light one has rawlen 0, so
** nothing is read through it), with the magic word and its own address. */
static inline lcs_ud *lcs_tostream(lua_State *L, int idx) {
  lcs_ud *u = (lcs_ud *)lua_touserdata(L, idx);
  if (u == NULL || lua_rawlen(L, idx) != sizeof(lcs_ud) ||
      u->magic != LCS_MAGIC || u->self != u)
    return NULL;
  return u;
}

/* The bit of lcs_ud.fkeys for a string key: from its length and three of
** its bytes (s[n] is the terminating NUL, so each read is in bounds), the
** same for equal strings whatever their address. */
static inline uint64_t lcs_fkey_bit(const char *k, size_t n) {
  /* shifts and multiplier picked so that none of the stream's methods
  ** shares a bit with the fields the library itself stores (_read,
  ** _events, _eventsCount, _maxListeners, ...): a collision costs a lookup */
  uint32_t h = (uint32_t)n ^ (uint32_t)(unsigned char)k[0] << 3 ^
               (uint32_t)(unsigned char)k[n >> 1] << 9 ^
               (uint32_t)(unsigned char)k[n ? n - 1 : 0] << 15;
  return (uint64_t)1 << ((h * 0x01000193u) >> 26);
}

/* Does toref need no allocation now (a slot free in the anchors' array
** part)?  Asked per pinned chunk. */
static inline int lcs_canref(const lcs_ud *u) {
  return u->nfree > 0 || u->nextref < u->anchorcap;
}

/* The stack slot of the anchor table the entry driving u at this level
** put on its frame (lcs_ud.aslot), or 0; for the core's hooks, which run
** on that frame.  A table since replaced (grow_anchors) is fetched again
** into the slot, from the entry's slot of the stream (u->ui at that
** level). */
static inline int lcs_aslot(lua_State *L, lcs_ud *u) {
  if (u->aslot == 0 || u->abusy != u->busy) return 0;
  if (u->agen != u->anchorgen) {
    lua_getiuservalue(L, u->ui, LCS_ANCHORS);
    lua_replace(L, u->aslot);
    u->agen = u->anchorgen;
  }
  return u->aslot;
}

/* An entry's anchor table kept for its hooks: saved, set after ENTER and
** restored before LEAVE (a nested entry restores the outer one's). */
#define ASLOT_SET(u, slot, push) \
  int saved_aslot_ = (u)->aslot, saved_abusy_ = (u)->abusy, \
      saved_apush_ = (u)->apush; \
  unsigned saved_agen_ = (u)->agen; \
  (u)->aslot = (slot); (u)->abusy = (u)->busy; (u)->apush = (push); \
  (u)->agen = (u)->anchorgen
#define ASLOT_RESTORE(u) \
  ((u)->aslot = saved_aslot_, (u)->abusy = saved_abusy_, \
   (u)->apush = saved_apush_, (u)->agen = saved_agen_)

/* Keys the binding looks up, interned once into a table every stream holds
** as a user value: one array access where lua_getfield would hash and
** strcmp a C string. */
enum {
  K_EVENTS = 1, K_EMIT, K_READ, K_WRITE, K_WRITEV, K_FINAL, K_FLUSH,
  K_TRANSFORM, K_DESTROY, K_CONSTRUCT, K_LISTENERCOUNT, K_WRITE_M,
  K_EV, K_ENC = K_EV + CS_EV__COUNT, K_ALIAS = K_ENC + CS_ENC__COUNT,
  K__COUNT = K_ALIAS + 5   /* the aliases (lcs_host.c): K_ENC + a spelling id */
};

#define checkud(L)  checkself(L, 0, "cstream stream")
#define checkR(L)   checkself(L, CS_K_READABLE, "cstream.Readable")
#define checkW(L)   checkself(L, CS_K_WRITABLE, "cstream.Writable")

/* lcs_host.c, lcs_props.c: names the registration interns */
extern const char *const aliases[];
extern const cs_host host;

/* lcs_ud.c */
CS_COLD int lcs_raise(lua_State *L, const char *code, const char *msg);
int lcs_checkenc(lua_State *L, int idx, int nobuffer);
void lcs_drop_scratch(lcs_ud *u);
int lcs_same_spelling(const lcs_ud *u, int enc, const char *name, size_t n);
int err_tostring(lua_State *L);
lcs_ud *tostream(lua_State *L, int idx);
int is_stream(lua_State *L, int idx);
CS_COLD int selferror(lua_State *L, int idx, const char *expected);
CS_COLD int closederror(lua_State *L);
lcs_ud *checkself(lua_State *L, uint32_t kind, const char *expected);
int pushud(lua_State *L, cs_stream *s);
void lcs_wslot_take(lua_State *L, lcs_ud *u, int udidx);
void pushref(lua_State *L, int udidx, cs_ref r);
cs_ref toref(lua_State *L, int udidx);
void unanchor(lua_State *L, lcs_ud *u, int udidx, cs_ref r);
void lcs_freeslot(lcs_ud *u, cs_ref r);

/* unanchor with the anchor table at stack index aidx (absolute): once per
** buffered chunk, inline, the free list's growth (rare) out of line. */
static inline void lcs_unanchor_at(lua_State *L, lcs_ud *u, int aidx, cs_ref r) {
  lua_pushnil(L);
  lua_rawseti(L, aidx, r);
  if (u->nfree < u->capfree) u->freeref[u->nfree++] = r;
  else lcs_freeslot(u, r);
}
cs_ref borrow(lua_State *L, int idx);
cs_ref toerr(lua_State *L, int udidx);
void pushchunk(lua_State *L, int udidx, const cs_chunk *c, int objmode);
void pushk(lua_State *L, int udidx, int k);
int lcs_classget(lua_State *L, lcs_ud *u, int t);
int lookup(lua_State *L, int udidx, int k);
void ud_free(lua_State *L, lcs_ud *u);
int l_gc(lua_State *L);
int l_close(lua_State *L);

/* lcs_host.c */
void h_unref(cs_stream *s, cs_ref r);
cs_ref h_mkerror(cs_stream *s, int code, const char *msg);
int stdemit(lua_State *L, int ui, lcs_ud *u);
void lcs_emit_piped(cs_stream *s, int ev, const cs_chunk *c, cs_ref err);
void lcs_forget_method(lua_State *L, lcs_ud *u, int udidx, const char *k);
int withalias(int enc, const char *name);
CS_COLD void lcs_memfail(lcs_ud *u);
CS_COLD void lcs_too_deep(lua_State *L, lcs_ud *u, int calls);  /* ERR_STACK_OVERFLOW at the caller */
int lcs_pbytes(lua_State *L, lcs_ud *u, int ui, const char *p, size_t len);
cs_ref lcs_panchor_top(lua_State *L, lcs_ud *u, int ui);
const char *lcs_read_make(lua_State *L, lcs_ud *u, const char *p, size_t len);
int lcs_read_make_safe(lua_State *L, lcs_ud *u, const char *p, size_t len);
/* l_read's own: the bytes of a CS_READ_MAKE made before LEAVE */
#define CS_READ_MADE 3

/* lcs_pipe.c */
int fast_data(lua_State *L, int ui, cs_stream *s, const cs_chunk *c);
int lcs_pipe_fast(lua_State *L, lcs_ud *u, lcs_pipe *p, const cs_chunk *c);
void lcs_pipe_emit(cs_stream *s, int ev, const cs_chunk *c, cs_ref err);
void lcs_pipe_clear_await(lua_State *L, lcs_ud *u, int ui);
void lcs_pipe_changed(lua_State *L, lcs_ud *u, int ui);
void lcs_pipe_free(lcs_ud *u);
int lcs_pipe_view(lua_State *L, lcs_ud *u, int ui, const char *name);
int lcs_pipe_open(lua_State *L);

/* lcs_callback.c */
int cb_onwrite(lua_State *L);
int cb_onfinal(lua_State *L);
int cb_ondestroy(lua_State *L);
int cb_onconstruct(lua_State *L);
int tochunk(lua_State *L, lcs_ud *u, int ui, int idx, int encidx, cs_chunk *c, int *enc);
int cb_ontransform(lua_State *L);
int cb_onflush(lua_State *L);

/* lcs_new.c */
int l_ptransform(lua_State *L);
void pt_update(lua_State *L, lcs_ud *u, int ui);
int l_getdefhwm(lua_State *L);
int l_setdefhwm(lua_State *L);
int l_new(lua_State *L);
int l_construct(lua_State *L);

/* lcs_props.c */
int l_index(lua_State *L);
int l_newindex(lua_State *L);
int l_state(lua_State *L);

/* lcs_methods.c */
int l_push(lua_State *L);
int l_unshift(lua_State *L);
int l_read(lua_State *L);
int l_setencoding(lua_State *L);
int l_pause(lua_State *L);
int l_resume(lua_State *L);
int l_ispaused(lua_State *L);
int l_ondata(lua_State *L);
int l_onreadable(lua_State *L);
int l_datagone(lua_State *L);
int l_readablechanged(lua_State *L);
int l_tread(lua_State *L);
int l_tprefinish(lua_State *L);
int l_errorordestroy(lua_State *L);
int l_write(lua_State *L);
int l_end(lua_State *L);
int l_cork(lua_State *L);
int l_uncork(lua_State *L);
int l_setdefaultencoding(lua_State *L);
int l_destroy(lua_State *L);

#endif
