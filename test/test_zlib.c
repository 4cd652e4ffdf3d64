/*
** test_zlib.c - unit tests of cs_zlib (no Lua).  Expected bytes and error
** texts were taken from Node 20 (zlib.gzipSync & co., createGunzip fed
** garbage / truncated input).  Prints "N passed, N failed"; exit 0 iff
** all pass.  Build: cc -Isrc test/test_zlib.c src/cs_zlib.c -lz
** (also with -DCS_ZLIB_MAX_FEED=7 to cover input slicing).
*/
#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs_zlib.h"

static int npass, nfail;

#define CHECK(cond) check_((cond), #cond, __FILE__, __LINE__)
static int check_(int ok, const char *what, const char *file, int line) {
  if (ok) npass++;
  else { nfail++; fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what); }
  return ok;
}

/* ---- a growable byte buffer that also records piece sizes ---- */

typedef struct sbuf {
  char *p;
  size_t n, cap;
  size_t pieces[4096];
  size_t npieces;
  size_t stop_every;   /* sink asks to pause after this many pieces */
} sbuf;

static void sb_add(sbuf *b, const char *p, size_t n) {
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2 + 64;
    b->p = realloc(b->p, b->cap);
    if (b->p == NULL) abort();
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
}

static int sink(void *ud, const char *p, size_t n) {
  sbuf *b = ud;
  sb_add(b, p, n);
  if (b->npieces < sizeof b->pieces / sizeof b->pieces[0])
    b->pieces[b->npieces] = n;
  b->npieces++;
  return b->stop_every > 0 && b->npieces % b->stop_every == 0;
}

static void sb_free(sbuf *b) { free(b->p); memset(b, 0, sizeof *b); }

/* Feed 'in' in slices of 'step' bytes (0 = whole), then finish with an
** empty Z_FINISH write as Node's _flush does.  Returns the last status. */
static int feed(cs_zlib *z, const char *in, size_t n, size_t step, sbuf *out) {
  size_t off = 0;
  int r = CS_ZLIB_DONE;
  if (step == 0) step = n > 0 ? n : 1;
  while (off < n) {
    size_t k = n - off < step ? n - off : step, used;
    const char *p = in + off;
    do {  /* resume after a pause until the slice is done */
      r = cs_zlib_process(z, p, k, Z_NO_FLUSH, sink, out, &used);
      p += used;
      k -= used;
    } while (r == CS_ZLIB_MORE);
    if (r == CS_ZLIB_FAIL || r == CS_ZLIB_EOF) return r;
    off += step < n - off ? step : n - off;
  }
  do r = cs_zlib_process(z, NULL, 0, Z_FINISH, sink, out, NULL);
  while (r == CS_ZLIB_MORE);
  return r;
}

static cs_zlib *mk(int mode, size_t chunk) {
  cs_zlib_opts o;
  cs_zlib_err e;
  cs_zlib *z;
  cs_zlib_opts_default(&o);
  if (chunk) o.chunk_size = chunk;
  z = cs_zlib_new(mode, &o, &e);
  if (z == NULL) fprintf(stderr, "cs_zlib_new: %s %s\n", e.code, e.message);
  return z;
}

/* Compress with one mode, decompress with another; compare. */
static void roundtrip(int cmode, int dmode, const char *data, size_t n,
                      size_t chunk, size_t step) {
  cs_zlib *c = mk(cmode, chunk), *d = mk(dmode, chunk);
  sbuf z = {0}, back = {0};
  size_t i;
  int ok = 1;
  CHECK(feed(c, data, n, step, &z) == CS_ZLIB_DONE);
  CHECK(feed(d, z.p, z.n, step, &back) == CS_ZLIB_DONE);
  CHECK(back.n == n && (n == 0 || memcmp(back.p, data, n) == 0));
  for (i = 0; i < z.npieces && i < 4096; i++)
    ok = ok && z.pieces[i] > 0 && z.pieces[i] <= cs_zlib_chunk_size(c);
  CHECK(ok);
  sb_free(&z);
  sb_free(&back);
  cs_zlib_free(c);
  cs_zlib_free(d);
}

static char *pattern(size_t n, int random) {
  char *p = malloc(n + 1);
  unsigned x = 12345;
  size_t i;
  for (i = 0; i < n; i++) {
    x = x * 1103515245u + 12345u;
    p[i] = random ? (char)(x >> 16) : (char)("abcdefgh"[(i / 3) % 8]);
  }
  return p;
}

static void test_roundtrips(void) {
  static const int pairs[][2] = {
    {CS_ZLIB_DEFLATE, CS_ZLIB_INFLATE}, {CS_ZLIB_GZIP, CS_ZLIB_GUNZIP},
    {CS_ZLIB_DEFLATERAW, CS_ZLIB_INFLATERAW}, {CS_ZLIB_GZIP, CS_ZLIB_UNZIP},
    {CS_ZLIB_DEFLATE, CS_ZLIB_UNZIP},
  };
  static const size_t sizes[] = {0, 1, 100, 70000};
  static const size_t chunks[] = {64, 1000, 0};
  static const size_t steps[] = {1, 13, 0};
  size_t p, s, c, t;
  for (p = 0; p < sizeof pairs / sizeof pairs[0]; p++)
    for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
      for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++)
        for (t = 0; t < sizeof steps / sizeof steps[0]; t++) {
          int rnd;
          if (sizes[s] > 1000 && steps[t] == 1) continue;  /* slow, no news */
          for (rnd = 0; rnd < 2; rnd++) {
            char *d = pattern(sizes[s], rnd);
            roundtrip(pairs[p][0], pairs[p][1], d, sizes[s], chunks[c],
                      steps[t]);
            free(d);
          }
        }
}

/* Byte-exact with Node 20: gzipSync('abc'), deflateSync(''),
** deflateRawSync('abc', {windowBits: 8}). */
static void test_node_bytes(void) {
  static const unsigned char gz_abc[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c,
    0x4a, 0x06, 0x00, 0xc2, 0x41, 0x24, 0x35, 0x03, 0x00, 0x00, 0x00};
  static const unsigned char df_empty[] = {
    0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
  static const unsigned char raw_abc[] = {0x4b, 0x4c, 0x4a, 0x06, 0x00};
  cs_zlib_opts o;
  cs_zlib_err e;
  sbuf b = {0};
  cs_zlib *z = mk(CS_ZLIB_GZIP, 0);
  CHECK(feed(z, "abc", 3, 0, &b) == CS_ZLIB_DONE);
  CHECK(b.n == sizeof gz_abc && memcmp(b.p, gz_abc, b.n) == 0);
  /* Node: the 10-byte header comes out on the first write, the rest on finish */
  CHECK(b.npieces == 2 && b.pieces[0] == 10 && b.pieces[1] == 13);
  cs_zlib_free(z);
  sb_free(&b);

  z = mk(CS_ZLIB_DEFLATE, 0);
  CHECK(feed(z, "", 0, 0, &b) == CS_ZLIB_DONE);
  CHECK(b.n == sizeof df_empty && memcmp(b.p, df_empty, b.n) == 0);
  cs_zlib_free(z);
  sb_free(&b);

  cs_zlib_opts_default(&o);
  o.window_bits = 8;  /* DeflateRaw quietly turns 8 into 9, as Node */
  z = cs_zlib_new(CS_ZLIB_DEFLATERAW, &o, &e);
  CHECK(z != NULL);
  if (z) {
    CHECK(feed(z, "abc", 3, 0, &b) == CS_ZLIB_DONE);
    CHECK(b.n == sizeof raw_abc && memcmp(b.p, raw_abc, b.n) == 0);
    cs_zlib_free(z);
  }
  sb_free(&b);
}

static void pack(int mode, const char *in, size_t n, sbuf *out) {
  cs_zlib *z = mk(mode, 0);
  CHECK(feed(z, in, n, 0, out) == CS_ZLIB_DONE);
  cs_zlib_free(z);
}

/* Node: gunzip of 100000 'a' gives 6 x 16384 + 1696; with "hello world"
** gzipped in front (one write) the first pass runs across the member
** boundary: 6 x 16384 + 1707; chunkSize 1000 gives 100 x 1000. */
static void test_piece_sizes(void) {
  char *big = malloc(100000);
  sbuf gb = {0}, g = {0}, cat = {0}, out = {0};
  cs_zlib *z;
  size_t i;
  int ok = 1;
  memset(big, 'a', 100000);
  pack(CS_ZLIB_GZIP, big, 100000, &gb);
  pack(CS_ZLIB_GZIP, "hello world", 11, &g);

  z = mk(CS_ZLIB_GUNZIP, 0);
  CHECK(feed(z, gb.p, gb.n, 0, &out) == CS_ZLIB_DONE);
  CHECK(out.npieces == 7);
  for (i = 0; i < 6; i++) ok = ok && out.pieces[i] == 16384;
  CHECK(ok && out.pieces[6] == 1696);
  cs_zlib_free(z);
  sb_free(&out);

  sb_add(&cat, g.p, g.n);
  sb_add(&cat, gb.p, gb.n);
  z = mk(CS_ZLIB_GUNZIP, 0);
  CHECK(feed(z, cat.p, cat.n, 0, &out) == CS_ZLIB_DONE);
  CHECK(out.npieces == 7 && out.pieces[6] == 1707 && out.n == 100011);
  CHECK(out.n == 100011 && memcmp(out.p, "hello worldaaa", 14) == 0);
  cs_zlib_free(z);
  sb_free(&out);

  z = mk(CS_ZLIB_GUNZIP, 1000);
  CHECK(feed(z, gb.p, gb.n, 0, &out) == CS_ZLIB_DONE);
  ok = out.npieces == 100;
  for (i = 0; i < out.npieces && i < 100; i++) ok = ok && out.pieces[i] == 1000;
  CHECK(ok);
  cs_zlib_free(z);
  sb_free(&out);

  /* The buffer offset carries over between writes (Node's _outOffset):
  ** 'hello world' then 40000 'b' in a second write give 11, 16373, ... */
  {
    sbuf g2 = {0};
    memset(big, 'b', 40000);
    pack(CS_ZLIB_GZIP, big, 40000, &g2);
    z = mk(CS_ZLIB_GUNZIP, 0);
    CHECK(cs_zlib_process(z, g.p, g.n, Z_NO_FLUSH, sink, &out, NULL)
          == CS_ZLIB_DONE);
    CHECK(feed(z, g2.p, g2.n, 0, &out) == CS_ZLIB_DONE);
    CHECK(out.npieces == 4 && out.pieces[0] == 11 && out.pieces[1] == 16373 &&
          out.pieces[2] == 16384 && out.pieces[3] == 7243);
    cs_zlib_free(z);
    sb_free(&out);
    sb_free(&g2);
  }

  /* A sink that pauses after every piece sees the same pieces. */
  z = mk(CS_ZLIB_GUNZIP, 0);
  out.stop_every = 1;
  CHECK(feed(z, gb.p, gb.n, 0, &out) == CS_ZLIB_DONE);
  CHECK(out.npieces == 7 && out.n == 100000 && out.pieces[6] == 1696);
  cs_zlib_free(z);
  sb_free(&out);

  free(big);
  sb_free(&gb);
  sb_free(&g);
  sb_free(&cat);
}

/* Drive one input through mode; expect status and, on FAIL, the error. */
static void expect(int mode, const char *in, size_t n, int status,
                   const char *code, int errnum, const char *msg,
                   const char *outexp) {
  cs_zlib *z = mk(mode, 0);
  sbuf out = {0};
  int r = feed(z, in, n, 0, &out);
  CHECK(r == status);
  if (status == CS_ZLIB_FAIL) {
    const cs_zlib_err *e = cs_zlib_error(z);
    CHECK(strcmp(e->code, code) == 0);
    CHECK(e->errnum == errnum);
    if (!CHECK(strcmp(e->message, msg) == 0))
      fprintf(stderr, "  message was: %s\n", e->message);
  }
  if (outexp != NULL)
    CHECK(out.n == strlen(outexp) && (out.n == 0 ||
                                      memcmp(out.p, outexp, out.n) == 0));
  cs_zlib_free(z);
  sb_free(&out);
}

static void test_errors(void) {
  static const char stored_bad[] = {0x00, 0x05, 0x00, 0x00, 0x00};
  static const char zeros[10] = {0};
  sbuf g = {0}, d = {0}, r = {0}, t = {0};
  pack(CS_ZLIB_GZIP, "hello world", 11, &g);
  pack(CS_ZLIB_DEFLATE, "hello world", 11, &d);
  pack(CS_ZLIB_DEFLATERAW, "hello world", 11, &r);

  expect(CS_ZLIB_GUNZIP, "garbage data here", 17, CS_ZLIB_FAIL,
         "Z_DATA_ERROR", Z_DATA_ERROR, "incorrect header check", "");
  expect(CS_ZLIB_INFLATE, "garbage data here", 17, CS_ZLIB_FAIL,
         "Z_DATA_ERROR", Z_DATA_ERROR, "incorrect header check", "");
  expect(CS_ZLIB_INFLATERAW, "garbage data here", 17, CS_ZLIB_FAIL,
         "Z_DATA_ERROR", Z_DATA_ERROR, "invalid block type", "");
  expect(CS_ZLIB_INFLATERAW, stored_bad, sizeof stored_bad, CS_ZLIB_FAIL,
         "Z_DATA_ERROR", Z_DATA_ERROR, "invalid stored block lengths", "");
  expect(CS_ZLIB_GUNZIP, d.p, d.n, CS_ZLIB_FAIL,
         "Z_DATA_ERROR", Z_DATA_ERROR, "incorrect header check", "");
  /* truncated: the data so far comes out, then the finish fails */
  expect(CS_ZLIB_GUNZIP, g.p, g.n - 5, CS_ZLIB_FAIL, "Z_BUF_ERROR",
         Z_BUF_ERROR, "unexpected end of file", "hello world");
  expect(CS_ZLIB_GUNZIP, g.p, 5, CS_ZLIB_FAIL, "Z_BUF_ERROR",
         Z_BUF_ERROR, "unexpected end of file", "");
  expect(CS_ZLIB_INFLATE, d.p, d.n - 3, CS_ZLIB_FAIL, "Z_BUF_ERROR",
         Z_BUF_ERROR, "unexpected end of file", "hello world");
  expect(CS_ZLIB_INFLATERAW, r.p, r.n - 3, CS_ZLIB_FAIL, "Z_BUF_ERROR",
         Z_BUF_ERROR, "unexpected end of file", "hello wor");
  expect(CS_ZLIB_GUNZIP, "", 0, CS_ZLIB_FAIL, "Z_BUF_ERROR",
         Z_BUF_ERROR, "unexpected end of file", "");
  expect(CS_ZLIB_INFLATERAW, "", 0, CS_ZLIB_FAIL, "Z_BUF_ERROR",
         Z_BUF_ERROR, "unexpected end of file", "");

  /* bad checksums */
  sb_add(&t, g.p, g.n);
  memset(t.p + t.n - 8, 0, 4);
  expect(CS_ZLIB_GUNZIP, t.p, t.n, CS_ZLIB_FAIL, "Z_DATA_ERROR",
         Z_DATA_ERROR, "incorrect data check", "");
  sb_free(&t);
  sb_add(&t, d.p, d.n);
  memset(t.p + t.n - 4, 0, 4);
  expect(CS_ZLIB_INFLATE, t.p, t.n, CS_ZLIB_FAIL, "Z_DATA_ERROR",
         Z_DATA_ERROR, "incorrect data check", "");
  sb_free(&t);

  /* trailing bytes: garbage after a gzip member is an error (output of
  ** that pass dropped, as Node); zeros are padding; a lone 0x1f starts a
  ** member that never completes; other modes just stop (EOF). */
  sb_add(&t, g.p, g.n);
  sb_add(&t, "xyz garbage", 11);
  expect(CS_ZLIB_GUNZIP, t.p, t.n, CS_ZLIB_FAIL, "Z_DATA_ERROR",
         Z_DATA_ERROR, "incorrect header check", "");
  sb_free(&t);
  sb_add(&t, g.p, g.n);
  sb_add(&t, zeros, sizeof zeros);
  expect(CS_ZLIB_GUNZIP, t.p, t.n, CS_ZLIB_EOF, NULL, 0, NULL, "hello world");
  sb_free(&t);
  sb_add(&t, g.p, g.n);
  sb_add(&t, "\x1f", 1);
  expect(CS_ZLIB_GUNZIP, t.p, t.n, CS_ZLIB_FAIL, "Z_BUF_ERROR", Z_BUF_ERROR,
         "unexpected end of file", "hello world");
  sb_free(&t);
  sb_add(&t, g.p, g.n);
  sb_add(&t, g.p, g.n);
  expect(CS_ZLIB_GUNZIP, t.p, t.n, CS_ZLIB_DONE, NULL, 0, NULL,
         "hello worldhello world");
  expect(CS_ZLIB_UNZIP, t.p, t.n, CS_ZLIB_DONE, NULL, 0, NULL,
         "hello worldhello world");
  sb_free(&t);
  sb_add(&t, d.p, d.n);
  sb_add(&t, d.p, d.n);
  expect(CS_ZLIB_INFLATE, t.p, t.n, CS_ZLIB_EOF, NULL, 0, NULL, "hello world");
  sb_free(&t);
  sb_add(&t, r.p, r.n);
  sb_add(&t, "xyz", 3);
  expect(CS_ZLIB_INFLATERAW, t.p, t.n, CS_ZLIB_EOF, NULL, 0, NULL,
         "hello world");
  sb_free(&t);

  sb_free(&g);
  sb_free(&d);
  sb_free(&r);
}

/* Members split across writes, and the sticky failure / reset. */
static void test_stream_state(void) {
  sbuf g = {0}, out = {0};
  cs_zlib *z;
  const char *p, *o;
  size_t n, on;
  pack(CS_ZLIB_GZIP, "hello world", 11, &g);

  z = mk(CS_ZLIB_GUNZIP, 0);
  p = g.p; n = g.n;
  CHECK(cs_zlib_step(z, &p, &n, Z_NO_FLUSH, &o, &on) == CS_ZLIB_DONE);
  CHECK(n == 0 && on == 11 && memcmp(o, "hello world", 11) == 0);
  p = g.p; n = g.n;  /* second member in its own write */
  CHECK(cs_zlib_step(z, &p, &n, Z_NO_FLUSH, &o, &on) == CS_ZLIB_DONE);
  CHECK(on == 11 && memcmp(o, "hello world", 11) == 0);
  p = "garbage"; n = 7;
  CHECK(cs_zlib_step(z, &p, &n, Z_NO_FLUSH, &o, &on) == CS_ZLIB_FAIL);
  CHECK(on == 0 && o == NULL);
  CHECK(strcmp(cs_zlib_error(z)->code, "Z_DATA_ERROR") == 0);
  p = g.p; n = g.n;  /* sticky */
  CHECK(cs_zlib_step(z, &p, &n, Z_NO_FLUSH, &o, &on) == CS_ZLIB_FAIL);
  CHECK(cs_zlib_reset(z) == 0);
  CHECK(cs_zlib_step(z, &p, &n, Z_FINISH, &o, &on) == CS_ZLIB_DONE);
  CHECK(on == 11 && memcmp(o, "hello world", 11) == 0);
  cs_zlib_free(z);

  /* UNZIP with the magic split over two writes still goes multi-member. */
  z = mk(CS_ZLIB_UNZIP, 0);
  p = g.p; n = 1;
  CHECK(cs_zlib_step(z, &p, &n, Z_NO_FLUSH, &o, &on) == CS_ZLIB_DONE);
  CHECK(cs_zlib_process(z, g.p + 1, g.n - 1, Z_NO_FLUSH, sink, &out, NULL)
        == CS_ZLIB_DONE);
  CHECK(cs_zlib_process(z, g.p, g.n, Z_FINISH, sink, &out, NULL)
        == CS_ZLIB_DONE);
  CHECK(out.n == 22 && memcmp(out.p, "hello worldhello world", 22) == 0);
  cs_zlib_free(z);
  sb_free(&out);

  /* Deflate: flush kinds make output appear; params between. */
  z = mk(CS_ZLIB_DEFLATE, 0);
  CHECK(cs_zlib_process(z, "abc", 3, Z_NO_FLUSH, sink, &out, NULL)
        == CS_ZLIB_DONE);
  CHECK(out.n == 2);  /* just the zlib header */
  CHECK(cs_zlib_process(z, NULL, 0, Z_SYNC_FLUSH, sink, &out, NULL)
        == CS_ZLIB_DONE);
  CHECK(out.n > 2 && memcmp(out.p + out.n - 4, "\0\0\xff\xff", 4) == 0);
  CHECK(cs_zlib_params(z, 0, 0, &o, &on) == 0 && on == 0);
  CHECK(cs_zlib_process(z, "defdefdef", 9, Z_FINISH, sink, &out, NULL)
        == CS_ZLIB_DONE);
  CHECK(cs_zlib_params(z, 10, 0, &o, &on) == CS_ZLIB_FAIL);
  cs_zlib_free(z);
  z = mk(CS_ZLIB_INFLATE, 0);
  {
    sbuf back = {0};
    CHECK(feed(z, out.p, out.n, 0, &back) == CS_ZLIB_DONE);
    CHECK(back.n == 12 && memcmp(back.p, "abcdefdefdef", 12) == 0);
    sb_free(&back);
  }
  cs_zlib_free(z);
  sb_free(&out);
  sb_free(&g);
}

static void test_dictionary(void) {
  cs_zlib_opts o;
  cs_zlib_err e;
  sbuf c = {0}, out = {0};
  cs_zlib *z;
  int mode;
  for (mode = CS_ZLIB_DEFLATE; mode <= CS_ZLIB_DEFLATERAW;
       mode += CS_ZLIB_DEFLATERAW - CS_ZLIB_DEFLATE) {
    int inflate_mode = mode == CS_ZLIB_DEFLATE ? CS_ZLIB_INFLATE
                                               : CS_ZLIB_INFLATERAW;
    cs_zlib_opts_default(&o);
    o.dict = "hello";
    o.dictlen = 5;
    z = cs_zlib_new(mode, &o, &e);
    CHECK(z != NULL && feed(z, "hello hello", 11, 0, &c) == CS_ZLIB_DONE);
    cs_zlib_free(z);
    z = cs_zlib_new(inflate_mode, &o, &e);
    CHECK(feed(z, c.p, c.n, 0, &out) == CS_ZLIB_DONE);
    CHECK(out.n == 11 && memcmp(out.p, "hello hello", 11) == 0);
    cs_zlib_free(z);
    sb_free(&out);
    if (mode == CS_ZLIB_DEFLATE) {
      z = mk(CS_ZLIB_INFLATE, 0);
      CHECK(feed(z, c.p, c.n, 0, &out) == CS_ZLIB_FAIL);
      CHECK(strcmp(cs_zlib_error(z)->code, "Z_NEED_DICT") == 0);
      CHECK(cs_zlib_error(z)->errnum == Z_NEED_DICT);
      CHECK(strcmp(cs_zlib_error(z)->message, "Missing dictionary") == 0);
      cs_zlib_free(z);
      o.dict = "jello";
      z = cs_zlib_new(CS_ZLIB_INFLATE, &o, &e);
      CHECK(feed(z, c.p, c.n, 0, &out) == CS_ZLIB_FAIL);
      CHECK(strcmp(cs_zlib_error(z)->message, "Bad dictionary") == 0);
      cs_zlib_free(z);
      sb_free(&out);
    }
    sb_free(&c);
  }
}

static void test_options(void) {
  static const struct { int mode, level, wb, mem, strat; size_t chunk; } bad[] = {
    {CS_ZLIB_GZIP, 10, 0, 8, 0, 16384}, {CS_ZLIB_GZIP, -2, 0, 8, 0, 16384},
    {CS_ZLIB_GZIP, -1, 8, 8, 0, 16384}, {CS_ZLIB_DEFLATE, -1, 7, 8, 0, 16384},
    {CS_ZLIB_DEFLATE, -1, 16, 8, 0, 16384}, {CS_ZLIB_DEFLATE, -1, 0, 0, 0, 16384},
    {CS_ZLIB_DEFLATE, -1, 0, 10, 0, 16384}, {CS_ZLIB_DEFLATE, -1, 0, 8, 5, 16384},
    {CS_ZLIB_DEFLATE, -1, 0, 8, 0, 63}, {0, -1, 0, 8, 0, 16384},
    {8, -1, 0, 8, 0, 16384},
  };
  size_t i;
  cs_zlib_opts o;
  cs_zlib_err e;
  cs_zlib *z;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    cs_zlib_opts_default(&o);
    o.level = bad[i].level;
    o.window_bits = bad[i].wb;
    o.mem_level = bad[i].mem;
    o.strategy = bad[i].strat;
    o.chunk_size = bad[i].chunk;
    e.code = NULL;
    z = cs_zlib_new(bad[i].mode, &o, &e);
    CHECK(z == NULL && e.code != NULL && strcmp(e.code, "Z_STREAM_ERROR") == 0);
    cs_zlib_free(z);
  }
  /* Inflate with a smaller window than the data needs fails as in Node. */
  {
    sbuf c = {0}, out = {0};
    char *d = pattern(5000, 1);
    pack(CS_ZLIB_DEFLATE, d, 5000, &c);
    cs_zlib_opts_default(&o);
    o.window_bits = 9;
    z = cs_zlib_new(CS_ZLIB_INFLATE, &o, &e);
    CHECK(feed(z, c.p, c.n, 0, &out) == CS_ZLIB_FAIL);
    CHECK(strcmp(cs_zlib_error(z)->message, "invalid window size") == 0);
    cs_zlib_free(z);
    free(d);
    sb_free(&c);
    sb_free(&out);
  }
  cs_zlib_free(NULL);
  CHECK(strcmp(cs_zlib_codename(Z_OK), "Z_OK") == 0);
  CHECK(strcmp(cs_zlib_codename(99), "Z_UNKNOWN_ERROR") == 0);
}

int main(void) {
  test_roundtrips();
  test_node_bytes();
  test_piece_sizes();
  test_errors();
  test_stream_state();
  test_dictionary();
  test_options();
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail == 0 ? 0 : 1;
}
