/*
** cs_buf.h - internal helpers shared by the core's files: the ring of
** chunks/requests and thin wrappers over the host vtable.
*/
#ifndef cs_buf_h
#define cs_buf_h

#include "cs_core.h"

int     cs_ring_push(cs_stream *s, cs_ring *q, const cs_req *e);
int     cs_ring_unshift(cs_stream *s, cs_ring *q, const cs_req *e);
cs_req *cs_ring_at(cs_ring *q, size_t i);
void    cs_ring_shift(cs_ring *q);
/* Release every element's refs (chunk and callback) and empty the ring. */
void    cs_ring_clear(cs_stream *s, cs_ring *q);
void    cs_ring_free(cs_stream *s, cs_ring *q);

#define cs_ring_front(q)  (&(q)->a[(q)->head])

static inline void cs_unref(cs_stream *s, cs_ref r) {
  if (r != CS_NOREF) s->host->unref(s, r);
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

/* Shared flag helpers: Node reads "w || r" and ors both sides. */
#define HAS_R(s)  (((s)->kind & CS_K_READABLE) != 0)
#define HAS_W(s)  (((s)->kind & CS_K_WRITABLE) != 0)

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
