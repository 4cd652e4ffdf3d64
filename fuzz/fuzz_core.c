/*
** fuzz_core.c - libFuzzer harness for the pure-C core: the input is decoded
** into the options of one stream and a sequence of operations on it (push,
** read, unshift, write, end, cork, destroy, pause, listeners, the callbacks
** handed to user code, running ticks), run against the recording fake host
** of test/fake_host.c.  User code "reacts" too: each _read/_write/.../event
** takes a byte deciding whether it raises, calls back synchronously or runs
** another operation re-entrantly (3 levels deep at most); with a header bit
** so do newbytes and scratch, as a Lua allocation running a finalizer would.
**   clang -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -Itest \
**     src/cs_*.c test/fake_host.c fuzz/fuzz_core.c -lz -o build/fuzz/fuzz_core
** The fake host checks, at every entry: refs are live when used and
** released once, chunk views lie inside their ref's bytes, lengths match
** the buffers and never wrap, no event after 'close' (but Node's
** 'pause'/'resume'), 'end'/'finish'/'error'/'close' at most once, 'finish'
** only after every accepted write's callback, no callback called twice.
** At the end the tick queue must settle, and after cs_free every ref and
** every byte the core allocated must be released.  Header bytes may also
** make one allocation fail.  -DCS_FUZZ_MAIN replays files, and with
** FUZZ_CORE_LOG=1 in the environment prints the event log.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_host.h"

#define MAX_DEPTH 3
#define MAX_TICKS 200000

typedef struct drv {
  const uint8_t *p, *end;
  int depth;
  int objval;           /* next object-mode value */
  int verbose;
} drv;

static drv D;

static unsigned next(void) { return D.p < D.end ? *D.p++ : 0; }

static void breach(fh_host *h, const char *msg) {
  fprintf(stderr, "fuzz_core: invariant broken: %s\n", msg);
  if (D.verbose) fprintf(stderr, "log: %s\n", fh_log(h));
  abort();
}

static const double hwms[8] = { -1, 0, 1, 2, 4, 16, 64, 16384 };
static const int encs[4] = { CS_ENC_BUFFER, CS_ENC_UTF8, CS_ENC_HEX, CS_ENC_LATIN1 };

/* A chunk for side 'objmode': bytes taken from the input, or an object;
** borrowed (valid for the one call) or owned by the core. */
static cs_chunk mkchunk(fh_host *h, int objmode, int borrowed) {
  if (objmode) {
    int v = ++D.objval;
    return borrowed ? fh_borrow_obj(h, v) : fh_obj(h, v);
  } else {
    char buf[16];
    size_t n = next() % 9, i;
    for (i = 0; i < n; i++) {
      unsigned b = next();
      buf[i] = (char)(b ? (int)b : 'a' + (int)i);
    }
    return borrowed ? fh_borrow(h, buf, n) : fh_bytes(h, buf, n);
  }
}

static cs_ref mkerr(fh_host *h) { return fh_error(h, "boom"); }

static int R(fh_host *h) { return (h->s.kind & CS_K_READABLE) != 0; }
static int W(fh_host *h) { return (h->s.kind & CS_K_WRITABLE) != 0; }
static int TR(fh_host *h) { return (h->s.kind & CS_K_TRANSFORM) != 0; }

/* One operation, decoded from the input. */
static void op(fh_host *h) {
  cs_stream *s = &h->s;
  unsigned o = next() % 26, a;
  if (D.verbose) fh_logf(h, "{op%u}", o);
  switch (o) {
    case 0: case 1: case 2: {            /* push, unshift, push(null) */
      cs_chunk c;
      int b, enc;
      if (!R(h)) break;
      if (o == 2) { cs_push_eof(s); break; }
      a = next();
      b = (a & 1) != 0;
      enc = encs[(a >> 1) & 3];
      if (a & 8) enc |= CS_ENC_APART;    /* the name spelled another way */
      c = mkchunk(h, (s->r.f & CS_OBJECT_MODE) != 0, b);
      if (o == 0) cs_push(s, &c, enc); else cs_unshift(s, &c, enc);
      if (b) fh_unborrow(h, c.ref);
      break;
    }
    case 3: {                            /* read([n]) */
      cs_chunk out;
      static const double ns[8] = { 0, 1, 2, 3, 7, 100, CS_MAX_HWM, -1 };
      a = next();
      if (!R(h)) break;
      if ((a & 3) == 0) {
        if (cs_read(s, 0, 0, &out)) fh_unref(h, out.ref);
      } else {
        double n = (a & 3) == 1 ? NAN : ns[(a >> 2) & 7];
        if (a & 32) {                    /* in two steps, as the binding reads */
          cs_readplan rp;
          int got = cs_read_begin(s, 1, n, &out, &rp);
          if (got == CS_READ_MAKE && !(a & 64)) {  /* 64: the value failed */
            cs_chunk made = fh_bytes(h, rp.p, rp.len);
            got = cs_read_commit(s, &rp, &made, &out);
          }
          if (got == 1) fh_unref(h, out.ref);
        } else if (cs_read(s, 1, n, &out)) {
          fh_unref(h, out.ref);
        }
      }
      break;
    }
    case 4: case 5: {                    /* write(chunk[, enc][, cb]), end */
      cs_chunk c;
      cs_ref cb;
      int b, enc, id, r;
      if (!W(h)) break;
      a = next();
      b = (a & 1) != 0;
      enc = (a & 8) ? -1 : encs[(a >> 1) & 3];
      cb = (a & 16) ? fh_cb(h) : CS_NOREF;
      id = h->ncb;
      if (o == 4 || (a & 32)) c = mkchunk(h, (s->w.f & CS_OBJECT_MODE) != 0, b);
      else c.ref = CS_NOREF;
      if (o == 4) {
        r = cs_write(s, &c, enc, cb, NULL);
        if (cb != CS_NOREF && r >= 0) h->cb_state[id] |= 1;
      } else {
        cs_end(s, (a & 32) ? &c : NULL, enc, cb);
      }
      if (b) fh_unborrow(h, c.ref);
      break;
    }
    case 6: if (W(h)) cs_cork(s); break;
    case 7: if (W(h)) cs_uncork(s); break;
    case 8:                              /* destroy([err][, cb]) */
      a = next();
      cs_destroy(s, (a & 1) ? mkerr(h) : CS_NOREF, (a & 2) ? fh_cb(h) : CS_NOREF);
      break;
    case 9: if (R(h)) cs_pause(s); break;
    case 10: if (R(h)) cs_resume(s); break;
    case 11: if (R(h)) cs_on_data(s, h->readable_listeners); break;
    case 12: if (R(h)) { h->readable_listeners = 1; cs_on_readable(s); } break;
    case 13: if (R(h)) cs_data_listeners_gone(s); break;
    case 14:
      if (!R(h)) break;
      h->readable_listeners = (int)(next() & 1);
      cs_readable_listeners_changed(s);
      break;
    /* Ticks run from the loop, never inside user code (the binding's
    ** drain refuses to nest). */
    case 15: if (D.depth == 0) fh_tick(h); break;
    case 16: if (D.depth == 0) fh_drain(h, next() % 16); break;
    /* Callbacks exist once user code was handed them; then it may call
    ** them at any time, any number of times. */
    case 17:
      if (h->write_seen && !TR(h)) {
        if (h->writes_out > 0) h->writes_out--;
        cs_onwrite(s, (next() & 1) ? mkerr(h) : CS_NOREF);
      }
      break;
    case 18: if (h->final_seen) cs_onfinal(s, (next() & 1) ? mkerr(h) : CS_NOREF); break;
    case 19:
      if (h->destroy_seen && h->destroy_async) {
        cs_ref e = (next() & 1) ? mkerr(h) : h->destroy_err;
        if (e != h->destroy_err) fh_unref(h, h->destroy_err);
        h->destroy_err = CS_NOREF;
        cs_ondestroy(s, e);
      }
      break;
    case 20: if (h->construct_seen) cs_onconstruct(s, (next() & 1) ? mkerr(h) : CS_NOREF); break;
    case 21: case 22: {                  /* _transform / _flush callback(err, data) */
      cs_chunk c;
      int b;
      if (!TR(h) || !(o == 21 ? h->write_seen : h->flush_seen)) break;
      a = next();
      b = (a & 4) != 0;
      if (a & 1) {
        cs_ref e = mkerr(h);
        if (o == 21) cs_ontransform(s, e, NULL, CS_ENC_BUFFER);
        else cs_onflush(s, e, NULL, CS_ENC_BUFFER);
        break;
      }
      if (o == 21 && h->writes_out > 0) h->writes_out--;
      if (a & 2) c = mkchunk(h, (s->r.f & CS_OBJECT_MODE) != 0, b);
      if (o == 21) cs_ontransform(s, CS_NOREF, (a & 2) ? &c : NULL, CS_ENC_BUFFER);
      else cs_onflush(s, CS_NOREF, (a & 2) ? &c : NULL, CS_ENC_BUFFER);
      if ((a & 2) && b) fh_unborrow(h, c.ref);
      break;
    }
    case 23:                             /* setEncoding */
      if (R(h)) cs_set_encoding(s, encs[next() & 3]);  /* BUFFER: null */
      break;
    case 24: {                           /* errorOrDestroy(err, sync) */
      a = next();
      cs_error_or_destroy(s, (a & 1) ? mkerr(h) : CS_NOREF, (a & 2) != 0);
      break;
    }
    case 25:                             /* pipe bookkeeping */
      if (R(h)) { a = next(); cs_set_await_drain(s, a & 1, (a & 2) != 0); }
      break;
    default: break;
  }
  /* the properties Lua may read at any time */
  (void)cs_readable(s); (void)cs_writable(s); (void)cs_destroyed(s);
  (void)cs_closed(s); (void)cs_need_drain(s); (void)cs_flowing(s);
  (void)cs_readable_aborted(s); (void)cs_writable_aborted(s);
  if (R(h)) (void)cs_is_paused(s);
  fh_check(h);
}

/* User code's reaction at 'where': nothing, raise, call back synchronously,
** or run one more operation re-entrantly. */
static cs_ref react(fh_host *h, int where, int arg) {
  cs_stream *s = &h->s;
  unsigned r;
  cs_ref ret = CS_NOREF;
  (void)arg;
  if (D.depth >= MAX_DEPTH) return CS_NOREF;
  r = next() % 8;
  if (r < 4) return CS_NOREF;
  if (D.verbose) fh_logf(h, "{react%u}", r);
  D.depth++;
  if (r == 4) {
    ret = mkerr(h);                      /* a raise */
  } else {
    if (r & 1) op(h);                    /* 5, 7: re-enter */
    if (r >= 6) {                        /* 6, 7: complete synchronously */
      switch (where) {
        case FH_AT_READ:
          if (r == 6) {
            cs_chunk c = mkchunk(h, (s->r.f & CS_OBJECT_MODE) != 0, 1);
            cs_push(s, &c, CS_ENC_BUFFER);
            fh_unborrow(h, c.ref);
          } else {
            cs_push_eof(s);
          }
          break;
        case FH_AT_WRITE: case FH_AT_WRITEV:
          if (h->writes_out > 0) h->writes_out--;
          cs_onwrite(s, CS_NOREF);
          break;
        case FH_AT_TRANSFORM: {
          cs_chunk c = mkchunk(h, (s->r.f & CS_OBJECT_MODE) != 0, 1);
          if (h->writes_out > 0) h->writes_out--;
          cs_ontransform(s, CS_NOREF, &c, CS_ENC_BUFFER);
          fh_unborrow(h, c.ref);
          break;
        }
        case FH_AT_FINAL: cs_onfinal(s, CS_NOREF); break;
        case FH_AT_FLUSH: cs_onflush(s, CS_NOREF, NULL, CS_ENC_BUFFER); break;
        case FH_AT_CONSTRUCT: cs_onconstruct(s, CS_NOREF); break;
        default: break;
      }
    }
  }
  D.depth--;
  return ret;
}

/* libFuzzer calls this; declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static fh_host h;
  cs_opts o;
  unsigned h0, h1, h2, h3;
  uint32_t kind;
  static const uint32_t kinds[5] = {
    CS_K_READABLE, CS_K_WRITABLE, CS_K_READABLE | CS_K_WRITABLE,
    CS_K_READABLE | CS_K_WRITABLE | CS_K_TRANSFORM,
    CS_K_READABLE | CS_K_WRITABLE | CS_K_TRANSFORM | CS_K_PASSTHROUGH
  };
  static const int decenc[8] = { -1, -1, -1, -1, CS_ENC_UTF8, CS_ENC_HEX,
                                 CS_ENC_BASE64, CS_ENC_UTF16LE };
  memset(&D, 0, sizeof D);
  D.p = data;
  D.end = data + size;
  D.verbose = getenv("FUZZ_CORE_LOG") != NULL;
  h0 = next(); h1 = next(); h2 = next(); h3 = next();
  kind = kinds[h0 % 5];
  cs_opts_default(&o);
  o.object_mode[0] = (h0 >> 3) & 1;
  o.object_mode[1] = (h0 >> 4) & 1;
  o.auto_destroy = !((h0 >> 5) & 1);
  o.emit_close = !((h0 >> 6) & 1);
  o.allow_half_open = !((h0 >> 7) & 1);
  o.hwm[0] = hwms[h1 & 7];
  o.hwm[1] = hwms[(h1 >> 3) & 7];
  o.decode_strings = !((h1 >> 6) & 1);
  o.encoding = decenc[(h2 >> 5) & 7];
  if (fh_init(&h, kind, &o) != 0) {   /* cs_init failed: still freeable */
    cs_free(&h.s);
    fh_dispose(&h);
    return 0;
  }
  h.quiet = !D.verbose;
  h.fail = breach;
  h.react = react;
  h.destroy_async = (h1 >> 7) & 1;
  h.has_writev = h2 & 1;
  h.has_final = (h2 >> 1) & 1;
  h.has_flush = (h2 >> 2) & 1;
  h.has_read = (h2 >> 4) & 1;
  h.fail_at = h3 >= 0x80 ? h3 - 0x7f : 0;
  /* a Lua allocation (newbytes, scratch) running a finalizer that re-enters */
  h.react_alloc = h3 < 0x80 && (h3 & 0x40);
  if ((h2 >> 3) & 1) cs_construct(&h.s);
  while (D.p < D.end) op(&h);
  /* The rest runs with no more input: user code no longer reacts. */
  if (fh_drain(&h, MAX_TICKS) == MAX_TICKS && fh_pending(&h))
    breach(&h, "the tick queue never settles");
  fh_close(&h, MAX_TICKS);
  if (D.verbose) fprintf(stderr, "log: %s\n", fh_log(&h));
  fh_dispose(&h);
  return 0;
}

#include "replay.h"
