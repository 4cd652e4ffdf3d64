/*
** cs_buf.c - a growable ring of requests; the readable buffer and the
** writable queue are both rings so that unshift and shift stay O(1).
*/
#include <string.h>

#include "cs_buf.h"

static int grow(cs_stream *s, cs_ring *q) {
  size_t ncap = q->cap ? q->cap * 2 : 8;
  cs_req *na;
  size_t i;
  if (ncap > ((size_t)-1) / sizeof(cs_req)) return -1;
  na = (cs_req *)s->host->alloc(s->ctx, NULL, 0, ncap * sizeof(cs_req));
  if (na == NULL) return -1;
  for (i = 0; i < q->n; i++)  /* unwrap so head becomes 0 */
    na[i] = q->a[(q->head + i) & (q->cap - 1)];
  if (q->a) s->host->alloc(s->ctx, q->a, q->cap * sizeof(cs_req), 0);
  q->a = na;
  q->cap = ncap;
  q->head = 0;
  return 0;
}

int cs_ring_push(cs_stream *s, cs_ring *q, const cs_req *e) {
  if (q->n == q->cap && grow(s, q) != 0) return -1;
  q->a[(q->head + q->n) & (q->cap - 1)] = *e;
  q->n++;
  return 0;
}

int cs_ring_unshift(cs_stream *s, cs_ring *q, const cs_req *e) {
  if (q->n == q->cap && grow(s, q) != 0) return -1;
  q->head = (q->head - 1) & (q->cap - 1);
  q->a[q->head] = *e;
  q->n++;
  return 0;
}

void cs_ring_clear(cs_stream *s, cs_ring *q) {
  /* Detach first: unref may run a finalizer, never user code, but stay safe. */
  while (q->n > 0) {
    cs_req e = *cs_ring_front(q);
    cs_ring_shift(q);
    cs_unref(s, e.c.ref);
    cs_unref(s, e.cb);
  }
}

void cs_ring_free(cs_stream *s, cs_ring *q) {
  cs_ring_clear(s, q);
  if (q->a) s->host->alloc(s->ctx, q->a, q->cap * sizeof(cs_req), 0);
  q->a = NULL;
  q->cap = q->head = q->n = 0;
}
