/*
** test_lines.c - the line splitter (src/cs_lines.c) on its own: readline's
** breaks, whose expected lines come from test/twins/lines/breaks.js (node's
** readline fed the same chunks through a PassThrough), the length bound,
** and the cost of a line that spans many chunks.  Prints "N passed, N failed".
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs_lines.h"

static int npass, nfail;

static int check_(int ok, const char *what, const char *file, int line) {
  if (ok) npass++;
  else { nfail++; printf("%s:%d: FAILED: %s\n", file, line, what); }
  return ok;
}
#define CHECK(c) check_((c) != 0, #c, __FILE__, __LINE__)

/* A counting allocator: every byte given back, and how often it ran. */
static size_t inuse, nalloc;
static void *talloc(void *ud, void *p, size_t osize, size_t nsize) {
  (void)ud;
  inuse -= p ? osize : 0;
  if (nsize == 0) { free(p); return NULL; }
  nalloc++;
  inuse += nsize;
  return realloc(p, nsize);
}

/* Feeds the chunks (NULL-terminated) and writes every line as <line>
** into out; a failure appends !code and stops. */
static void split(size_t max, const char *const *chunks, char *out, size_t outsz) {
  cs_lines l;
  const char *line;
  size_t len;
  int rc = CS_LINES_DONE;
  out[0] = '\0';
  cs_lines_init(&l, max, talloc, NULL);
  for (; *chunks != NULL && rc >= 0; chunks++) {
    cs_lines_scan sc;
    cs_lines_begin(&l, &sc, *chunks, strlen(*chunks));
    while ((rc = cs_lines_next(&l, &sc, &line, &len)) == CS_LINES_LINE)
      snprintf(out + strlen(out), outsz - strlen(out), "<%.*s>", (int)len, line);
  }
  if (rc >= 0 && cs_lines_end(&l, &line, &len) == CS_LINES_LINE)
    snprintf(out + strlen(out), outsz - strlen(out), "<%.*s>", (int)len, line);
  if (rc < 0) snprintf(out + strlen(out), outsz - strlen(out), "!%d", rc);
  cs_lines_free(&l);
  cs_lines_free(&l);   /* idempotent */
}

static void expect_(size_t max, const char *const *chunks, const char *want,
                    const char *name, int at) {
  char got[256];
  split(max, chunks, got, sizeof got);
  if (!check_(strcmp(got, want) == 0, name, __FILE__, at))
    printf("  want: %s\n  got:  %s\n", want, got);
  check_(inuse == 0, "every byte freed", __FILE__, at);
}
#define C(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define EXPECT(name, chunks, want) \
  expect_(CS_LINES_UNBOUNDED, chunks, want, name, __LINE__)
#define EXPECT_MAX(max, chunks, want) expect_((max), chunks, want, #max, __LINE__)

/* Twin breaks.js: each line here is one of its cases, in order. */
static void test_breaks(void) {
  EXPECT("lf", C("a\nb\n"), "<a><b>");
  EXPECT("no_final_break", C("a\nb"), "<a><b>");
  EXPECT("crlf", C("a\r\nb\r\n"), "<a><b>");
  EXPECT("lone_cr", C("a\rb\rc"), "<a><b><c>");
  EXPECT("empty_lines", C("\n\na\n\n"), "<><><a><>");
  EXPECT("cr_then_crlf", C("a\r\r\nb"), "<a><><b>");
  EXPECT("crlf_split", C("a\r", "\nb\r", "\n"), "<a><b>");
  EXPECT("cr_at_end", C("a\r"), "<a>");
  EXPECT("cr_split_then_cr", C("a\r", "\rb"), "<a><><b>");
  EXPECT("cr_split_then_text", C("a\r", "b"), "<a><b>");
  EXPECT("lf_split_alone", C("a", "\n", "b"), "<a><b>");
  EXPECT("line_across_chunks", C("ab", "cd", "ef\ngh", "ij"), "<abcdef><ghij>");
  EXPECT("only_break", C("\n"), "<>");
  EXPECT("only_cr", C("\r"), "<>");
  EXPECT("crlf_crlf", C("\r\n\r\n"), "<><>");
  EXPECT("lfcr", C("a\n\rb"), "<a><><b>");
  EXPECT("utf8_split", C("a\xc3", "\xa9\nb"), "<a\xc3\xa9><b>");
  EXPECT("nothing", ((const char *const[]){ NULL }), "");
  /* readline never sees an empty chunk (a PassThrough drops it): one
  ** between the "\r" and the "\n" keeps them one break. */
  EXPECT("empty-chunk-in-crlf", C("a\r", "", "\nb"), "<a><b>");
  EXPECT("bytes-untouched", C("\x01\xff\n\xfe"), "<\x01\xff><\xfe>");
}

/* A line of exactly max bytes passes; one byte more fails at once, before
** its break, even when it grows a byte at a time across chunks. */
static void test_max(void) {
  EXPECT_MAX(3, C("abc\nde\n"), "<abc><de>");
  EXPECT_MAX(3, C("abc\r\n", "\r\n"), "<abc><>");
  EXPECT_MAX(3, C("ab\nabcd\nx\n"), "<ab>!-2");
  EXPECT_MAX(3, C("a", "b", "c", "d"), "!-2");
  EXPECT_MAX(3, C("a", "b", "c", "\n"), "<abc>");
  EXPECT_MAX(3, C("abc"), "<abc>");
  EXPECT_MAX(0, C("\n\r\n"), "<><>");
  EXPECT_MAX(0, C("\nx"), "<>!-2");
}

/* The failure is reported by the chunk that made the line too long, even
** though no break has come yet. */
static void test_max_reported_early(void) {
  cs_lines l;
  cs_lines_scan sc;
  const char *line;
  size_t len;
  cs_lines_init(&l, 4, talloc, NULL);
  cs_lines_begin(&l, &sc, "ab", 2);
  CHECK(cs_lines_next(&l, &sc, &line, &len) == CS_LINES_DONE);
  cs_lines_begin(&l, &sc, "cde", 3);
  CHECK(cs_lines_next(&l, &sc, &line, &len) == CS_LINES_TOOLONG);
  cs_lines_free(&l);
  CHECK(inuse == 0);
}

/* A line fed one byte at a time: allocations grow with the log of its
** length (the partial line doubles, it is never rescanned or recopied
** whole per chunk), and a line inside one chunk is a view of that chunk. */
static void test_cost(void) {
  enum { N = 1 << 20 };
  cs_lines l;
  cs_lines_scan sc;
  const char *line = NULL;
  size_t len = 0, i;
  int lines = 0;
  static const char text[] = "zzzzzzzzzzzzz\nq";
  nalloc = 0;
  cs_lines_init(&l, CS_LINES_UNBOUNDED, talloc, NULL);
  for (i = 0; i < N; i++) {
    cs_lines_begin(&l, &sc, "x", 1);
    if (cs_lines_next(&l, &sc, &line, &len) != CS_LINES_DONE) lines = -1;
  }
  cs_lines_begin(&l, &sc, "\n", 1);
  CHECK(cs_lines_next(&l, &sc, &line, &len) == CS_LINES_LINE);
  CHECK(len == N && line[0] == 'x' && line[N - 1] == 'x');
  CHECK(nalloc <= 20);
  CHECK(lines == 0);
  cs_lines_begin(&l, &sc, text, sizeof text - 1);
  CHECK(cs_lines_next(&l, &sc, &line, &len) == CS_LINES_LINE);
  CHECK(line == text && len == 13);
  CHECK(cs_lines_next(&l, &sc, &line, &len) == CS_LINES_DONE);
  CHECK(cs_lines_end(&l, &line, &len) == CS_LINES_LINE && len == 1 && *line == 'q');
  CHECK(cs_lines_end(&l, &line, &len) == CS_LINES_DONE);
  cs_lines_free(&l);
  CHECK(inuse == 0);
}

/* Out of memory: the failure is reported, and the splitter goes on. */
static int failnext;
static void *failalloc(void *ud, void *p, size_t osize, size_t nsize) {
  if (nsize > 0 && failnext) { failnext = 0; return NULL; }
  return talloc(ud, p, osize, nsize);
}

static void test_nomem(void) {
  cs_lines l;
  cs_lines_scan sc;
  const char *line;
  size_t len;
  cs_lines_init(&l, CS_LINES_UNBOUNDED, failalloc, NULL);
  failnext = 1;
  cs_lines_begin(&l, &sc, "ab", 2);
  CHECK(cs_lines_next(&l, &sc, &line, &len) == CS_LINES_NOMEM);
  cs_lines_begin(&l, &sc, "cd\n", 3);
  CHECK(cs_lines_next(&l, &sc, &line, &len) == CS_LINES_LINE);
  CHECK(len == 2 && memcmp(line, "cd", 2) == 0);
  cs_lines_free(&l);
  CHECK(inuse == 0);
}

/* The input's lines, whole, as readline's /\r?\n|\r(?!\n)/ splits them
** (the splitter has no clock, so chunk boundaries must not matter), each
** as <line>; a line longer than max ends the output with !-2. */
static void reference(const char *in, size_t n, size_t max, char *out, size_t outsz) {
  size_t i = 0, start = 0;
  out[0] = '\0';
  while (i <= n) {
    int brk = i < n && (in[i] == '\n' || in[i] == '\r');
    if (!brk && i < n) { i++; continue; }
    if (i == n && i == start) break;             /* no last line */
    if (i - start > max) {
      snprintf(out + strlen(out), outsz - strlen(out), "!%d", CS_LINES_TOOLONG);
      return;
    }
    snprintf(out + strlen(out), outsz - strlen(out), "<%.*s>", (int)(i - start), in + start);
    if (i == n) break;
    if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n') i++;
    start = ++i;
  }
}

/* Random inputs over "ab\r\n" cut into random chunks (empty ones too),
** with and without a bound, against the reference. */
static void test_random(void) {
  static const char alpha[] = "ab\r\n";
  unsigned seed = 12345;
  int round, bad = 0;
  for (round = 0; round < 20000 && bad < 3; round++) {
    char in[48], storage[48 + 16], want[1024], got[1024];
    const char *chunks[48 + 2];
    size_t n, i, pos = 0, nc = 0, sp = 0, max;
    seed = seed * 1103515245u + 12345u;
    n = (seed >> 16) % 40;
    for (i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      in[i] = alpha[(seed >> 16) % 4];
    }
    seed = seed * 1103515245u + 12345u;
    max = (seed >> 16) % 3 == 0 ? (seed >> 18) % 6 : CS_LINES_UNBOUNDED;
    while (pos < n || (nc == 0 && n == 0)) {    /* chunks of 0..4 bytes */
      size_t len;
      seed = seed * 1103515245u + 12345u;
      len = (seed >> 16) % 5;
      if (len > n - pos) len = n - pos;
      memcpy(storage + sp, in + pos, len);
      storage[sp + len] = '\0';
      chunks[nc++] = storage + sp;
      sp += len + 1;
      pos += len;
      if (n == 0 || sp + 5 >= sizeof storage) break;
    }
    if (pos < n) continue;                       /* ran out of room: skip */
    chunks[nc] = NULL;
    reference(in, n, max, want, sizeof want);
    split(max, chunks, got, sizeof got);
    if (strcmp(want, got) != 0) {
      bad++;
      printf("random round %d (max %d): want %s got %s\n", round, (int)max, want, got);
    }
  }
  CHECK(bad == 0);
  CHECK(inuse == 0);
}

int main(void) {
  test_breaks();
  test_max();
  test_max_reported_early();
  test_cost();
  test_nomem();
  test_random();
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail != 0;
}
