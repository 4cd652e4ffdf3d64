/*
** fuzz_buf.c - libFuzzer harness for the ring of src/cs_buf.c (the
** readable buffer and the write queue), checked against a trivial model:
** a plain array where push appends, unshift prepends, shift drops the first.
**   clang -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
**     src/cs_buf.c fuzz/fuzz_buf.c -o build/fuzz/fuzz_buf
** Input: one op per byte (low 2 bits push/unshift/shift/check-all, the rest
** a value); a byte 0xff makes the next allocation fail, so a failed grow
** must leave the ring as it was.  At the end cs_ring_free must release every
** element's refs and give back every byte.  -DCS_FUZZ_MAIN replays files.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs_buf.h"

#define REQUIRE(c) do { if (!(c)) { \
  fprintf(stderr, "fuzz_buf: %s:%d: %s\n", __FILE__, __LINE__, #c); abort(); } } while (0)

typedef struct bhost {
  int fail_next;          /* the next allocation returns NULL */
  size_t mem;             /* bytes held by the ring */
  unsigned char *released;  /* released[ref]: how many times unref'ed */
} bhost;

static bhost B;

static void *b_alloc(void *ctx, void *p, size_t osize, size_t nsize) {
  size_t *blk = p ? (size_t *)p - 2 : NULL, *nb;
  (void)ctx;
  if (blk) REQUIRE(blk[0] == osize);   /* the size it was allocated with */
  if (nsize == 0) {
    if (blk) { B.mem -= blk[0]; free(blk); }
    return NULL;
  }
  if (B.fail_next) { B.fail_next = 0; return NULL; }
  nb = (size_t *)realloc(blk, nsize + 2 * sizeof(size_t));
  if (nb == NULL) return NULL;
  B.mem += nsize - (blk ? nb[0] : 0);
  nb[0] = nsize;
  return nb + 2;
}

static void b_unref(cs_stream *s, cs_ref r) {
  (void)s;
  REQUIRE(r > 0);
  REQUIRE(B.released[r] == 0);   /* released once */
  B.released[r]++;
}

/* Element k carries chunk ref 2k+1 and, when it has one, callback 2k+2. */
static cs_ref cbref(const uint8_t *has_cb, cs_ref chunk) {
  return has_cb[(chunk - 1) / 2] ? chunk + 1 : CS_NOREF;
}

static void check_all(cs_ring *q, const cs_ref *model, size_t n, const uint8_t *has_cb) {
  size_t k;
  REQUIRE(q->n == n);
  REQUIRE(q->n <= q->cap);
  REQUIRE(n == 0 || q->head < q->cap);
  for (k = 0; k < n; k++) {
    cs_req *e = cs_ring_at(q, k);
    REQUIRE(e->c.ref == model[k]);
    REQUIRE(e->cb == cbref(has_cb, model[k]));
    REQUIRE(e->c.len == (size_t)model[k] * 3u);
  }
}

/* libFuzzer calls this; declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static cs_host host;
  cs_stream s;
  cs_ring q;
  cs_ref *model;          /* chunk refs, front to back */
  uint8_t *has_cb;        /* per element made */
  size_t n = 0, i, made = 0;
  memset(&host, 0, sizeof host);
  host.alloc = b_alloc;
  host.unref = b_unref;
  memset(&s, 0, sizeof s);
  s.host = &host;
  memset(&q, 0, sizeof q);
  memset(&B, 0, sizeof B);
  B.released = (unsigned char *)calloc(2 * size + 3, 1);
  model = (cs_ref *)calloc(size + 1, sizeof *model);
  has_cb = (uint8_t *)calloc(size + 1, 1);
  REQUIRE(B.released && model && has_cb);
  for (i = 0; i < size; i++) {
    unsigned op = data[i] & 3u;
    if (data[i] == 0xff) { B.fail_next = 1; continue; }
    switch (op) {
      case 0: case 1: {     /* push / unshift a fresh element */
        cs_req e;
        int rc;
        memset(&e, 0, sizeof e);
        has_cb[made] = (data[i] & 4u) != 0;
        e.c.ref = (cs_ref)(2 * made + 1);
        e.cb = cbref(has_cb, e.c.ref);
        e.c.len = (size_t)e.c.ref * 3u;
        e.enc = data[i] >> 3;
        made++;
        rc = op == 0 ? cs_ring_push(&s, &q, &e) : cs_ring_unshift(&s, &q, &e);
        if (rc != 0) {      /* a failed grow changes nothing */
          check_all(&q, model, n, has_cb);
          break;
        }
        if (op == 0) {
          model[n] = e.c.ref;
        } else {
          memmove(model + 1, model, n * sizeof *model);
          model[0] = e.c.ref;
        }
        n++;
        REQUIRE(q.n == n);
        REQUIRE(cs_ring_at(&q, op == 0 ? n - 1 : 0)->enc == (int)(data[i] >> 3));
        break;
      }
      case 2: {             /* shift; callers never shift an empty ring */
        cs_req e;
        if (n == 0) break;
        e = *cs_ring_front(&q);
        REQUIRE(e.c.ref == model[0]);
        cs_ring_shift(&q);
        /* the shifted element's refs are the caller's now */
        b_unref(&s, e.c.ref);
        if (e.cb != CS_NOREF) b_unref(&s, e.cb);
        memmove(model, model + 1, (n - 1) * sizeof *model);
        n--;
        REQUIRE(q.n == n);
        break;
      }
      default:
        check_all(&q, model, n, has_cb);
        break;
    }
  }
  check_all(&q, model, n, has_cb);
  /* free releases what is left; every ref made is then released once */
  cs_ring_free(&s, &q);
  for (i = 0; i < made; i++) {
    cs_ref r = (cs_ref)(2 * i + 1);
    int queued = 0;
    size_t k;
    for (k = 0; k < n; k++) queued |= model[k] == r;
    /* elements whose push failed were never the ring's to release */
    if (!queued && B.released[r] == 0) continue;
    REQUIRE(B.released[r] == 1);
    if (has_cb[i]) REQUIRE(B.released[r + 1] == 1);
  }
  REQUIRE(q.a == NULL && q.n == 0 && q.cap == 0 && q.head == 0);
  REQUIRE(B.mem == 0);
  free(model);
  free(has_cb);
  free(B.released);
  return 0;
}

#include "replay.h"
