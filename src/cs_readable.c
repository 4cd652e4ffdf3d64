/*
** cs_readable.c - the readable side: push/unshift, read(n), 'readable' and
** 'data' delivery, flowing and paused modes, end of stream.  Behaviour is
** Node 20's lib/internal/streams/readable.js; names follow its functions.
*/
#include <math.h>
#include <string.h>

#include "cs_buf.h"

#define RF(s) ((s)->r.f)

static size_t clen(const cs_stream *s, const cs_chunk *c) {
  return (RF(s) & CS_OBJECT_MODE) ? 1 : c->len;
}

static void emit_readable(cs_stream *s);
static void maybe_read_more(cs_stream *s);
static void end_readable(cs_stream *s);

static void clear_await_drain(cs_stream *s) {
  if (RF(s) & CS_R_AWAIT_DRAIN) {
    if (!(RF(s) & CS_R_MULTI_AWAIT_DRAIN)) RF(s) &= ~CS_R_AWAIT_DRAIN;
    s->host->clear_await_drain(s);
  }
}

static int can_push_more(const cs_stream *s) {
  return !(RF(s) & CS_R_ENDED) &&
         (s->r.length < s->r.hwm || s->r.length == 0);
}

/* Scratch memory from the host allocator, for conversions. */
static char *scratch(cs_stream *s, size_t n) {
  return (char *)s->host->alloc(s->ctx, NULL, 0, n ? n : 1);
}
static void unscratch(cs_stream *s, char *p, size_t n) {
  s->host->alloc(s->ctx, p, n ? n : 1, 0);
}

/* Replace *c (owned) by bytes made with f(); returns 0, or -1 on OOM. */
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
  tmp = scratch(s, bound);
  if (tmp == NULL) return -1;
  n = decode_to >= 0 ? cs_decode_all(decode_to, c->p, c->len, tmp)
                     : cs_encode(enc, c->p, c->len, tmp);
  nc.len = n;
  nc.ref = s->host->newbytes(s, tmp, n, &nc.p);
  unscratch(s, tmp, bound);
  cs_unref(s, c->ref);
  *c = nc;
  return 0;
}

static int decode_chunk(cs_stream *s, cs_chunk *c) {
  size_t bound = cs_decoder_bound(s->r.decoder, c->len), n;
  char *tmp = scratch(s, bound);
  cs_chunk nc;
  if (tmp == NULL) return -1;
  n = cs_decoder_write(s->r.decoder, c->p, c->len, tmp);
  nc.len = n;
  nc.ref = n ? s->host->newbytes(s, tmp, n, &nc.p) : CS_NOREF;
  if (!n) nc.p = NULL;
  unscratch(s, tmp, bound);
  cs_unref(s, c->ref);
  *c = nc;
  return 0;
}

static void nomem(cs_stream *s) {
  cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_NOMEM, "out of memory"), 0);
}

/* addChunk: deliver at once when flowing with nothing buffered, else buffer.
** Consumes c. */
static void add_chunk(cs_stream *s, cs_chunk *c, int front) {
  if ((RF(s) & (CS_R_FLOWING | CS_R_SYNC | CS_R_DATA_LISTENING)) ==
        (CS_R_FLOWING | CS_R_DATA_LISTENING) && s->r.length == 0) {
    clear_await_drain(s);
    RF(s) |= CS_R_DATA_EMITTED;
    s->host->emit(s, CS_EV_DATA, c, CS_NOREF);
    cs_unref(s, c->ref);
  } else {
    cs_req e;
    int rc;
    memset(&e, 0, sizeof e);
    e.c = *c;
    e.c.ref = cs_pin(s, c->ref);
    rc = front ? cs_ring_unshift(s, &s->r.buf, &e) : cs_ring_push(s, &s->r.buf, &e);
    if (rc != 0) { cs_unref(s, e.c.ref); nomem(s); return; }
    if (front && s->r.bufidx > 0) s->r.bufidx--;  /* buffer[--bufferIndex] */
    s->r.length += clen(s, c);
    if (RF(s) & CS_R_NEED_READABLE) emit_readable(s);
  }
  maybe_read_more(s);
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
      if (cs_ring_push(s, &s->r.buf, &e) != 0) cs_unref(s, e.c.ref);
      else s->r.length += (RF(s) & CS_OBJECT_MODE) ? 1 : n;
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
  if (front && s->r.encoding != CS_ENC_BUFFER && enc != s->r.encoding) {
    /* unshift keeps the buffer homogeneous: store text in the decoder's
    ** encoding (Buffer.from(chunk, enc).toString(state.encoding)). */
    if (enc != CS_ENC_BUFFER && enc != CS_ENC_UTF8 && convert(s, &c, enc, -1) != 0)
      goto oom;
    if (convert(s, &c, CS_ENC_BUFFER, s->r.encoding) != 0) goto oom;
    enc = s->r.encoding;
  } else if (enc != CS_ENC_BUFFER && enc != s->r.encoding) {
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
    maybe_read_more(s);
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
      maybe_read_more(s);
      return can_push_more(s);
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

int cs_push(cs_stream *s, const cs_chunk *c, int enc) {
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

static double how_much_to_read(const cs_stream *s, double n) {
  if (n <= 0 || (s->r.length == 0 && (RF(s) & CS_R_ENDED))) return 0;
  if (RF(s) & CS_OBJECT_MODE) return 1;
  if (isnan(n)) {
    if ((RF(s) & CS_R_FLOWING) && s->r.length)
      return (double)cs_ring_front(&s->r.buf)->c.len;
    return (double)s->r.length;
  }
  if (n <= (double)s->r.length) return n;
  return (RF(s) & CS_R_ENDED) ? (double)s->r.length : 0;
}

/* Take a whole chunk off the front. */
static void take_front(cs_stream *s, cs_chunk *out) {
  *out = cs_ring_front(&s->r.buf)->c;
  cs_ring_shift(&s->r.buf);
}

/* Copy and drop the next k bytes of the buffer into tmp (k <= what is there
** unless the buffer runs out); returns the bytes copied. */
static size_t drain_bytes(cs_stream *s, char *tmp, size_t k, size_t *consumed) {
  cs_ring *q = &s->r.buf;
  size_t got = 0;
  while (got < k && q->n > 0) {
    cs_req *f = cs_ring_front(q);
    size_t m = f->c.len <= k - got ? f->c.len : k - got;
    memcpy(tmp + got, f->c.p, m);
    got += m;
    if (m == f->c.len) {
      cs_unref(s, f->c.ref);
      cs_ring_shift(q);
      (*consumed)++;
    } else {
      f->c.p += m;
      f->c.len -= m;
    }
  }
  return got;
}

/* fromList: n bytes (or one object) off the buffer; 0 when empty.  Branch
** for branch Node's, including its decoder branch, which compares n with the
** buffer array's length (bufidx + live chunks) and can leave an empty string
** at the front: behaviour users of setEncoding + read(n) observe. */
static int from_list(cs_stream *s, size_t n, cs_chunk *out) {
  cs_ring *q = &s->r.buf;
  cs_req *f;
  size_t consumed = 0, alen = s->r.bufidx + q->n;   /* Node's buf.length */
  int got = 1;
  if (s->r.length == 0) return 0;
  if (q->n == 0) {
    /* Only after Node's decoder overshoot (length above what is held): its
    ** read-all branch then returns "" and the length drops by n. */
    if (!s->r.decoder || n < s->r.length) return 0;
    out->len = 0;
    out->ref = s->host->newbytes(s, "", 0, &out->p);
    return 1;
  }
  f = cs_ring_front(q);
  if ((RF(s) & CS_OBJECT_MODE) || (n >= s->r.length && q->n == 1) ||
      (n < s->r.length && n == f->c.len)) {
    take_front(s, out);
    consumed = 1;
  } else if (n < s->r.length && n < f->c.len) {
    out->len = n;
    out->ref = s->host->newbytes(s, f->c.p, n, &out->p);
    f = cs_ring_front(q);
    f->c.p += n;
    f->c.len -= n;
  } else {
    /* Across chunks: assemble once. */
    size_t total = 0, i, want, len;
    char *tmp;
    for (i = 0; i < q->n; i++) total += cs_ring_at(q, i)->c.len;
    want = n >= s->r.length ? total : (n < total ? n : total);
    if (s->r.decoder && n < s->r.length) want = total;  /* may overshoot */
    tmp = scratch(s, want);
    if (tmp == NULL) { nomem(s); return 0; }
    if (n >= s->r.length || !s->r.decoder) {
      len = drain_bytes(s, tmp, want, &consumed);
    } else {
      size_t rem = n;
      len = 0;
      while (q->n > 0) {
        f = cs_ring_front(q);
        if (rem > f->c.len) {     /* whole chunk, "" included */
          memcpy(tmp + len, f->c.p, f->c.len);
          len += f->c.len;
          rem -= f->c.len;
          cs_unref(s, f->c.ref);
          cs_ring_shift(q);
          consumed++;
        } else {
          if (rem == alen) {          /* Node: n === buf.length */
            len += drain_bytes(s, tmp + len, f->c.len, &consumed);
          } else {                    /* may leave "" at the front */
            memcpy(tmp + len, f->c.p, rem);
            len += rem;
            f->c.p += rem;
            f->c.len -= rem;
          }
          break;
        }
      }
    }
    out->len = len;
    out->ref = s->host->newbytes(s, tmp, len, &out->p);
    unscratch(s, tmp, want);
  }
  /* Node's bufferIndex after fromList */
  if (q->n == 0 || s->r.bufidx + consumed > 1024) s->r.bufidx = 0;
  else s->r.bufidx += consumed;
  return got;
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

int cs_read(cs_stream *s, int has_n, double n, cs_chunk *out) {
  double norig;
  int doread, got = 0;
  cs_chunk ret;
  if (!has_n) n = NAN;
  else if (!isnan(n)) n = trunc(n);
  norig = n;
  if (n > (double)s->r.hwm && n <= (double)CS_MAX_HWM)
    s->r.hwm = next_pow2((size_t)n);
  if (n != 0) RF(s) &= ~CS_R_EMITTED_READABLE;
  if (n == 0 && (RF(s) & CS_R_NEED_READABLE) &&
      ((s->r.hwm != 0 ? s->r.length >= s->r.hwm : s->r.length > 0) ||
       (RF(s) & CS_R_ENDED))) {
    if (s->r.length == 0 && (RF(s) & CS_R_ENDED)) end_readable(s);
    else emit_readable(s);
    return 0;
  }
  n = how_much_to_read(s, n);
  if (n == 0 && (RF(s) & CS_R_ENDED)) {
    if (s->r.length == 0) end_readable(s);
    return 0;
  }
  doread = (RF(s) & CS_R_NEED_READABLE) != 0;
  if (s->r.length == 0 || (double)s->r.length - n < (double)s->r.hwm)
    doread = 1;
  if ((RF(s) & (CS_R_READING | CS_R_ENDED | CS_DESTROYED | CS_ERRORED |
                CS_CONSTRUCTED)) != CS_CONSTRUCTED) {
    doread = 0;
  } else if (doread) {
    RF(s) |= CS_R_READING | CS_R_SYNC;
    if (s->r.length == 0) RF(s) |= CS_R_NEED_READABLE;
    call_read(s, s->r.hwm);
    RF(s) &= ~CS_R_SYNC;
    if (!(RF(s) & CS_R_READING)) n = how_much_to_read(s, norig);
  }
  if (n > 0) got = from_list(s, (size_t)n, &ret);
  if (!got) {
    if (s->r.length <= s->r.hwm) RF(s) |= CS_R_NEED_READABLE;
    n = 0;
  } else {
    /* Node subtracts what was asked for, even where its decoder branch
    ** handed out more. */
    s->r.length = (double)s->r.length > n ? s->r.length - (size_t)n : 0;
    clear_await_drain(s);
  }
  if (s->r.length == 0) {
    if (!(RF(s) & CS_R_ENDED)) RF(s) |= CS_R_NEED_READABLE;
    if (norig != n && (RF(s) & CS_R_ENDED)) end_readable(s);
  }
  if (got && !(RF(s) & (CS_ERROR_EMITTED | CS_CLOSE_EMITTED))) {
    RF(s) |= CS_R_DATA_EMITTED;
    s->host->emit(s, CS_EV_DATA, &ret, CS_NOREF);
  }
  if (got) {
    if (out) *out = ret;
    else cs_unref(s, ret.ref);
  }
  return got;
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

static void maybe_read_more(cs_stream *s) {
  if ((RF(s) & (CS_R_READING_MORE | CS_CONSTRUCTED)) == CS_CONSTRUCTED) {
    RF(s) |= CS_R_READING_MORE;
    cs_defer(s, CS_OP_MAYBE_READ_MORE, CS_NOREF, CS_NOREF);
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
  if (RF(s) & CS_R_NEED_READABLE) maybe_read_more(s);
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

int cs_set_encoding(cs_stream *s, int enc) {
  cs_ring *q = &s->r.buf;
  size_t total = 0, n = 0, i, cnt = q->n, bound;
  char *tmp;
  cs_decoder *d = s->r.decoder;
  int text = d != NULL;  /* what is buffered was decoded already */
  if (enc == CS_ENC_BUFFER) enc = CS_ENC_UTF8;  /* setEncoding(null) */
  if (d == NULL) {
    d = (cs_decoder *)s->host->alloc(s->ctx, NULL, 0, sizeof *d);
    if (d == NULL) return -1;
    s->r.decoder = d;
  }
  cs_decoder_init(d, enc);  /* a new decoder: Node drops the old one's tail */
  s->r.encoding = enc;
  if ((RF(s) & CS_OBJECT_MODE) || cnt == 0) return 0;
  /* Buffered bytes go through the new decoder; buffered text stays as it is
  ** (StringDecoder.write of a string returns it); either way one chunk. */
  for (i = 0; i < cnt; i++) total += cs_ring_at(q, i)->c.len;
  bound = text ? total : cs_decoder_bound(d, total);  /* once: writes change d */
  tmp = scratch(s, bound);
  if (tmp == NULL) return -1;
  for (i = 0; i < cnt; i++) {
    cs_req *e = cs_ring_at(q, i);
    if (text) {
      memcpy(tmp + n, e->c.p, e->c.len);
      n += e->c.len;
    } else {
      n += cs_decoder_write(d, e->c.p, e->c.len, tmp + n);
    }
  }
  cs_ring_clear(s, q);
  s->r.length = 0;
  s->r.bufidx = 0;
  if (n) {
    cs_req e;
    memset(&e, 0, sizeof e);
    e.c.len = n;
    e.c.ref = s->host->newbytes(s, tmp, n, &e.c.p);
    if (cs_ring_push(s, q, &e) == 0) s->r.length = n;
    else cs_unref(s, e.c.ref);
  }
  unscratch(s, tmp, bound);
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
