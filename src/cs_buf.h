/*
** cs_buf.h - internal helpers shared by the core's files: the ring of
** chunks/requests and thin wrappers over the host vtable.
*/
#ifndef cs_buf_h
#define cs_buf_h

#include "cs_core.h"

int     cs_ring_push(cs_stream *s, cs_ring *q, const cs_req *e);
int     cs_ring_unshift(cs_stream *s, cs_ring *q, const cs_req *e);
/* The capacity is a power of two (8, doubled), so an index wraps with a
** mask, not a division. */
static inline cs_req *cs_ring_at(cs_ring *q, size_t i) {
  return &q->a[(q->head + i) & (q->cap - 1)];
}
static inline void cs_ring_shift(cs_ring *q) {
  q->head = (q->head + 1) & (q->cap - 1);
  if (--q->n == 0) q->head = 0;
}
/* Release every element's refs (chunk and callback) and empty the ring. */
void    cs_ring_clear(cs_stream *s, cs_ring *q);
void    cs_ring_free(cs_stream *s, cs_ring *q);

#define cs_ring_front(q)  (&(q)->a[(q)->head])

/* A negative ref is the host's to keep (cs_core.h): no call for one, which
** saves a host call per chunk that flows through borrowed. */
static inline void cs_unref(cs_stream *s, cs_ref r) {
  if (r > 0) s->host->unref(s, r);
}
static inline cs_ref cs_pin(cs_stream *s, cs_ref r) {
  return s->host->pin ? s->host->pin(s, r) : r;
}
static inline cs_ref cs_dup(cs_stream *s, cs_ref r) {
  return r == CS_NOREF ? CS_NOREF : s->host->dup(s, r);
}
static inline void cs_emit(cs_stream *s, int ev) {
  s->host->emit(s, ev, NULL, CS_NOREF);
}
static inline void cs_defer(cs_stream *s, int op, cs_ref a, cs_ref b) {
  s->host->defer(s, op, a, b);
}
static inline cs_ref cs_mkerr(cs_stream *s, int code, const char *msg) {
  return s->host->mkerror(s, code, msg);
}

/* Keeps a rare path out of line, so its frame is not its caller's. */
#if defined(__GNUC__)
#define CS_NOINLINE __attribute__((noinline))
#else
#define CS_NOINLINE
#endif

/* Shared flag helpers: Node reads "w || r" and ors both sides. */
#define HAS_R(s)  (((s)->kind & CS_K_READABLE) != 0)
#define HAS_W(s)  (((s)->kind & CS_K_WRITABLE) != 0)

/* Node's "awaitDrainWriters = null" or ".clear()": the host holds the
** writers and sets CS_R_AWAIT_DRAIN while there is one (cs_set_await_drain),
** so a source nobody waits for costs a flag test per chunk. */
static inline void cs_r_clear_await_drain(cs_stream *s) {
  if (s->r.f & CS_R_AWAIT_DRAIN) {
    s->r.f &= ~CS_R_AWAIT_DRAIN;
    s->host->clear_await_drain(s);
  }
}

/* Node's maybeReadMore: one tick at a time. */
static inline void cs_r_maybe_read_more(cs_stream *s) {
  if ((s->r.f & (CS_R_READING_MORE | CS_CONSTRUCTED)) == CS_CONSTRUCTED) {
    s->r.f |= CS_R_READING_MORE;
    cs_defer(s, CS_OP_MAYBE_READ_MORE, CS_NOREF, CS_NOREF);
  }
}

/* addChunk's flowing branch: c (consumed) goes out as 'data' at once, then
** maybeReadMore.  The caller saw the stream flowing with nothing buffered. */
static inline void cs_r_deliver(cs_stream *s, const cs_chunk *c) {
  cs_r_clear_await_drain(s);
  s->r.f |= CS_R_DATA_EMITTED;
  s->host->emit(s, CS_EV_DATA, c, CS_NOREF);
  cs_unref(s, c->ref);
  cs_r_maybe_read_more(s);
}

/* Transform's callback after its data was pushed (the tail of
** cs_ontransform): the write completes, or waits for a read. */
static inline void cs_t_pushed(cs_stream *s) {
  if (s->r.f & CS_R_ENDED) {
    cs_defer(s, CS_OP_ONWRITE, CS_NOREF, CS_NOREF);
  } else if ((s->w.f & CS_W_ENDED) || s->t_len == s->r.length ||
             s->r.length < s->r.hwm) {
    cs_onwrite(s, CS_NOREF);
  } else {
    s->kind |= CS_K_TRANSFORM_PENDING;
  }
}

/* Internal entry points between the core's files. */
void cs_r_on_constructed(cs_stream *s);
void cs_w_on_constructed(cs_stream *s);
void cs_w_error_buffer(cs_stream *s);
void cs_w_finish_maybe(cs_stream *s, int sync);
void cs_w_end_now(cs_stream *s);
void cs_r_flow(cs_stream *s);
void cs_t_final(cs_stream *s, int with_cb);
void cs_t_write(cs_stream *s, const cs_chunk *c, int enc);
void cs_emit_error_nt(cs_stream *s, cs_ref err);
void cs_emit_close_nt(cs_stream *s);
void cs_run_readable(cs_stream *s, int op, cs_ref a, cs_ref b);
void cs_run_writable(cs_stream *s, int op, cs_ref a, cs_ref b);
int  cs_r_push_chunk(cs_stream *s, const cs_chunk *c, int enc, int front);

#endif
