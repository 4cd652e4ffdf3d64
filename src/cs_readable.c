/*
** cs_readable.c - the readable side: push/unshift, read(n), 'readable' and
** 'data' delivery, flowing and paused modes, end of stream.  Behaviour is
** Node 20's lib/internal/streams/readable.js; names follow its functions.
*/
#include <math.h>
#include <string.h>

#include "cs_buf.h"

#define RF(s) ((s)->r.f)

/* The measure of a chunk entering the buffer: with a decoder everything the
** buffer holds is text, counted in UTF-16 code units as Node counts it. */
static size_t rsize(const cs_stream *s, const cs_chunk *c) {
  if (RF(s) & CS_OBJECT_MODE) return 1;
  return s->r.decoder ? cs_utf16_len(c->p, c->len) : c->len;
}

static void emit_readable(cs_stream *s);
static void end_readable(cs_stream *s);

static int can_push_more(const cs_stream *s) {
  return !(RF(s) & CS_R_ENDED) &&
         (s->r.length < s->r.hwm || s->r.length == 0);
}

/* Replace *c (owned) by bytes made with f(); returns 0, or -1 on OOM.  The
** bytes are built in host scratch (nothing of the core's is live across
** newbytes, which may raise), sized from the arguments alone. */
static int convert(cs_stream *s, cs_chunk *c, int enc, int decode_to) {
  size_t bound, n;
  char *tmp;
  cs_chunk nc;
  if (decode_to >= 0) {
    /* bytes of c -> text in 'decode_to' (one shot) */
    bound = cs_decoder_bound(&(cs_decoder){ decode_to, {0}, 0, 0 }, c->len);
  } else {
    bound = cs_encode_bound(enc, c->len);
  }
  tmp = s->host->scratch(s, bound ? bound : 1);
  if (tmp == NULL) return -1;
  n = decode_to >= 0 ? cs_decode_all(decode_to, c->p, c->len, tmp)
                     : cs_encode(enc, c->p, c->len, tmp);
  cs_unref(s, c->ref);
  nc.len = n;
  nc.ref = s->host->newbytes(s, tmp, n, &nc.p);
  if (nc.ref == CS_NOREF) nc.len = 0;  /* out of memory: c is gone */
  *c = nc;
  return nc.ref == CS_NOREF ? -1 : 0;
}

/* Bytes of c (owned) through the stream's decoder; c becomes the text. */
static int decode_chunk(cs_stream *s, cs_chunk *c) {
  size_t cap = 0, n;
  char *tmp = NULL;
  cs_chunk nc;
  /* valid UTF-8, whole: the text is the bytes, kept rather than copied */
  if (c->len > 0 && cs_decoder_same(s->r.decoder, c->p, c->len)) return 0;
  for (;;) {  /* the bound depends on the decoder, which re-entry may change */
    size_t need = cs_decoder_bound(s->r.decoder, c->len);
    if (need == 0) need = 1;
    if (tmp != NULL && need <= cap) break;
    tmp = s->host->scratch(s, need);
    if (tmp == NULL) return -1;
    cap = need;
  }
  n = cs_decoder_write(s->r.decoder, c->p, c->len, tmp);
  cs_unref(s, c->ref);
  nc.len = n;
  nc.ref = n ? s->host->newbytes(s, tmp, n, &nc.p) : CS_NOREF;
  if (nc.ref == CS_NOREF) { nc.p = NULL; nc.len = 0; }
  *c = nc;
  return n && nc.ref == CS_NOREF ? -1 : 0;  /* -1: out of memory, c gone */
}

/* Out of memory, raw (alloc, scratch) or in a value hook (newbytes and pin
** return CS_NOREF): the chunk is gone and the stream errors; mkerror still
** hands an error value (the host's memory error when it cannot make one). */
static CS_COLD void nomem(cs_stream *s) {
  cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_NOMEM, "out of memory"), 0);
}

/* addChunk: deliver at once when flowing with nothing buffered, else buffer.
** Consumes c. */
static void add_chunk(cs_stream *s, cs_chunk *c, int front) {
  if ((RF(s) & (CS_R_FLOWING | CS_R_SYNC | CS_R_DATA_LISTENING)) ==
        (CS_R_FLOWING | CS_R_DATA_LISTENING) && s->r.length == 0) {
    cs_r_deliver(s, c);
    return;
  }
  {
    cs_req e;
    int rc;
    memset(&e, 0, sizeof e);
    e.c = *c;
    e.size = rsize(s, c);
    e.c.ref = cs_pin(s, c->ref);
    if (e.c.ref == CS_NOREF && c->ref != CS_NOREF) { nomem(s); return; }
    rc = front ? cs_ring_unshift(s, &s->r.buf, &e) : cs_ring_push(s, &s->r.buf, &e);
    if (rc != 0) { cs_unref(s, e.c.ref); nomem(s); return; }
    if (front && s->r.bufidx > 0) s->r.bufidx--;  /* buffer[--bufferIndex] */
    s->r.length += e.size;
    s->r.gen++;
    if (RF(s) & CS_R_NEED_READABLE) emit_readable(s);
  }
  cs_r_maybe_read_more(s);
}

static void on_eof_chunk(cs_stream *s) {
  if (RF(s) & CS_R_ENDED) return;
  if (s->r.decoder) {
    char tmp[16];  /* the tail of a character or quantum */
    size_t n = cs_decoder_end(s->r.decoder, tmp);
    if (n) {
      cs_req e;
      memset(&e, 0, sizeof e);
      e.c.len = n;
      e.c.ref = s->host->newbytes(s, tmp, n, &e.c.p);
      if (e.c.ref == CS_NOREF) { nomem(s); return; }
      /* Re-read after newbytes: the tail goes after what is buffered now. */
      e.size = rsize(s, &e.c);
      if (cs_ring_push(s, &s->r.buf, &e) != 0) cs_unref(s, e.c.ref);
      else s->r.length += e.size;
      s->r.gen++;
      if (RF(s) & CS_R_ENDED) return;  /* ended meanwhile (a finalizer) */
    }
  }
  RF(s) |= CS_R_ENDED;
  if (RF(s) & CS_R_SYNC) {
    emit_readable(s);
  } else {
    RF(s) &= ~CS_R_NEED_READABLE;
    RF(s) |= CS_R_EMITTED_READABLE;
    cs_run_readable(s, CS_OP_EMIT_READABLE, CS_NOREF, CS_NOREF);
  }
}

int cs_push_eof(cs_stream *s) {
  RF(s) &= ~CS_R_READING;
  on_eof_chunk(s);
  return 0;
}

int cs_r_push_chunk(cs_stream *s, const cs_chunk *in, int enc, int front) {
  cs_chunk c = *in;
  /* Node's test is state.encoding !== encoding: the names, so text in the
  ** decoder's encoding spelled another way goes the other encodings' way. */
  int same = !(enc & CS_ENC_APART) && enc == s->r.encoding;
  enc &= ~CS_ENC_APART;
  if (RF(s) & CS_OBJECT_MODE) {
    if (front) goto unshift_value;
    if (RF(s) & CS_R_ENDED) {
      cs_unref(s, c.ref);
      cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_PUSH_AFTER_EOF,
                                      "stream.push() after EOF"), 0);
      return 0;
    }
    if (RF(s) & (CS_DESTROYED | CS_ERRORED)) { cs_unref(s, c.ref); return 0; }
    RF(s) &= ~CS_R_READING;
    add_chunk(s, &c, 0);
    return can_push_more(s);
  }
  /* Byte mode: a string in an encoding other than the decoder's becomes bytes. */
  if (front && s->r.encoding != CS_ENC_BUFFER && !same) {
    /* unshift keeps the buffer homogeneous: store text in the decoder's
    ** encoding (Buffer.from(chunk, enc).toString(state.encoding)). */
    if (enc != CS_ENC_BUFFER && enc != CS_ENC_UTF8 && convert(s, &c, enc, -1) != 0)
      goto oom;
    if (convert(s, &c, CS_ENC_BUFFER, s->r.encoding) != 0) goto oom;
    enc = s->r.encoding;
  } else if (enc != CS_ENC_BUFFER && !same) {
    if (enc != CS_ENC_UTF8 && convert(s, &c, enc, -1) != 0) goto oom;
    enc = CS_ENC_BUFFER;
  }
  if (front) {
    if (c.len == 0) { cs_unref(s, c.ref); return can_push_more(s); }
    goto unshift_value;
  }
  if (c.len == 0) {
    cs_unref(s, c.ref);
    RF(s) &= ~CS_R_READING;
    cs_r_maybe_read_more(s);
    return can_push_more(s);
  }
  if (RF(s) & CS_R_ENDED) {
    cs_unref(s, c.ref);
    cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_PUSH_AFTER_EOF,
                                    "stream.push() after EOF"), 0);
    return 0;
  }
  if (RF(s) & (CS_DESTROYED | CS_ERRORED)) { cs_unref(s, c.ref); return 0; }
  RF(s) &= ~CS_R_READING;
  if (s->r.decoder && enc == CS_ENC_BUFFER) {
    if (decode_chunk(s, &c) != 0) goto oom;
    if (c.len == 0) {
      cs_r_maybe_read_more(s);
      return can_push_more(s);
    }
    /* decode_chunk called the host: a finalizer may have ended or
    ** destroyed the stream meanwhile. */
    if (RF(s) & (CS_R_ENDED | CS_DESTROYED | CS_ERRORED)) {
      cs_unref(s, c.ref);
      return 0;
    }
  }
  add_chunk(s, &c, 0);
  return can_push_more(s);

unshift_value:
  if (RF(s) & CS_R_END_EMITTED) {
    cs_unref(s, c.ref);
    cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_UNSHIFT_AFTER_END_EVENT,
                                    "stream.unshift() after end event"), 0);
  } else if (RF(s) & (CS_DESTROYED | CS_ERRORED)) {
    cs_unref(s, c.ref);
    return 0;
  } else {
    add_chunk(s, &c, 1);
  }
  return can_push_more(s);

oom:
  cs_unref(s, c.ref);
  nomem(s);
  return 0;
}

/* push() of bytes into a byte stream with no decoder, or of any value into
** an object-mode stream, live and not ended (a source's every push, a
** Transform's every callback): cs_r_push_chunk's path for them, with its
** tests made at once. */
int cs_push(cs_stream *s, const cs_chunk *c, int enc) {
  if (!(RF(s) & (CS_R_ENDED | CS_DESTROYED | CS_ERRORED)) &&
      ((RF(s) & CS_OBJECT_MODE) ||
       (enc == CS_ENC_BUFFER && c->len > 0 && s->r.decoder == NULL))) {
    cs_chunk k = *c;
    RF(s) &= ~CS_R_READING;
    add_chunk(s, &k, 0);
    return can_push_more(s);
  }
  return cs_r_push_chunk(s, c, enc, 0);
}

int cs_unshift(cs_stream *s, const cs_chunk *c, int enc) {
  return cs_r_push_chunk(s, c, enc, 1);
}

/* ---- read ------------------------------------------------------------- */

static size_t next_pow2(size_t n) {
  size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

/* Node's howMuchToRead: always a whole number of units (n, truncated, is
** returned only when it is at most the length), so a size from here on. */
static inline size_t how_much_to_read(const cs_stream *s, double n) {
  if (n <= 0 || (s->r.length == 0 && (RF(s) & CS_R_ENDED))) return 0;
  if (RF(s) & CS_OBJECT_MODE) return 1;
  if (isnan(n)) {
    /* Node reads buffer[bufferIndex].length, a TypeError when its decoder
    ** overshoot left the length above an empty buffer: all of it, here. */
    if ((RF(s) & CS_R_FLOWING) && s->r.length && s->r.buf.n)
      return cs_ring_front(&s->r.buf)->size;
    return s->r.length;
  }
  /* below 2^63 (a length): converted through the signed type, one instruction */
  if (n <= (double)s->r.length) return (size_t)(long long)n;
  return (RF(s) & CS_R_ENDED) ? s->r.length : 0;
}

/* What fromList takes off the front of the buffer: 'whole' chunks, then
** 'part' bytes ('partu' units) of the next one.  'bytes' in all; 'extra'
** units beyond n, where Node would have cut a surrogate pair. */
typedef struct cs_take {
  size_t whole, part, partu, bytes, extra;
} cs_take;

/* The first k units of e (k <= e->size) as whole characters, into t as its
** partial chunk; a character Node would cut in two is taken whole, and when
** that empties e, e is taken whole instead (Node leaves its other half). */
static void cut(const cs_stream *s, const cs_req *e, size_t k, cs_take *t) {
  size_t b, u;
  if (e->size == e->c.len || !s->r.decoder) {  /* one byte per unit */
    b = u = k;
  } else {
    b = cs_utf16_prefix(e->c.p, e->c.len, k, &u);
  }
  t->extra = u - k;
  t->bytes += b;
  if (b == e->c.len && u > k) t->whole++;
  else { t->part = b; t->partu = u; }
}

/* fromList's plan for n (> 0): branch for branch Node's, including its
** decoder branch, which compares n with the buffer array's length
** (bufidx + live chunks) and can leave an empty string at the front:
** behaviour users of setEncoding + read(n) observe.  It looks at the
** chunks it takes and no others, so a read costs O(n + chunks taken)
** whatever is buffered (except reading it all, n >= length). */
static void plan(cs_stream *s, size_t n, cs_take *t) {
  cs_ring *q = &s->r.buf;
  cs_req *f = cs_ring_front(q);
  memset(t, 0, sizeof *t);
  s->r.visits++;
  if ((RF(s) & CS_OBJECT_MODE) || (n >= s->r.length && q->n == 1) ||
      (n < s->r.length && n == f->size)) {
    t->whole = 1;
    t->bytes = f->c.len;
  } else if (n >= s->r.length) {            /* read it all */
    size_t i;
    t->whole = q->n;
    for (i = 0; i < q->n; i++) t->bytes += cs_ring_at(q, i)->c.len;
    s->r.visits += q->n - 1;
  } else if (n < f->size) {
    cut(s, f, n, t);
  } else {
    /* Across chunks.  With a decoder Node's test is n === buf.length. */
    size_t rem = n, i, alen = s->r.bufidx + q->n;
    for (i = 0; i < q->n; i++) {
      cs_req *e = cs_ring_at(q, i);
      if (i) s->r.visits++;
      if (rem > e->size) {                  /* whole chunk, "" included */
        t->whole++;
        t->bytes += e->c.len;
        rem -= e->size;
      } else if (s->r.decoder ? rem == alen : rem == e->size) {
        t->whole++;                         /* may overshoot n (Node's) */
        t->bytes += e->c.len;
        break;
      } else {
        cut(s, e, rem, t);                  /* may leave "" at the front */
        break;
      }
    }
  }
}

/* Take t's piece (n units) off the buffer: the front chunk itself goes to
** *out; pieces are copied into dst when given (the caller makes the value
** after).  No host call but unref, which never re-enters. */
static void take(cs_stream *s, size_t n, const cs_take *t, char *dst,
                 cs_chunk *out) {
  cs_ring *q = &s->r.buf;
  cs_req *f = cs_ring_front(q);
  size_t i;
  n += t->extra;
  s->r.length = s->r.length > n ? s->r.length - n : 0;
  s->r.gen++;
  if (t->whole == 1 && t->part == 0) {      /* the front chunk itself */
    *out = f->c;
    cs_ring_shift(q);
  } else if (t->whole == 0) {               /* a slice of the front chunk */
    if (dst && t->part) memcpy(dst, f->c.p, t->part);
    f->c.p += t->part;
    f->c.len -= t->part;
    f->size -= t->partu;
  } else {                                  /* pieces of several */
    size_t len = 0;
    for (i = 0; i < t->whole; i++) {
      cs_req e = *cs_ring_front(q);
      cs_ring_shift(q);
      if (dst) {
        if (e.c.len) memcpy(dst + len, e.c.p, e.c.len);
        s->r.visits++;
      }
      len += e.c.len;
      cs_unref(s, e.c.ref);
    }
    if (t->part) {
      f = cs_ring_front(q);
      if (dst) memcpy(dst + len, f->c.p, t->part);
      f->c.p += t->part;
      f->c.len -= t->part;
      f->size -= t->partu;
    }
  }
  /* Node's bufferIndex after fromList */
  if (q->n == 0 || s->r.bufidx + t->whole > 1024) s->r.bufidx = 0;
  else s->r.bufidx += t->whole;
}

/* fromList: n units (or one object) off the buffer into *out; 0 when empty.
** Takes them off the length too (Node's read() subtracts n, even where its
** decoder branch handed out more; cstream also subtracts the half of a
** surrogate pair it would not split).  No buffer state computed before a
** host call is applied after it: the plan is made again after scratch
** (which may re-enter the core), and newbytes comes last.  With rp, a
** piece that needs new bytes is planned, not taken: CS_READ_MAKE, the
** bytes at rp->p (the front chunk's, or copied into scratch). */
static int from_list(cs_stream *s, size_t n, cs_chunk *out, cs_readplan *rp) {
  cs_ring *q = &s->r.buf;
  cs_take t;
  char *dst = NULL;
  size_t cap = 0;
  for (;;) {
    if (s->r.length == 0) return 0;
    if (q->n == 0) {
      /* Only after Node's decoder overshoot (length above what is held):
      ** its read-all branch then returns "" and the length drops by n. */
      if (!s->r.decoder || n < s->r.length) return 0;
      s->r.length = 0;
      s->r.gen++;
      out->len = 0;
      out->ref = s->host->newbytes(s, "", 0, &out->p);
      if (out->ref == CS_NOREF) { nomem(s); return 0; }
      return 1;
    }
    plan(s, n, &t);
    if (t.whole + (t.part > 0) < 2) {
      /* One piece, read in place: a scratch sized for an earlier plan
      ** (before scratch re-entered and changed the buffer) is not used. */
      dst = NULL;
      break;
    }
    if (t.bytes <= cap) break;
    dst = s->host->scratch(s, t.bytes);
    if (dst == NULL) { nomem(s); return 0; }
    cap = t.bytes;
  }
  if (t.whole == 1 && t.part == 0) {        /* the front chunk: no bytes made */
    take(s, n, &t, NULL, out);
    return 1;
  }
  if (rp != NULL) {
    cs_req *f = cs_ring_front(q);
    rp->n = n;
    rp->gen = s->r.gen;
    rp->whole = t.whole;
    rp->part = t.part;
    rp->partu = t.partu;
    rp->extra = t.extra;
    rp->len = t.bytes;
    if (t.whole == 0) {
      rp->p = t.part ? f->c.p : "";
    } else {                                /* copied, not taken yet */
      size_t i, len = 0;
      for (i = 0; i < t.whole; i++) {
        cs_req *e = cs_ring_at(q, i);
        if (e->c.len) memcpy(dst + len, e->c.p, e->c.len);
        len += e->c.len;
        s->r.visits++;
      }
      if (t.part) memcpy(dst + len, cs_ring_at(q, t.whole)->c.p, t.part);
      rp->p = dst;
    }
    return CS_READ_MAKE;
  }
  {
    /* The piece is taken off first: newbytes copies p (the front chunk,
    ** still held, or scratch) before anything it runs can re-enter. */
    const char *p = t.whole == 0 ? cs_ring_front(q)->c.p : dst;
    take(s, n, &t, dst, out);
    out->len = t.bytes;
    out->ref = s->host->newbytes(s, t.bytes ? p : "", t.bytes, &out->p);
    /* Out of memory: the bytes taken off are lost, as the stream errors. */
    if (out->ref == CS_NOREF) { nomem(s); return 0; }
  }
  return 1;
}

static void call_read(cs_stream *s, size_t n) {
  cs_ref err;
  if ((s->kind & CS_K_TRANSFORM) && !s->host->has(s, CS_M_READ)) {
    cs_t_read(s);
    return;
  }
  err = s->host->read(s, n);
  if (err != CS_NOREF) cs_error_or_destroy(s, err, 0);
}

/* cs_read's end, once from_list has answered (got, the piece in *ret). */
static inline int read_tail(cs_stream *s, int got, size_t k, double norig,
                            cs_chunk *ret, cs_chunk *out) {
  if (!got) {
    if (s->r.length <= s->r.hwm) RF(s) |= CS_R_NEED_READABLE;
    k = 0;
  } else {
    cs_r_clear_await_drain(s);
  }
  if (s->r.length == 0) {
    if (!(RF(s) & CS_R_ENDED)) RF(s) |= CS_R_NEED_READABLE;
    if (norig != (double)k && (RF(s) & CS_R_ENDED)) end_readable(s);
  }
  if (got && !(RF(s) & (CS_ERROR_EMITTED | CS_CLOSE_EMITTED))) {
    RF(s) |= CS_R_DATA_EMITTED;
    s->host->emit(s, CS_EV_DATA, ret, CS_NOREF);
  }
  if (got) {
    if (out) *out = *ret;
    else cs_unref(s, ret->ref);
  }
  return got;
}

/* Is from_list's plan for k a whole front chunk and a cut of the next,
** where sizes are lengths?  k is below the length. */
static inline int two_piece(cs_stream *s, size_t k) {
  const cs_req *f = cs_ring_front(&s->r.buf), *e;
  if ((RF(s) & CS_OBJECT_MODE) || s->r.decoder || k <= f->size ||
      f->size != f->c.len)
    return 0;
  e = cs_ring_at(&s->r.buf, 1);
  return k - f->size < e->size && e->size == e->c.len;
}

/* from_list's plan of k bytes cut from the front chunk f, where a unit is
** a byte: its slice, made by the caller once no core frame is active */
static inline int plan_slice(cs_stream *s, cs_readplan *rp, const cs_req *f,
                             size_t k, double norig) {
  s->r.visits++;
  rp->n = k;
  rp->gen = s->r.gen;
  rp->whole = 0;
  rp->part = rp->partu = rp->len = k;
  rp->extra = 0;
  rp->p = f->c.p;
  rp->norig = norig;
  return CS_READ_MAKE;
}

static inline int read_(cs_stream *s, int has_n, double n, cs_chunk *out,
                        cs_readplan *rp) {
  double norig;
  size_t k;                /* what howMuchToRead says: Node's n after it */
  int doread, got = 0;
  cs_chunk ret;
  if (has_n && rp != NULL && n >= 1 && n <= (double)s->r.hwm && s->r.buf.n &&
      !(RF(s) & (CS_OBJECT_MODE | CS_R_NEED_READABLE))) {
    /* The common read(n): n inside the front chunk, where a unit is a
    ** byte, leaving at least a highWaterMark buffered.  The path below
    ** then changes no highWaterMark, calls no _read (doread stays 0
    ** whatever the flags) and plans this slice: the same plan, made with
    ** its tests only. */
    cs_req *f = cs_ring_front(&s->r.buf);
    k = (size_t)n;
    if (k < f->size && s->r.length >= k + s->r.hwm &&
        (f->size == f->c.len || !s->r.decoder)) {
      RF(s) &= ~CS_R_EMITTED_READABLE;
      return plan_slice(s, rp, f, k, (double)k);
    }
  }
  if (!has_n) {
    n = NAN;
  } else {
    /* trunc without its library call where the conversion is exact (a
    ** -0 from trunc is 0 here too: n is only compared) */
    if (fabs(n) < 9.0e15) n = (double)(long long)n;
    else if (!isnan(n)) n = trunc(n);
    if (n > (double)s->r.hwm && n <= (double)CS_MAX_HWM)
      s->r.hwm = next_pow2((size_t)n);
  }
  norig = n;
  if (n != 0) RF(s) &= ~CS_R_EMITTED_READABLE;
  if (n == 0 && (RF(s) & CS_R_NEED_READABLE) &&
      ((s->r.hwm != 0 ? s->r.length >= s->r.hwm : s->r.length > 0) ||
       (RF(s) & CS_R_ENDED))) {
    if (s->r.length == 0 && (RF(s) & CS_R_ENDED)) end_readable(s);
    else emit_readable(s);
    return 0;
  }
  k = how_much_to_read(s, n);
  if (k == 0 && (RF(s) & CS_R_ENDED)) {
    if (s->r.length == 0) end_readable(s);
    return 0;
  }
  doread = (RF(s) & CS_R_NEED_READABLE) != 0;
  /* Node's state.length - n < hwm, where the difference may be negative */
  if (s->r.length == 0 || k > s->r.length || s->r.length - k < s->r.hwm)
    doread = 1;
  if ((RF(s) & (CS_R_READING | CS_R_ENDED | CS_DESTROYED | CS_ERRORED |
                CS_CONSTRUCTED)) != CS_CONSTRUCTED) {
    doread = 0;
  } else if (doread) {
    RF(s) |= CS_R_READING | CS_R_SYNC;
    if (s->r.length == 0) RF(s) |= CS_R_NEED_READABLE;
    call_read(s, s->r.hwm);
    RF(s) &= ~CS_R_SYNC;
    if (!(RF(s) & CS_R_READING)) k = how_much_to_read(s, norig);
  }
  if (k > 0) {
    cs_req *f;
    if (rp != NULL && s->r.buf.n && k < (f = cs_ring_front(&s->r.buf))->size &&
        (f->size == f->c.len || !s->r.decoder)) {
      /* from_list's plan, a cut of the front chunk where a unit is a
      ** byte: its slice (W7's every read but those across chunks) */
      return plan_slice(s, rp, f, k, norig);
    }
    if (rp != NULL && s->r.buf.n >= 2 && k < s->r.length && two_piece(s, k)) {
      /* from_list's plan of one whole chunk and a cut of the next, with
      ** no decoder (W7's reads across chunks): its bytes copied into
      ** scratch, which comes first, the tests made after it */
      char *dst = s->host->scratch(s, k);
      if (dst != NULL && s->r.buf.n >= 2 && k < s->r.length && two_piece(s, k)) {
        cs_req *e = cs_ring_at(&s->r.buf, 1);
        f = cs_ring_front(&s->r.buf);
        s->r.visits += 3;
        if (f->c.len) memcpy(dst, f->c.p, f->c.len);  /* "" may have no bytes */
        memcpy(dst + f->c.len, e->c.p, k - f->c.len);
        rp->n = k;
        rp->gen = s->r.gen;
        rp->whole = 1;
        rp->part = rp->partu = k - f->c.len;
        rp->len = k;
        rp->extra = 0;
        rp->p = dst;
        rp->norig = norig;
        return CS_READ_MAKE;
      }
    }
    got = from_list(s, k, &ret, rp);  /* length -= k */
    if (got == CS_READ_MAKE) {
      rp->norig = norig;
      return CS_READ_MAKE;
    }
  }
  return read_tail(s, got, k, norig, &ret, out);
}

int cs_read(cs_stream *s, int has_n, double n, cs_chunk *out) {
  return read_(s, has_n, n, out, NULL);
}

int cs_read_begin(cs_stream *s, int has_n, double n, cs_chunk *out,
                  cs_readplan *rp) {
  return read_(s, has_n, n, out, rp);
}

int cs_read_commit(cs_stream *s, cs_readplan *rp, const cs_chunk *made,
                   cs_chunk *out) {
  cs_chunk ret;
  int got;
  if (s->r.gen == rp->gen && rp->whole == 0) {
    /* take's slice of the front chunk (bufferIndex stays) */
    cs_req *f = cs_ring_front(&s->r.buf);
    size_t n = rp->n + rp->extra;
    s->r.length = s->r.length > n ? s->r.length - n : 0;
    s->r.gen++;
    f->c.p += rp->part;
    f->c.len -= rp->part;
    f->size -= rp->partu;
    ret = *made;
    got = 1;
  } else if (s->r.gen == rp->gen) {
    cs_take t;
    t.whole = rp->whole;
    t.part = rp->part;
    t.partu = rp->partu;
    t.extra = rp->extra;
    t.bytes = rp->len;
    take(s, rp->n, &t, NULL, &ret);
    ret = *made;
    got = 1;
  } else {
    /* Changed while the value was made: what was planned is stale.  Read
    ** as cs_read does (newbytes, which runs no finalizer, makes the
    ** value): planning again could meet a new finalizer at every try. */
    cs_unref(s, made->ref);
    got = from_list(s, rp->n, &ret, NULL);
  }
  return read_tail(s, got, rp->n, rp->norig, &ret, out);
}

/* ---- 'readable' and flowing ----------------------------------------------- */

static void emit_readable(cs_stream *s) {
  RF(s) &= ~CS_R_NEED_READABLE;
  if (!(RF(s) & CS_R_EMITTED_READABLE)) {
    RF(s) |= CS_R_EMITTED_READABLE;
    cs_defer(s, CS_OP_EMIT_READABLE, CS_NOREF, CS_NOREF);
  }
}

static void emit_readable_(cs_stream *s) {
  if (!(RF(s) & (CS_DESTROYED | CS_ERRORED)) &&
      (s->r.length || (RF(s) & CS_R_ENDED))) {
    cs_emit(s, CS_EV_READABLE);
    RF(s) &= ~CS_R_EMITTED_READABLE;
  }
  if (!(RF(s) & (CS_R_FLOWING | CS_R_ENDED)) && s->r.length <= s->r.hwm)
    RF(s) |= CS_R_NEED_READABLE;
  cs_r_flow(s);
}

void cs_r_flow(cs_stream *s) {
  while (RF(s) & CS_R_FLOWING) {
    if (!cs_read(s, 0, 0, NULL)) break;
  }
}

static void maybe_read_more_(cs_stream *s) {
  while (!(RF(s) & (CS_R_READING | CS_R_ENDED)) &&
         (s->r.length < s->r.hwm ||
          ((RF(s) & CS_R_FLOWING) && s->r.length == 0))) {
    size_t len = s->r.length;
    cs_read(s, 1, 0, NULL);
    if (len == s->r.length) break;
  }
  RF(s) &= ~CS_R_READING_MORE;
}

void cs_r_on_constructed(cs_stream *s) {
  if (RF(s) & CS_R_NEED_READABLE) cs_r_maybe_read_more(s);
}

static void end_readable(cs_stream *s) {
  if (!(RF(s) & CS_R_END_EMITTED)) {
    RF(s) |= CS_R_ENDED;
    cs_defer(s, CS_OP_END_READABLE, CS_NOREF, CS_NOREF);
  }
}

static void end_readable_nt(cs_stream *s) {
  if (!(RF(s) & (CS_ERRORED | CS_CLOSE_EMITTED | CS_R_END_EMITTED)) &&
      s->r.length == 0) {
    RF(s) |= CS_R_END_EMITTED;
    cs_emit(s, CS_EV_END);
    if (cs_writable(s) && !(s->kind & CS_K_HALF_OPEN)) {
      cs_defer(s, CS_OP_END_WRITABLE, CS_NOREF, CS_NOREF);
    } else if (RF(s) & CS_AUTO_DESTROY) {
      int autodestroy = !HAS_W(s) ||
        ((s->w.f & CS_AUTO_DESTROY) &&
         (s->w.f & (CS_W_FINISHED | CS_W_DISABLED)));
      if (autodestroy) cs_destroy(s, CS_NOREF, CS_NOREF);
    }
  }
}

/* ---- consumer API ----------------------------------------------------------- */

int cs_is_paused(const cs_stream *s) {
  return (RF(s) & CS_R_PAUSED) ||
         (RF(s) & (CS_R_HAS_FLOWING | CS_R_FLOWING)) == CS_R_HAS_FLOWING;
}

void cs_resume(cs_stream *s) {
  if (!(RF(s) & CS_R_FLOWING)) {
    RF(s) |= CS_R_HAS_FLOWING;
    if (!(RF(s) & CS_R_READABLE_LISTENING)) RF(s) |= CS_R_FLOWING;
    else RF(s) &= ~CS_R_FLOWING;
    if (!(RF(s) & CS_R_RESUME_SCHEDULED)) {
      RF(s) |= CS_R_RESUME_SCHEDULED;
      cs_defer(s, CS_OP_RESUME, CS_NOREF, CS_NOREF);
    }
  }
  RF(s) |= CS_R_HAS_PAUSED;
  RF(s) &= ~CS_R_PAUSED;
}

static void resume_(cs_stream *s) {
  if (!(RF(s) & CS_R_READING)) cs_read(s, 1, 0, NULL);
  RF(s) &= ~CS_R_RESUME_SCHEDULED;
  cs_emit(s, CS_EV_RESUME);
  cs_r_flow(s);
  if ((RF(s) & (CS_R_FLOWING | CS_R_READING)) == CS_R_FLOWING)
    cs_read(s, 1, 0, NULL);
}

void cs_pause(cs_stream *s) {
  if ((RF(s) & (CS_R_HAS_FLOWING | CS_R_FLOWING)) != CS_R_HAS_FLOWING) {
    RF(s) |= CS_R_HAS_FLOWING;
    RF(s) &= ~CS_R_FLOWING;
    cs_emit(s, CS_EV_PAUSE);
  }
  RF(s) |= CS_R_HAS_PAUSED | CS_R_PAUSED;
}

void cs_on_data(cs_stream *s, int readable_listeners) {
  RF(s) |= CS_R_DATA_LISTENING;
  if (readable_listeners > 0) RF(s) |= CS_R_READABLE_LISTENING;
  if ((RF(s) & (CS_R_HAS_FLOWING | CS_R_FLOWING)) != CS_R_HAS_FLOWING)
    cs_resume(s);
}

void cs_on_readable(cs_stream *s) {
  if (!(RF(s) & (CS_R_END_EMITTED | CS_R_READABLE_LISTENING))) {
    RF(s) |= CS_R_READABLE_LISTENING | CS_R_NEED_READABLE | CS_R_HAS_FLOWING;
    RF(s) &= ~(CS_R_FLOWING | CS_R_EMITTED_READABLE);
    if (s->r.length) emit_readable(s);
    else if (!(RF(s) & CS_R_READING))
      cs_defer(s, CS_OP_READ0, CS_NOREF, CS_NOREF);
  }
}

void cs_data_listeners_gone(cs_stream *s) {
  RF(s) &= ~CS_R_DATA_LISTENING;
}

void cs_readable_listeners_changed(cs_stream *s) {
  cs_defer(s, CS_OP_UPDATE_READABLE_LISTENING, CS_NOREF, CS_NOREF);
}

void cs_update_readable_listening(cs_stream *s, int readable_listeners) {
  if (readable_listeners > 0) RF(s) |= CS_R_READABLE_LISTENING;
  else RF(s) &= ~CS_R_READABLE_LISTENING;
  if ((RF(s) & (CS_R_HAS_PAUSED | CS_R_PAUSED | CS_R_RESUME_SCHEDULED)) ==
        (CS_R_HAS_PAUSED | CS_R_RESUME_SCHEDULED)) {
    RF(s) |= CS_R_HAS_FLOWING | CS_R_FLOWING;
  } else if (RF(s) & CS_R_DATA_LISTENING) {
    cs_resume(s);
  } else if (!(RF(s) & CS_R_READABLE_LISTENING)) {
    RF(s) &= ~(CS_R_HAS_FLOWING | CS_R_FLOWING);
  }
}

void cs_set_await_drain(cs_stream *s, int on, int multi) {
  if (on) RF(s) |= CS_R_AWAIT_DRAIN; else RF(s) &= ~CS_R_AWAIT_DRAIN;
  if (multi) RF(s) |= CS_R_MULTI_AWAIT_DRAIN;
  else RF(s) &= ~CS_R_MULTI_AWAIT_DRAIN;
}

/* A Lua string is bytes (Node's Buffer), so a decoder set by setEncoding()
** sees it, unless an encoding says it is text: the stream's defaultEncoding
** when that is not utf8. */
int cs_push_string_enc(const cs_stream *s) {
  return s->r.default_encoding == CS_ENC_UTF8 ? CS_ENC_BUFFER
                                              : s->r.default_encoding;
}

/* Node's setEncoding: a new decoder (the old one's tail is dropped); the
** buffer becomes one string, buffered bytes going through the new decoder
** and buffered text staying as it is (StringDecoder.write of a string
** returns it), and the length becomes that string's. */
/* What setEncoding's re-encoding depends on, to tell whether a host call
** re-entered the core and changed it. */
typedef struct snap {
  size_t n, length;
  const cs_decoder *decoder;
  cs_ref ref0, refn;
  const char *p0, *pn;
  size_t len0, lenn;
} snap;

static void take_snap(cs_stream *s, snap *z) {
  cs_ring *q = &s->r.buf;
  memset(z, 0, sizeof *z);
  z->n = q->n;
  z->length = s->r.length;
  z->decoder = s->r.decoder;
  if (q->n > 0) {
    cs_req *a = cs_ring_at(q, 0), *b = cs_ring_at(q, q->n - 1);
    z->ref0 = a->c.ref; z->p0 = a->c.p; z->len0 = a->c.len;
    z->refn = b->c.ref; z->pn = b->c.p; z->lenn = b->c.len;
  }
}

int cs_set_encoding(cs_stream *s, int enc) {
  cs_ring *q = &s->r.buf;
  size_t n = 0, i, cap = 0, bound;
  char *tmp = NULL;
  int text, fresh = 0;
  cs_decoder *d, nd;
  cs_req e;
  if (enc == CS_ENC_BUFFER) enc = CS_ENC_UTF8;  /* setEncoding(null) */
again:
  n = 0;
  fresh = 0;
  /* Scratch first: it may re-enter the core, so everything is measured
  ** again after it and the stream changed only once it is in hand. */
  for (;;) {
    size_t total = 0;
    if ((RF(s) & CS_OBJECT_MODE) || q->n == 0) { tmp = NULL; break; }
    text = s->r.decoder != NULL;  /* what is buffered was decoded already */
    for (i = 0; i < q->n; i++) total += cs_ring_at(q, i)->c.len;
    bound = text ? total : cs_decoder_bound(&(cs_decoder){ enc, {0}, 0, 0 }, total);
    if (bound == 0) bound = 1;
    if (tmp != NULL && bound <= cap) break;
    tmp = s->host->scratch(s, bound);
    if (tmp == NULL) return -1;
    cap = bound;
  }
  text = s->r.decoder != NULL;
  cs_decoder_init(&nd, enc);
  d = s->r.decoder;
  if (d == NULL) {
    d = (cs_decoder *)s->host->alloc(s->ctx, NULL, 0, sizeof *d);
    if (d == NULL) return -1;
    fresh = 1;
  }
  memset(&e, 0, sizeof e);
  if (!(RF(s) & CS_OBJECT_MODE) && tmp != NULL) {
    for (i = 0; i < q->n; i++) {
      cs_req *c = cs_ring_at(q, i);
      if (text) {
        if (c->c.len) memcpy(tmp + n, c->c.p, c->c.len);
        n += c->c.len;
      } else {
        n += cs_decoder_write(&nd, c->c.p, c->c.len, tmp + n);
      }
    }
    if (n > 0) {
      /* Before the buffer is let go: out of memory, the stream is as it was.
      ** newbytes may re-enter (a host whose allocation runs user code): if
      ** the buffer or the decoder changed meanwhile, this text is stale and
      ** a fresh decoder may no longer be ours to install, so start over. */
      snap before, after;
      take_snap(s, &before);
      e.c.len = n;
      e.size = cs_utf16_len(tmp, n);
      e.c.ref = s->host->newbytes(s, tmp, n, &e.c.p);
      take_snap(s, &after);
      if (e.c.ref == CS_NOREF || memcmp(&before, &after, sizeof before) != 0) {
        if (e.c.ref != CS_NOREF) cs_unref(s, e.c.ref);
        if (fresh) s->host->alloc(s->ctx, d, sizeof *d, 0);
        if (e.c.ref == CS_NOREF) return -1;
        tmp = NULL;
        cap = 0;
        goto again;
      }
    }
  }
  *d = nd;
  s->r.decoder = d;
  s->r.gen++;
  s->r.encoding = enc;
  if (RF(s) & CS_OBJECT_MODE) return 0;
  if (tmp == NULL) {                     /* nothing buffered */
    s->r.length = 0;                     /* even after a decoder overshoot */
    s->r.bufidx = 0;
    return 0;
  }
  cs_ring_clear(s, q);                   /* unref: no re-entry */
  s->r.length = 0;
  s->r.bufidx = 0;
  if (n == 0) return 0;
  if (cs_ring_unshift(s, q, &e) == 0) s->r.length += e.size;
  else cs_unref(s, e.c.ref);
  return 0;
}

/* ---- deferred ops ------------------------------------------------------------ */

static void end_writable_nt(cs_stream *s) {
  if (cs_writable(s) && !(s->w.f & CS_W_ENDING) && !cs_destroyed(s))
    cs_end(s, NULL, CS_ENC_BUFFER, CS_NOREF);
}

void cs_run_readable(cs_stream *s, int op, cs_ref a, cs_ref b) {
  (void)a; (void)b;
  switch (op) {
    case CS_OP_EMIT_READABLE: emit_readable_(s); break;
    case CS_OP_MAYBE_READ_MORE: maybe_read_more_(s); break;
    case CS_OP_RESUME: resume_(s); break;
    case CS_OP_END_READABLE: end_readable_nt(s); break;
    case CS_OP_READ0: cs_read(s, 1, 0, NULL); break;
    case CS_OP_END_WRITABLE: end_writable_nt(s); break;
    default: break;
  }
}

/* ---- properties ------------------------------------------------------------- */

int cs_readable(const cs_stream *s) {
  return HAS_R(s) && !(RF(s) & (CS_R_DISABLED | CS_DESTROYED |
                                CS_ERROR_EMITTED | CS_R_END_EMITTED));
}

int cs_flowing(const cs_stream *s) {
  if (!(RF(s) & CS_R_HAS_FLOWING)) return -1;
  return (RF(s) & CS_R_FLOWING) != 0;
}

int cs_readable_aborted(const cs_stream *s) {
  return !(RF(s) & CS_R_DISABLED) && (RF(s) & (CS_DESTROYED | CS_ERRORED)) &&
         !(RF(s) & CS_R_END_EMITTED);
}
