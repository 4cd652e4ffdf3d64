/*
** test_core.c - unit tests of the pure-C core through the recording fake
** host (test/fake_host.c): the events and user calls of basic Readable,
** Writable, Transform and destroy sequences, compared whole with what Node
** 20 does.  Each test names its Node twin: a JS script doing the same steps
** (a "drain" there is `await new Promise(setImmediate)`), whose log was
** taken from node.  Every test also ends with every ref released and every
** byte the core allocated freed.  Prints "N passed, N failed".
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_host.h"

static int npass, nfail;

static int check_(int ok, const char *what, const char *file, int line) {
  if (ok) npass++;
  else { nfail++; printf("%s:%d: FAILED: %s\n", file, line, what); }
  return ok;
}
#define CHECK(c) check_((c) != 0, #c, __FILE__, __LINE__)

/* The log so far equals 'want'; the log is then cleared. */
static void expect_log_(fh_host *h, const char *want, const char *file, int line) {
  if (!check_(strcmp(fh_log(h), want) == 0, "event log", file, line)) {
    printf("  want: %s\n  got:  %s\n", want, fh_log(h));
  }
  fh_log_clear(h);
}
#define EXPECT_LOG(h, want) expect_log_((h), (want), __FILE__, __LINE__)

static void drain(fh_host *h) { fh_drain(h, 10000); }

/* No invariant broken, every ref and byte released. */
static void finish_(fh_host *h, const char *file, int line) {
  size_t left = fh_close(h, 10000);
  check_(left == 0, "every ref released", file, line);
  if (!check_(h->nfail == 0, "fake host invariants", file, line))
    printf("  %d breach(es), first: %s\n", h->nfail, h->failmsg);
  fh_dispose(h);
}
#define FINISH(h) finish_((h), __FILE__, __LINE__)

static cs_opts opts(void) {
  cs_opts o;
  cs_opts_default(&o);
  return o;
}

/* ---- Readable ----------------------------------------------------------- */

/* twin push_read_end: 'readable' comes twice (push, then push(null));
** read() emits 'data' too; the empty read() ends the stream. */
static void test_push_read_end(void) {
  fh_host h;
  char buf[64];
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  CHECK(fh_push(&h, "ab") == 1);
  CHECK(fh_push(&h, "cd") == 1);
  CHECK(h.s.r.length == 4);
  fh_push(&h, NULL);
  cs_on_readable(&h.s);
  drain(&h);
  EXPECT_LOG(&h, "readable readable");
  CHECK(fh_read(&h, -1, buf, sizeof buf) == 1);
  CHECK(strcmp(buf, "abcd") == 0);
  CHECK(fh_read(&h, -1, buf, sizeof buf) == 0);
  drain(&h);
  EXPECT_LOG(&h, "data:abcd end _destroy() close");
  CHECK(cs_destroyed(&h.s) && cs_closed(&h.s));
  FINISH(&h);
}

/* twin read_n_hwm: read(0) asks _read for highWaterMark bytes, a push past
** it returns false, read(3) cuts across chunks and, the buffer going under
** highWaterMark, asks again. */
static void test_read_n_hwm(void) {
  fh_host h;
  cs_opts o = opts();
  char buf[64];
  o.hwm[0] = 4;
  CHECK(fh_init(&h, CS_K_READABLE, &o) == 0);
  CHECK(fh_read(&h, 0, buf, sizeof buf) == 0);
  EXPECT_LOG(&h, "_read(4)");
  CHECK(fh_push(&h, "ab") == 1);
  CHECK(fh_push(&h, "cd") == 0);
  CHECK(fh_read(&h, 3, buf, sizeof buf) == 1);
  CHECK(strcmp(buf, "abc") == 0);
  CHECK(h.s.r.length == 1);
  EXPECT_LOG(&h, "_read(4) data:abc");
  drain(&h);
  FINISH(&h);
}

/* twin flowing: on('data'); drain; push('x') from outside _read; drain;
** push(null); drain. */
static void test_flowing(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  cs_on_data(&h.s, 0);
  CHECK(cs_flowing(&h.s) == 1);
  drain(&h);
  EXPECT_LOG(&h, "_read(16384) resume");
  fh_push(&h, "x");
  EXPECT_LOG(&h, "data:x");
  drain(&h);
  EXPECT_LOG(&h, "_read(16384)");
  fh_push(&h, NULL);
  drain(&h);
  EXPECT_LOG(&h, "readable end _destroy() close");
  FINISH(&h);
}

/* twin pause_unshift_resume: pause() with data buffered, unshift('>'), a
** 'data' listener (stays paused), resume(): nothing lost, in order. */
static void test_pause_unshift_resume(void) {
  fh_host h;
  cs_chunk c;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  cs_pause(&h.s);
  fh_push(&h, "ab");
  c = fh_str(&h, ">");
  cs_unshift(&h.s, &c, CS_ENC_BUFFER);
  CHECK(h.s.r.length == 3);
  cs_on_data(&h.s, 0);     /* paused explicitly: stays paused */
  CHECK(cs_flowing(&h.s) == 0);
  cs_resume(&h.s);
  drain(&h);
  EXPECT_LOG(&h, "pause _read(16384) resume data:> data:ab");
  FINISH(&h);
}

/* twin readable_destroy_error: push('a'); destroy(boom); push('b') is
** dropped; the scheduled resume still delivers 'a' before 'error'. */
static void test_readable_destroy_error(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  cs_on_data(&h.s, 0);
  fh_push(&h, "a");
  cs_destroy(&h.s, fh_error(&h, "boom"), CS_NOREF);
  CHECK(fh_push(&h, "b") == 0);
  drain(&h);
  EXPECT_LOG(&h, "_destroy(boom) resume data:a error:boom close");
  CHECK(h.s.r.length == 0);
  FINISH(&h);
}

/* twin push_after_eof: push after push(null). */
static void test_push_after_eof(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  fh_push(&h, NULL);
  fh_push(&h, "late");
  drain(&h);
  EXPECT_LOG(&h, "_destroy(ERR_STREAM_PUSH_AFTER_EOF) error:ERR_STREAM_PUSH_AFTER_EOF close");
  FINISH(&h);
}

/* twin setencoding_twice: setEncoding() again leaves the text already
** decoded as it is (Node's decoder.write(string) returns the string); the
** core re-encodes it, doubling it with every call (a fuzzer found this as
** an out-of-memory: cs_readable.c cs_set_encoding). */
static void test_set_encoding_twice(void) {
  fh_host h;
  char buf[64];
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  fh_push(&h, "abc");
  cs_set_encoding(&h.s, CS_ENC_HEX);
  cs_set_encoding(&h.s, CS_ENC_HEX);
  cs_set_encoding(&h.s, CS_ENC_HEX);
  CHECK(fh_read(&h, -1, buf, sizeof buf) == 1);
  if (!CHECK(strcmp(buf, "616263") == 0)) printf("  got: %s\n", buf);
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  FINISH(&h);
}

/* twin setencoding_partial: setEncoding('utf8') with half a character
** buffered keeps it pending; the scratch buffer must go back to the
** allocator with the size it was taken with (lua_Alloc's osize). */
static void test_set_encoding_partial(void) {
  fh_host h;
  char buf[64];
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  fh_push(&h, "\xe2\x82");
  CHECK(cs_set_encoding(&h.s, CS_ENC_UTF8) == 0);
  CHECK(h.s.r.length == 0);
  fh_push(&h, "\xac");
  CHECK(fh_read(&h, -1, buf, sizeof buf) == 1);
  CHECK(strcmp(buf, "\xe2\x82\xac") == 0);
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  FINISH(&h);
}

/* ---- Text: measured in UTF-16 code units; read(n) linear ------------------ */

/* Push bytes through the core and log what push() returned and the length
** after, as "push:1:3". */
static void push_logged(fh_host *h, const char *str) {
  int r = fh_push(h, str);
  fh_logf(h, "push:%d:%zu", r, h->s.r.length);
}

/* Read n (< 0: read()) and log the length after, as "len:2". */
static void read_logged(fh_host *h, double n) {
  fh_read(h, n, NULL, 0);
  fh_logf(h, "len:%zu", h->s.r.length);
}

/* twin text_measure: highWaterMark 2 with setEncoding('utf8'): "€" is one
** code unit, "😀" two; read(n) counts units and hands out whole characters.
** Node's read(1) on "😀x" returns the lone "\ud83d" and leaves length 2;
** the core returns the whole character and leaves 1 (the declared
** difference), which is the one place the twin's log differs. */
static void test_text_measure(void) {
  fh_host h;
  cs_opts o = opts();
  o.hwm[0] = 2;
  CHECK(fh_init(&h, CS_K_READABLE, &o) == 0);
  CHECK(cs_set_encoding(&h.s, CS_ENC_UTF8) == 0);
  push_logged(&h, "\xe2\x82\xac");             /* € */
  push_logged(&h, "\xc3");                     /* half of é: nothing yet */
  push_logged(&h, "\xa9");
  read_logged(&h, 1);
  read_logged(&h, 1);
  EXPECT_LOG(&h, "push:1:1 push:1:1 push:0:2 _read(2) data:\\xe2\\x82\\xac len:1 "
                 "data:\\xc3\\xa9 len:0");
  push_logged(&h, "\xf0\x9f\x98\x80x");        /* 😀x */
  read_logged(&h, 1);
  read_logged(&h, -1);
  /* node: push:0:3 data:\xef\xbf\xbd len:2 _read(2) data:\xef\xbf\xbdx len:0 */
  EXPECT_LOG(&h, "push:0:3 data:\\xf0\\x9f\\x98\\x80 len:1 _read(2) data:x len:0");
  drain(&h);
  FINISH(&h);
}

/* twin text_across: the decoder branch across chunks counts units, leaves
** Node's "" at the front (hands it out in the next read) and overshoots
** where n === buffer.length, all with multi-byte text. */
static void test_text_across(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  CHECK(cs_set_encoding(&h.s, CS_ENC_UTF8) == 0);
  fh_push(&h, "\xc3\xa9");                     /* é */
  fh_push(&h, "\xf0\x9f\x98\x80");             /* 😀 */
  fh_push(&h, "xy");
  read_logged(&h, 3);
  read_logged(&h, 1);
  read_logged(&h, 1);
  EXPECT_LOG(&h, "_read(16384) data:\\xc3\\xa9\\xf0\\x9f\\x98\\x80 len:2 data:x len:1 "
                 "data:y len:0");
  fh_push(&h, "\xc3\xa9");
  fh_push(&h, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
  fh_push(&h, "gh");
  read_logged(&h, 4);                          /* n === buffer.length */
  read_logged(&h, -1);
  EXPECT_LOG(&h, "_read(16384) data:\\xc3\\xa9\\xe2\\x82\\xac\\xe2\\x82\\xac\\xe2\\x82\\xac len:2 "
                 "data:gh len:0");
  drain(&h);
  FINISH(&h);
}

/* read([n]) as the Lua binding reads: cs_read_begin, the value made by
** the host outside the core, cs_read_commit.  'between' (when set) runs
** once the value is made, as a finalizer the allocation ran could; with
** 'fail_make' the host cannot make it and leaves the read there (a memory
** error raised from read()). */
static void (*between)(fh_host *h);
static int fail_make;
static int read2(fh_host *h, double n, char *buf, size_t cap) {
  cs_chunk c, made;
  cs_readplan rp;
  int got = cs_read_begin(&h->s, n >= 0 || n != n, n, &c, &rp);
  if (buf && cap) buf[0] = '\0';
  if (got == CS_READ_MAKE) {
    if (fail_make) { fh_check(h); return -1; }
    made = fh_bytes(h, rp.p, rp.len);
    if (between) between(h);
    got = cs_read_commit(&h->s, &rp, &made, &c);
  }
  CHECK(got == 0 || got == 1);
  if (got) {
    if (buf && cap && c.len) {
      size_t k = c.len < cap - 1 ? c.len : cap - 1;
      memcpy(buf, c.p, k);
      buf[k] = '\0';
    }
    fh_unref(h, c.ref);
  }
  fh_check(h);
  return got;
}

/* Work per read(n) must not grow with what is buffered (issue 12, W7): the
** core counts the chunks from_list looks at (s->r.visits), and the fake
** host the largest scratch asked for.  No twin: this counts work. */
static void read_work(size_t total, size_t chunk, int text, size_t reads,
                      size_t *maxvisits, size_t *maxscratch, int two_step) {
  fh_host h;
  size_t i, before;
  char *blk = (char *)malloc(chunk);
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  for (i = 0; i < chunk; i++) blk[i] = (char)('a' + i % 26);
  if (text) {                                  /* an é every 64 bytes */
    for (i = 0; i + 2 <= chunk; i += 64) { blk[i] = '\xc3'; blk[i + 1] = '\xa9'; }
    CHECK(cs_set_encoding(&h.s, CS_ENC_UTF8) == 0);
  }
  for (i = 0; i < total / chunk; i++) {
    cs_chunk c = fh_bytes(&h, blk, chunk);
    cs_push(&h.s, &c, CS_ENC_BUFFER);
  }
  *maxvisits = 0;
  h.scratch_max = 0;                           /* count read()'s scratch only */
  for (i = 0; i < reads; i++) {
    before = h.s.r.visits;
    CHECK((two_step ? read2(&h, 1000, NULL, 0) : fh_read(&h, 1000, NULL, 0)) == 1);
    if (h.s.r.visits - before > *maxvisits) *maxvisits = h.s.r.visits - before;
  }
  *maxscratch = h.scratch_max;
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  FINISH(&h);
  free(blk);
}

static void test_read_n_work(void) {
  size_t v4, v64, s4, s64;
  int two;
  for (two = 0; two < 2; two++) {              /* cs_read, then in two steps */
    read_work((size_t)4 << 20, 4096, 0, 200, &v4, &s4, two);
    read_work((size_t)64 << 20, 4096, 0, 200, &v64, &s64, two);
    if (!CHECK(v4 == v64 && v64 <= 8)) printf("  visits per read: %zu, %zu\n", v4, v64);
    if (!CHECK(s4 == s64 && s64 <= 1000)) printf("  scratch: %zu, %zu\n", s4, s64);
    /* text: 1000 code units at a time, through the decoder branch */
    read_work((size_t)1 << 20, 4096, 1, 200, &v4, &s4, two);
    read_work((size_t)16 << 20, 4096, 1, 200, &v64, &s64, two);
    if (!CHECK(v4 == v64 && v64 <= 8)) printf("  text visits per read: %zu, %zu\n", v4, v64);
    if (!CHECK(s4 == s64 && s64 <= 2000)) printf("  text scratch: %zu, %zu\n", s4, s64);
  }
}

/* A Lua allocation may run a finalizer that calls s:read() or s:unshift():
** the fake host re-enters at every scratch (before it returns) and
** newbytes (after its copy).  No buffer state computed before either may be
** applied after it; the host's invariants (views inside their bytes,
** lengths equal to the buffer) are checked at every entry.  No twin: Node
** has no finalizers in fromList. */
static int reenter_what;   /* 1: unshift "XY", 2: read(2), 3: read() */
static int reenter_left;
static cs_ref reenter(fh_host *h, int where, int arg) {
  char buf[64];
  (void)arg;
  if (where != FH_AT_ALLOC || reenter_left == 0) return CS_NOREF;
  reenter_left--;
  fh_logf(h, "{gc}");
  if (reenter_what == 1) {
    cs_chunk c = fh_str(h, "XY");
    cs_unshift(&h->s, &c, CS_ENC_BUFFER);
  } else {
    cs_chunk out;
    if (cs_read(&h->s, 1, reenter_what == 2 ? 2 : NAN, &out)) {
      size_t k = out.len < sizeof buf - 1 ? out.len : sizeof buf - 1;
      memcpy(buf, out.p, k);
      buf[k] = '\0';
      fh_logf(h, "{got:%s}", buf);
      fh_unref(h, out.ref);
    }
  }
  return CS_NOREF;
}

static void reentry_case(int text, int what, int left, double n, const char *want) {
  fh_host h;
  char buf[64];
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  if (text) CHECK(cs_set_encoding(&h.s, CS_ENC_UTF8) == 0);
  fh_push(&h, "abc");
  fh_push(&h, "def");
  fh_push(&h, "ghi");
  fh_log_clear(&h);
  h.react = reenter;
  h.react_alloc = 1;
  reenter_what = what;
  reenter_left = left;
  fh_read(&h, n, buf, sizeof buf);
  fh_logf(&h, "out:%s len:%zu", buf, h.s.r.length);
  h.react = NULL;
  EXPECT_LOG(&h, want);
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  FINISH(&h);
}

static void test_reentry_from_list(void) {
  /* scratch re-entered: the plan is made again on what is buffered then */
  reentry_case(0, 1, 1, 4, "_read(16384) {gc} data:XYab out:XYab len:7");
  reentry_case(1, 1, 1, 4, "_read(16384) {gc} data:XYab out:XYab len:7");
  reentry_case(0, 2, 1, 5, "_read(16384) {gc} data:ab {got:ab} data:cdefg out:cdefg len:2");
  /* a read() of everything inside scratch: nothing left to read */
  reentry_case(0, 3, 1, 4, "_read(16384) {gc} data:abcdefghi {got:abcdefghi} out: len:0");
  /* newbytes re-entered after its copy: the slice is already taken */
  reentry_case(0, 1, 2, 2, "_read(16384) {gc} data:ab out:ab len:9");
  /* two levels: a read inside newbytes, and one inside its scratch */
  reentry_case(1, 2, 2, 2, "_read(16384) {gc} {gc} data:cd {got:cd} data:ef {got:ef} "
                           "data:ab out:ab len:3");
}

/* read(n) in two steps gives what cs_read gives: the same pieces, events
** and lengths, text included. */
static void two_step_case(int text, int two, const char *want) {
  fh_host h;
  char buf[64];
  static const double ns[] = { 2, 5, 1, 3, 100 };
  size_t i;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  if (text) CHECK(cs_set_encoding(&h.s, CS_ENC_UTF8) == 0);
  fh_push(&h, "abc");
  fh_push(&h, text ? "d\xc3\xa9" "f" : "def");
  fh_push(&h, "ghi");
  fh_log_clear(&h);
  for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
    if (two) read2(&h, ns[i], buf, sizeof buf);
    else fh_read(&h, ns[i], buf, sizeof buf);
    fh_logf(&h, "out:%s len:%zu", buf, h.s.r.length);
  }
  EXPECT_LOG(&h, want);
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  FINISH(&h);
}

/* What a finalizer run by the value's allocation does between the steps. */
static int between_what;   /* 1: unshift "XY", 2: read(2), 3: read() */
static void between_run(fh_host *h) {
  char buf[64];
  fh_logf(h, "{gc}");
  if (between_what == 1) {
    cs_chunk c = fh_str(h, "XY");
    cs_unshift(&h->s, &c, CS_ENC_BUFFER);
  } else if (fh_read(h, between_what == 2 ? 2 : NAN, buf, sizeof buf)) {
    fh_logf(h, "{got:%s}", buf);
  }
}

static void between_case(int text, int what, double n, const char *want) {
  fh_host h;
  char buf[64];
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  if (text) CHECK(cs_set_encoding(&h.s, CS_ENC_UTF8) == 0);
  fh_push(&h, "abc");
  fh_push(&h, "def");
  fh_push(&h, "ghi");
  fh_log_clear(&h);
  between = between_run;
  between_what = what;
  read2(&h, n, buf, sizeof buf);
  between = NULL;
  fh_logf(&h, "out:%s len:%zu", buf, h.s.r.length);
  EXPECT_LOG(&h, want);
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  FINISH(&h);
}

static void test_read_two_steps(void) {
  /* read(3) with 1 buffered, not ended: nil, as Node's */
  const char *bytes = "_read(16384) data:ab out:ab len:7 data:cdefg out:cdefg len:2 "
                      "data:h out:h len:1 out: len:1 out: len:1";
  const char *text = "_read(16384) data:ab out:ab len:7 data:cd\\xc3\\xa9fg "
                     "out:cd\xc3\xa9" "fg len:2 data:h out:h len:1 out: len:1 out: len:1";
  two_step_case(0, 0, bytes);
  two_step_case(0, 1, bytes);
  two_step_case(1, 0, text);
  two_step_case(1, 1, text);
  /* the buffer changed between the steps: read again, what is there now */
  between_case(0, 1, 4, "_read(16384) {gc} data:XYab out:XYab len:7");
  between_case(1, 1, 4, "_read(16384) {gc} data:XYab out:XYab len:7");
  between_case(0, 2, 5, "_read(16384) {gc} data:ab {got:ab} data:cdefg out:cdefg len:2");
  between_case(0, 2, 2, "_read(16384) {gc} data:ab {got:ab} data:cd out:cd len:5");
  between_case(0, 3, 4, "_read(16384) {gc} data:abcdefghi {got:abcdefghi} out: len:0");
  {
    /* the value could not be made: nothing was taken off */
    fh_host h;
    char buf[64];
    CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
    fh_push(&h, "abc");
    fh_push(&h, "def");
    fail_make = 1;
    CHECK(read2(&h, 4, buf, sizeof buf) == -1);
    CHECK(read2(&h, 2, buf, sizeof buf) == -1);
    fail_make = 0;
    CHECK(h.s.r.length == 6);
    CHECK(read2(&h, 4, buf, sizeof buf) == 1 && strcmp(buf, "abcd") == 0);
    CHECK(read2(&h, 2, buf, sizeof buf) == 1 && strcmp(buf, "ef") == 0);
    cs_destroy(&h.s, CS_NOREF, CS_NOREF);
    FINISH(&h);
  }
}

/* The fake host itself: a ref the core never got back, or a leaked byte,
** is reported (so FINISH can fail). */
static void test_fake_host_catches_leaks(void) {
  fh_host h;
  cs_chunk c;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  c = fh_str(&h, "kept by nobody");
  (void)c;
  CHECK(fh_close(&h, 100) == 1);
  CHECK(h.nfail == 1);
  fh_dispose(&h);
}

/* ---- Writable ---------------------------------------------------------- */

/* twin write_finish: write('a', cb1) write('b', cb2) write('c') end(cb3),
** each _write called back later: the next _write starts before the
** previous callback runs; 'prefinish' comes with the last callback. */
static void test_write_finish(void) {
  fh_host h;
  cs_ref cb3;
  CHECK(fh_init(&h, CS_K_WRITABLE, NULL) == 0);
  CHECK(fh_write(&h, "a", 1) == 1);
  CHECK(fh_write(&h, "b", 1) == 1);
  CHECK(fh_write(&h, "c", 0) == 1);
  CHECK(h.s.w.length == 3);
  cb3 = fh_cb(&h);
  cs_end(&h.s, NULL, CS_ENC_BUFFER, cb3);
  CHECK(!cs_writable(&h.s));
  EXPECT_LOG(&h, "_write:a");
  fh_write_done(&h, NULL);
  fh_write_done(&h, NULL);
  fh_write_done(&h, NULL);
  CHECK(h.s.w.length == 0);
  EXPECT_LOG(&h, "_write:b cb1() _write:c cb2() prefinish");
  drain(&h);
  EXPECT_LOG(&h, "cb3() finish _destroy() close");
  CHECK((h.s.w.f & CS_W_FINISHED) != 0);
  FINISH(&h);
}

/* twin sync_batching: a _write that calls back synchronously; the three
** writes share one callback function, whose calls are batched into one
** tick (afterWriteTickInfo); the length never reaches highWaterMark. */
static cs_ref sync_write(fh_host *h, int where, int arg) {
  (void)arg;
  if (where == FH_AT_WRITE) fh_write_done(h, NULL);
  return CS_NOREF;
}

static void test_sync_write_batching(void) {
  fh_host h;
  cs_opts o = opts();
  cs_ref cb;
  int i;
  o.hwm[1] = 2;
  CHECK(fh_init(&h, CS_K_WRITABLE, &o) == 0);
  h.react = sync_write;
  cb = fh_cb_shared(&h);
  for (i = 0; i < 3; i++) {
    cs_chunk c = fh_str(&h, "ab");
    CHECK(cs_write(&h.s, &c, CS_ENC_BUFFER, h.vt.dup(&h.s, cb), NULL) == 1);
  }
  fh_unref(&h, cb);
  CHECK(!cs_need_drain(&h.s));
  EXPECT_LOG(&h, "_write:ab _write:ab _write:ab");
  CHECK(fh_pending(&h) == 1);
  h.react = NULL;
  fh_tick(&h);
  EXPECT_LOG(&h, "cb1() cb1() cb1()");
  FINISH(&h);
}

/* twin async_drain: hwm 2, 'ab' then 'c' while the first is in flight:
** both writes return false; 'drain' comes before the last callback. */
static void test_async_drain(void) {
  fh_host h;
  cs_opts o = opts();
  o.hwm[1] = 2;
  CHECK(fh_init(&h, CS_K_WRITABLE, &o) == 0);
  CHECK(fh_write(&h, "ab", 1) == 0);
  CHECK(fh_write(&h, "c", 1) == 0);
  CHECK(cs_need_drain(&h.s));
  EXPECT_LOG(&h, "_write:ab");
  fh_write_done(&h, NULL);
  EXPECT_LOG(&h, "_write:c cb1()");
  fh_write_done(&h, NULL);
  EXPECT_LOG(&h, "drain cb2()");
  drain(&h);
  EXPECT_LOG(&h, "");
  FINISH(&h);
}

/* twin cork_writev: cork(); write a, b, c; uncork() with _writev: one
** _writev of [a, b, c]; its callback calls each write's callback in order. */
static void test_cork_writev(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_WRITABLE, NULL) == 0);
  h.has_writev = 1;
  cs_cork(&h.s);
  fh_write(&h, "a", 1);
  fh_write(&h, "b", 1);
  fh_write(&h, "c", 1);
  CHECK(h.s.w.buffered.n == 3);
  cs_uncork(&h.s);
  EXPECT_LOG(&h, "_writev:a|b|c");
  fh_write_done(&h, NULL);
  EXPECT_LOG(&h, "cb1() cb2() cb3()");
  CHECK(h.s.w.length == 0);
  FINISH(&h);
}

/* twin writable_destroy_error: write('a', cb1) in flight, write('b', cb2)
** buffered, end(cb3), destroy(boom): 'error' and 'close' first; when _write
** calls back late, cb1 succeeds and the buffered callbacks get the error;
** a write after that is a write after end. */
static void test_writable_destroy_error(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_WRITABLE, NULL) == 0);
  fh_write(&h, "a", 1);
  fh_write(&h, "b", 1);
  cs_end(&h.s, NULL, CS_ENC_BUFFER, fh_cb(&h));
  cs_destroy(&h.s, fh_error(&h, "boom"), CS_NOREF);
  drain(&h);
  EXPECT_LOG(&h, "_write:a _destroy(boom) error:boom close");
  CHECK(cs_destroyed(&h.s));
  fh_write_done(&h, NULL);
  EXPECT_LOG(&h, "cb1() cb2(boom) cb3(boom)");
  CHECK(fh_write(&h, "c", 1) == -1);
  drain(&h);
  EXPECT_LOG(&h, "cb4(ERR_STREAM_WRITE_AFTER_END)");
  FINISH(&h);
}

/* twin write_error: _write calls back with an error: 'finish' never comes. */
static void test_write_error(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_WRITABLE, NULL) == 0);
  fh_write(&h, "a", 1);
  cs_end(&h.s, NULL, CS_ENC_BUFFER, CS_NOREF);
  fh_write_done(&h, "boom");
  drain(&h);
  EXPECT_LOG(&h, "_write:a cb1(boom) _destroy(boom) error:boom close");
  CHECK(h.ev_count[CS_EV_FINISH] == 0);
  FINISH(&h);
}

/* twin multiple_callback: the _write callback called twice. */
static void test_multiple_callback(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_WRITABLE, NULL) == 0);
  fh_write(&h, "a", 0);
  fh_write_done(&h, NULL);
  fh_write_done(&h, NULL);
  drain(&h);
  EXPECT_LOG(&h, "_write:a _destroy(ERR_MULTIPLE_CALLBACK) error:ERR_MULTIPLE_CALLBACK close");
  FINISH(&h);
}

/* twin final: write, end('z') with _final pending, then its callback. */
static void test_final(void) {
  fh_host h;
  cs_chunk z;
  CHECK(fh_init(&h, CS_K_WRITABLE, NULL) == 0);
  h.has_final = 1;
  fh_write(&h, "a", 0);
  z = fh_str(&h, "z");
  cs_end(&h.s, &z, CS_ENC_BUFFER, CS_NOREF);
  fh_write_done(&h, NULL);
  fh_write_done(&h, NULL);
  drain(&h);
  EXPECT_LOG(&h, "_write:a _write:z _final");
  fh_final_done(&h, NULL);
  drain(&h);
  EXPECT_LOG(&h, "prefinish finish _destroy() close");
  FINISH(&h);
}

/* ---- construct, destroy ----------------------------------------------------- */

/* twin construct: _construct pending; write('a') and read(0) wait for it. */
static void test_construct(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_READABLE | CS_K_WRITABLE, NULL) == 0);
  cs_construct(&h.s);
  drain(&h);
  EXPECT_LOG(&h, "_construct");
  fh_write(&h, "a", 0);
  fh_read(&h, 0, NULL, 0);
  EXPECT_LOG(&h, "");
  fh_construct_done(&h, NULL);
  drain(&h);
  EXPECT_LOG(&h, "_write:a _read(16384)");
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  drain(&h);
  EXPECT_LOG(&h, "_destroy() close");
  FINISH(&h);
}

/* twin destroy_async_cb: destroy(boom, cb) with an asynchronous _destroy
** and a second destroy() meanwhile: _destroy runs once. */
static void test_destroy_async_cb(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  h.destroy_async = 1;
  cs_destroy(&h.s, fh_error(&h, "boom"), fh_cb(&h));
  cs_destroy(&h.s, CS_NOREF, CS_NOREF);
  drain(&h);
  EXPECT_LOG(&h, "_destroy(boom)");
  fh_destroy_done(&h, NULL);
  drain(&h);
  EXPECT_LOG(&h, "cb1(boom) error:boom close");
  FINISH(&h);
}

/* twin destroy_in_read: push('x'), destroy(), push('y') inside _read of a
** flowing stream: 'x' still flows before 'close', 'y' is dropped. */
static cs_ref destroy_in_read(fh_host *h, int where, int arg) {
  (void)arg;
  if (where == FH_AT_READ) {
    fh_push(h, "x");
    cs_destroy(&h->s, CS_NOREF, CS_NOREF);
    fh_push(h, "y");
  }
  return CS_NOREF;
}

static void test_destroy_in_read(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_READABLE, NULL) == 0);
  h.react = destroy_in_read;
  cs_on_data(&h.s, 0);
  drain(&h);
  EXPECT_LOG(&h, "_read(16384) _destroy() resume data:x close");
  FINISH(&h);
}

/* ---- Transform ---------------------------------------------------------------- */

/* twin transform: _transform called back later with new data, then end()
** and _flush pushing a tail: 'end' before 'finish', as in Node 20. */
static void test_transform(void) {
  fh_host h;
  cs_chunk d;
  CHECK(fh_init(&h, CS_K_READABLE | CS_K_WRITABLE | CS_K_TRANSFORM, NULL) == 0);
  h.has_flush = 1;
  cs_on_data(&h.s, 0);
  drain(&h);
  EXPECT_LOG(&h, "resume");
  fh_write(&h, "ab", 1);
  EXPECT_LOG(&h, "_transform:ab");
  d = fh_str(&h, "AB");
  cs_ontransform(&h.s, CS_NOREF, &d, CS_ENC_BUFFER);
  drain(&h);
  EXPECT_LOG(&h, "data:AB cb1()");
  cs_end(&h.s, NULL, CS_ENC_BUFFER, CS_NOREF);
  EXPECT_LOG(&h, "_flush");
  d = fh_str(&h, "!");
  cs_onflush(&h.s, CS_NOREF, &d, CS_ENC_BUFFER);
  drain(&h);
  EXPECT_LOG(&h, "data:! readable prefinish end finish _destroy() close");
  FINISH(&h);
}

/* twin passthrough: bytes in, the same bytes out (never leaving C). */
static void test_passthrough(void) {
  fh_host h;
  char buf[64];
  CHECK(fh_init(&h, CS_K_READABLE | CS_K_WRITABLE | CS_K_TRANSFORM |
                    CS_K_PASSTHROUGH, NULL) == 0);
  fh_write(&h, "hello ", 1);
  fh_write(&h, "world", 1);
  cs_end(&h.s, NULL, CS_ENC_BUFFER, CS_NOREF);
  drain(&h);
  EXPECT_LOG(&h, "readable prefinish cb1() cb2() finish");
  CHECK(fh_read(&h, -1, buf, sizeof buf) == 1);
  CHECK(strcmp(buf, "hello world") == 0);
  CHECK(fh_read(&h, -1, NULL, 0) == 0);
  drain(&h);
  EXPECT_LOG(&h, "data:hello world end _destroy() close");
  FINISH(&h);
}

/* twin passthrough_flowing: a PassThrough flowing with nothing buffered hands
** a write straight to 'data' (cs_write's pass_through); a write from inside
** that emit is buffered behind it and goes out when the first completes, and
** a destroy() from inside it leaves the write's callback to the error path. */
static cs_ref pt_listener(fh_host *h, int where, int arg) {
  int *n = (int *)h->ud;
  (void)arg;
  if (where == FH_AT_EVENT + CS_EV_DATA) {
    ++*n;
    if (*n == 1) fh_logf(h, "w:%d", fh_write(h, "b", 1));
    else if (*n == 3) cs_destroy(&h->s, CS_NOREF, CS_NOREF);
  }
  return CS_NOREF;
}

static void test_passthrough_flowing(void) {
  fh_host h;
  int n = 0;
  CHECK(fh_init(&h, CS_K_READABLE | CS_K_WRITABLE | CS_K_TRANSFORM |
                    CS_K_PASSTHROUGH, NULL) == 0);
  h.ud = &n;
  h.react = pt_listener;
  cs_on_data(&h.s, 0);
  drain(&h);
  EXPECT_LOG(&h, "resume");
  fh_logf(&h, "w:%d", fh_write(&h, "a", 1));
  EXPECT_LOG(&h, "data:a w:1 data:b w:1");
  drain(&h);
  EXPECT_LOG(&h, "cb2() cb1()");
  fh_logf(&h, "w:%d", fh_write(&h, "c", 1));
  EXPECT_LOG(&h, "data:c _destroy() w:0");
  drain(&h);
  EXPECT_LOG(&h, "close cb3()");
  h.react = NULL;
  FINISH(&h);
}

/* twin transform_sync: a Transform's _transform calling back at once with
** one chunk (cs_write's direct_write, then the callback's push): the chunk
** counts in writableLength during the call, a write from inside it is
** buffered and transformed when the first completes, and a destroy() from
** inside it drops the push and leaves the write's callback to the error
** path. */
static cs_ref ts_transform(fh_host *h, int where, int arg) {
  int *n = (int *)h->ud;
  cs_chunk d;
  char up[2];
  (void)arg;
  if (where != FH_AT_TRANSFORM) return CS_NOREF;
  ++*n;
  fh_logf(h, "wl:%zu", h->s.w.length);
  if (*n == 1) fh_logf(h, "w:%d", fh_write(h, "b", 1));
  else if (*n == 3) cs_destroy(&h->s, CS_NOREF, CS_NOREF);
  up[0] = "ABC"[*n - 1];
  up[1] = '\0';
  d = fh_str(h, up);
  if (h->writes_out > 0) h->writes_out--;
  cs_ontransform(&h->s, CS_NOREF, &d, CS_ENC_BUFFER);
  return CS_NOREF;
}

static void test_transform_sync(void) {
  fh_host h;
  int n = 0;
  CHECK(fh_init(&h, CS_K_READABLE | CS_K_WRITABLE | CS_K_TRANSFORM, NULL) == 0);
  h.ud = &n;
  h.react = ts_transform;
  cs_on_data(&h.s, 0);
  drain(&h);
  EXPECT_LOG(&h, "resume");
  fh_logf(&h, "w:%d", fh_write(&h, "a", 1));
  EXPECT_LOG(&h, "_transform:a wl:1 w:1 data:A _transform:b wl:1 data:B w:1");
  drain(&h);
  EXPECT_LOG(&h, "cb2() cb1()");
  fh_logf(&h, "w:%d", fh_write(&h, "c", 1));
  EXPECT_LOG(&h, "_transform:c wl:1 _destroy() w:0");
  drain(&h);
  EXPECT_LOG(&h, "close cb3()");
  h.react = NULL;
  FINISH(&h);
}

/* ---- out of memory ---------------------------------------------------------- */

/* Every allocation the core makes in a push/read/write/end sequence fails
** once in turn: never a crash, a breach or a leak. */
static void oom_run(size_t fail_at, int *more) {
  fh_host h;
  char buf[16];
  cs_opts o = opts();
  o.encoding = CS_ENC_HEX;
  if (fh_init(&h, CS_K_READABLE | CS_K_WRITABLE, &o) != 0) {
    cs_free(&h.s);
    fh_dispose(&h);
    return;
  }
  h.fail_at = fail_at;
  h.has_writev = 1;
  fh_push(&h, "ab");
  fh_push(&h, "cd");
  fh_read(&h, 3, buf, sizeof buf);
  cs_cork(&h.s);
  fh_write(&h, "x", 1);
  fh_write(&h, "y", 1);
  cs_uncork(&h.s);
  fh_write_done(&h, NULL);
  cs_end(&h.s, NULL, CS_ENC_BUFFER, fh_cb(&h));
  fh_push(&h, NULL);
  drain(&h);
  if (h.nallocs < fail_at) *more = 0;   /* this run never hit it */
  fh_close(&h, 10000);
  if (h.nfail) printf("  fail_at %zu: %s\n", fail_at, h.failmsg);
  CHECK(h.nfail == 0 && h.live == 0);
  fh_dispose(&h);
}

/* end(cb) when the array of end callbacks cannot grow: the callback is not
** dropped but called with ENOMEM, and the stream errors with it. */
static void test_end_cb_oom(void) {
  fh_host h;
  CHECK(fh_init(&h, CS_K_WRITABLE, NULL) == 0);
  fh_write(&h, "a", 0);
  EXPECT_LOG(&h, "_write:a");
  h.fail_at = h.nallocs + 1;
  cs_end(&h.s, NULL, CS_ENC_BUFFER, fh_cb(&h));
  h.fail_at = 0;
  drain(&h);
  EXPECT_LOG(&h, "_destroy(ENOMEM) error:ENOMEM close cb1(ENOMEM)");
  fh_write_done(&h, NULL);
  drain(&h);
  FINISH(&h);
}

static void test_oom(void) {
  size_t k;
  int more = 1;
  for (k = 1; more && k < 64; k++) oom_run(k, &more);
}

int main(void) {
  test_push_read_end();
  test_read_n_hwm();
  test_flowing();
  test_pause_unshift_resume();
  test_readable_destroy_error();
  test_push_after_eof();
  test_set_encoding_twice();
  test_set_encoding_partial();
  test_text_measure();
  test_text_across();
  test_read_n_work();
  test_reentry_from_list();
  test_read_two_steps();
  test_fake_host_catches_leaks();
  test_write_finish();
  test_sync_write_batching();
  test_async_drain();
  test_cork_writev();
  test_writable_destroy_error();
  test_write_error();
  test_multiple_callback();
  test_final();
  test_construct();
  test_destroy_async_cb();
  test_destroy_in_read();
  test_transform();
  test_passthrough();
  test_passthrough_flowing();
  test_transform_sync();
  test_oom();
  test_end_cb_oom();
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail != 0;
}
