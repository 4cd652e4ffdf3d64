/*
** fuzz_zlib.c - libFuzzer harness for the zlib steps of src/cs_zlib.c.
**   clang -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
**     src/cs_zlib.c fuzz/fuzz_zlib.c -lz -o build/fuzz/fuzz_zlib
**   build/fuzz/fuzz_zlib -max_total_time=60 fuzz/corpus/zlib
** Input: 4 header bytes, then up to 16 slice sizes (header byte 2's low
** nibble says how many), then the payload.  Two modes (header byte 0's top
** bit):
**   decode     the payload is fed to an inflate mode (INFLATE, GUNZIP,
**              INFLATERAW, UNZIP) once whole and once in slices of the given
**              sizes, with a sink that pauses every few pieces.  Both runs
**              must end the same way (done, ended early or failed, with the
**              same error code), and produce the same bytes, except that a
**              failing pass drops its output (as Node does), so on failure
**              the shorter output must be a prefix of the longer.  A stream
**              that reaches back beyond the window it was given fails by
**              where zlib's calls are cut ("invalid distance too far
**              back"; Node's too): then only the prefix rule holds.
**   roundtrip  the payload is compressed (DEFLATE, GZIP or DEFLATERAW, with
**              a level, window, dictionary, flushes and a params change from
**              the header) in slices, and inflated back in slices, with an
**              inflate mode that reads it (UNZIP too): exactly the payload
**              must come back.
** Every piece is non-empty and at most the chunk size; a failed stream keeps
** failing without output; after a reset the stream decodes again.
** Build with -DCS_FUZZ_MAIN (any compiler) to replay files instead.
*/
#include <zlib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs_zlib.h"

#define REQUIRE(c) do { if (!(c)) { \
  fprintf(stderr, "fuzz_zlib: %s:%d: %s\n", __FILE__, __LINE__, #c); \
  abort(); } } while (0)

/* Output kept for comparison; beyond this only its length is counted, so a
** small input inflating to gigabytes cannot exhaust memory. */
#define KEEP_MAX (1u << 22)

typedef struct sink_t {
  unsigned char *p;
  size_t n, kept, cap;
  size_t chunk;        /* no piece may be larger */
  unsigned pieces;
  unsigned stop_every; /* pause after this many pieces (0: never) */
} sink_t;

static int sink (void *ud, const char *p, size_t n) {
  sink_t *s = (sink_t *)ud;
  REQUIRE(n > 0 && n <= s->chunk);
  if (s->kept < KEEP_MAX) {
    size_t k = n < KEEP_MAX - s->kept ? n : KEEP_MAX - s->kept;
    if (s->kept + k > s->cap) {
      s->cap = (s->kept + k) * 2;
      s->p = (unsigned char *)realloc(s->p, s->cap);
      REQUIRE(s->p != NULL);
    }
    memcpy(s->p + s->kept, p, k);
    s->kept += k;
  }
  s->n += n;
  s->pieces++;
  return s->stop_every > 0 && s->pieces % s->stop_every == 0;
}

typedef struct slices {
  const uint8_t *size;
  size_t nsize, i;
} slices;

static size_t next_slice (slices *sl, size_t left) {
  size_t k = sl->nsize ? (size_t)sl->size[sl->i++ % sl->nsize] + 1 : left;
  return k < left ? k : left;
}

/* Feeds 'in' in slices (a pause resumes where it stopped), each write with
** flush 'flush' (or a flush drawn from the slice size when 'vary'), then an
** empty Z_FINISH write as Node's _flush.  Stops at the first FAIL or EOF,
** as the binding does.  Returns the last status. */
static int feed (cs_zlib *z, const uint8_t *in, size_t n, slices *sl,
                 int vary, int params, sink_t *out) {
  static const int flushes[5] = { Z_NO_FLUSH, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH,
                                  Z_FULL_FLUSH, Z_BLOCK };
  size_t off = 0;
  int r = CS_ZLIB_DONE, writes = 0;
  while (off < n) {
    size_t k = next_slice(sl, n - off), used;
    const char *p = (const char *)in + off;
    int f = vary ? flushes[k % 5] : Z_NO_FLUSH;
    off += k;
    do {
      r = cs_zlib_process(z, p, k, f, sink, out, &used);
      REQUIRE(used <= k);
      p += used;
      k -= used;
    } while (r == CS_ZLIB_MORE);
    if (r == CS_ZLIB_FAIL || r == CS_ZLIB_EOF) return r;
    REQUIRE(k == 0);
    /* Node's params(): a sync flush, then the new level and strategy. */
    if (params && ++writes == 2) {
      const char *o;
      size_t ol;
      do r = cs_zlib_process(z, NULL, 0, Z_SYNC_FLUSH, sink, out, NULL);
      while (r == CS_ZLIB_MORE);
      REQUIRE(r == CS_ZLIB_DONE);
      REQUIRE(cs_zlib_params(z, (params & 0xf) % 10, (params >> 4) % 5,
                             &o, &ol) == 0);
      if (ol > 0) sink(out, o, ol);
    }
  }
  do r = cs_zlib_process(z, NULL, 0, Z_FINISH, sink, out, NULL);
  while (r == CS_ZLIB_MORE);
  return r;
}

static cs_zlib *make (int mode, cs_zlib_opts *o) {
  cs_zlib_err e;
  cs_zlib *z = cs_zlib_new(mode, o, &e);
  if (z == NULL) REQUIRE(e.code != NULL && e.message != NULL);
  return z;
}

/* A failed stream stays failed and produces nothing. */
static void check_failed (cs_zlib *z) {
  const cs_zlib_err *e = cs_zlib_error(z);
  const char *in = "x", *o;
  size_t inlen = 1, ol;
  REQUIRE(e->code != NULL && e->message != NULL);
  REQUIRE(cs_zlib_step(z, &in, &inlen, Z_NO_FLUSH, &o, &ol) == CS_ZLIB_FAIL);
  REQUIRE(ol == 0 && inlen == 1);
}

static int same_prefix (const sink_t *a, const sink_t *b) {
  size_t n = a->kept < b->kept ? a->kept : b->kept;
  return n == 0 || memcmp(a->p, b->p, n) == 0;
}

/* Did z fail on a distance beyond its window ('r' its last status)? */
static int too_far (cs_zlib *z, int r) {
  return r == CS_ZLIB_FAIL &&
         strcmp(cs_zlib_error(z)->message, "invalid distance too far back") == 0;
}

static void decode (int mode, cs_zlib_opts *o, const uint8_t *in, size_t n,
                    slices *sl, unsigned stop_every) {
  sink_t whole, part;
  cs_zlib *z1 = make(mode, o), *z2;
  int r1, r2, beyond;
  if (z1 == NULL) return;
  z2 = make(mode, o);
  REQUIRE(z2 != NULL);
  memset(&whole, 0, sizeof whole);
  memset(&part, 0, sizeof part);
  whole.chunk = part.chunk = o->chunk_size;
  part.stop_every = stop_every;
  {
    slices one = { NULL, 0, 0 };
    r1 = feed(z1, in, n, &one, 0, 0, &whole);
  }
  r2 = feed(z2, in, n, sl, 0, 0, &part);
  beyond = too_far(z1, r1) || too_far(z2, r2);
  if (beyond) {
    /* zlib checks a distance against its window plus what the current
    ** inflate() call has written, so a stream that reaches back further
    ** than the window it was given (a windowBits below the one it was made
    ** with) fails or not by where the input is cut, as in Node: the two
    ** runs agree up to where either stopped, and no further */
    if (r1 == CS_ZLIB_FAIL) check_failed(z1);
    if (r2 == CS_ZLIB_FAIL) check_failed(z2);
    REQUIRE(same_prefix(&whole, &part));
  }
  else if (r1 == CS_ZLIB_FAIL) {
    REQUIRE(r2 == r1);
    check_failed(z1);
    check_failed(z2);
    REQUIRE(cs_zlib_error(z1)->errnum == cs_zlib_error(z2)->errnum);
    REQUIRE(same_prefix(&whole, &part));
  }
  else {
    REQUIRE(r2 == r1);
    REQUIRE(whole.n == part.n && whole.kept == part.kept);
    REQUIRE(same_prefix(&whole, &part));
  }
  /* After a reset the same input decodes the same way again (a stream
  ** beyond its window: the same way up to where either stopped, zlib's
  ** window history being another cut of the same check). */
  if (cs_zlib_reset(z1) == 0) {
    sink_t again;
    slices one = { NULL, 0, 0 };
    int r3;
    memset(&again, 0, sizeof again);
    again.chunk = o->chunk_size;
    r3 = feed(z1, in, n, &one, 0, 0, &again);
    if (!beyond && !too_far(z1, r3)) {
      REQUIRE(r3 == r1);
      REQUIRE(again.n == whole.n);
    }
    REQUIRE(same_prefix(&again, &whole));
    free(again.p);
  }
  free(whole.p);
  free(part.p);
  cs_zlib_free(z1);
  cs_zlib_free(z2);
}

static void roundtrip (unsigned h0, cs_zlib_opts *o, const uint8_t *in,
                       size_t n, slices *sl, unsigned stop_every, int params) {
  static const int cmodes[3] = { CS_ZLIB_DEFLATE, CS_ZLIB_GZIP,
                                 CS_ZLIB_DEFLATERAW };
  int cmode = cmodes[(h0 & 0x7f) % 3], dmode;
  sink_t packed, back;
  cs_zlib *c, *d;
  int r;
  switch (cmode) {
    case CS_ZLIB_DEFLATE:
      dmode = (h0 >> 2) & 1 ? CS_ZLIB_UNZIP : CS_ZLIB_INFLATE;
      break;
    case CS_ZLIB_GZIP:
      dmode = (h0 >> 2) & 1 ? CS_ZLIB_UNZIP : CS_ZLIB_GUNZIP;
      break;
    default:
      dmode = CS_ZLIB_INFLATERAW;
      break;
  }
  c = make(cmode, o);
  if (c == NULL) return;  /* options deflate refuses */
  memset(&packed, 0, sizeof packed);
  memset(&back, 0, sizeof back);
  packed.chunk = back.chunk = o->chunk_size;
  packed.stop_every = stop_every;
  back.stop_every = stop_every ? stop_every + 1 : 0;
  r = feed(c, in, n, sl, (h0 >> 3) & 1, params, &packed);
  REQUIRE(r == CS_ZLIB_DONE);
  REQUIRE(packed.n == packed.kept);
  /* Inflate reads the header's window; raw inflate gets the largest. */
  o->window_bits = 0;
  d = make(dmode, o);
  REQUIRE(d != NULL);
  r = feed(d, packed.p, packed.n, sl, 0, 0, &back);
  REQUIRE(r == CS_ZLIB_DONE);
  REQUIRE(back.n == n && (n == 0 || memcmp(back.p, in, n) == 0));
  free(packed.p);
  free(back.p);
  cs_zlib_free(c);
  cs_zlib_free(d);
}

/* libFuzzer calls this; declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const int dmodes[4] = { CS_ZLIB_INFLATE, CS_ZLIB_GUNZIP,
                                 CS_ZLIB_INFLATERAW, CS_ZLIB_UNZIP };
  static const char dict[] = "the quick brown fox jumps over the lazy dog";
  unsigned h0, h1, h2, h3, stop_every;
  cs_zlib_opts o;
  slices sl;
  if (size < 4) return 0;
  h0 = data[0]; h1 = data[1]; h2 = data[2]; h3 = data[3];
  data += 4; size -= 4;
  sl.size = data;
  sl.nsize = h2 & 0xf;
  sl.i = 0;
  if (sl.nsize > size) sl.nsize = size;
  data += sl.nsize; size -= sl.nsize;
  stop_every = h2 >> 4;
  cs_zlib_opts_default(&o);
  o.chunk_size = CS_ZLIB_MIN_CHUNK + h1 * 61u;   /* 64 .. 15619 */
  o.level = (int)(h3 & 0xf) % 11 - 1;            /* -1 .. 9 */
  o.window_bits = (h3 >> 4) & 7 ? 8 + (int)((h3 >> 4) & 7) : 0;
  if (h3 >> 7) {  /* a preset dictionary */
    o.dict = dict;
    o.dictlen = sizeof dict - 1;
  }
  if (h0 & 0x80)
    roundtrip(h0, &o, data, size, &sl, stop_every,
              (h0 >> 4) & 1 ? (int)(h1 | 0x100) : 0);
  else
    decode(dmodes[h0 & 3], &o, data, size, &sl, stop_every);
  return 0;
}

#include "replay.h"
