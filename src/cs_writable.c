/*
** cs_writable.c - the writable side: write/writeOrBuffer, onwrite and the
** batching of synchronous completions, cork/uncork and _writev, end, _final,
** 'prefinish'/'finish'.  Behaviour is Node 20's writable.js.
*/
#include <string.h>

#include "cs_buf.h"

#define WF(s) ((s)->w.f)

/* Node's writeOrBuffer: chunk.length, so a string kept as one
** (decodeStrings = false) counts its UTF-16 code units; an object 1. */
static size_t wsize(const cs_stream *s, const cs_chunk *c, int enc) {
  if (WF(s) & CS_OBJECT_MODE) return 1;
  return enc != CS_ENC_BUFFER ? cs_utf16_len(c->p, c->len) : c->len;
}

static void clear_buffer(cs_stream *s);
static void after_write(cs_stream *s, size_t count, cs_ref cb);

static void call_cb(cs_stream *s, cs_ref cb, cs_ref err) {
  if (cb != CS_NOREF) s->host->callback(s, cb, err);
}

static CS_COLD cs_ref destroyed_err(cs_stream *s, const char *what) {
  return cs_mkerr(s, CS_ERR_DESTROYED, what);
}

static void reset_buffer(cs_stream *s) {
  WF(s) |= CS_W_ALL_BUFFERS | CS_W_ALL_NOOP;
  WF(s) &= ~CS_W_BUFFERED;
}

/* Hand one chunk (consumed) to _write, _transform or PassThrough. */
static void call_write(cs_stream *s, cs_chunk *c, int enc) {
  cs_ref err;
  if (s->kind & CS_K_TRANSFORM) { cs_t_write(s, c, enc); return; }
  err = s->host->write(s, c, enc);
  cs_unref(s, c->ref);
  /* A raise inside _write destroys the stream with that error, where Node
  ** would let the exception escape write(). */
  if (err != CS_NOREF) cs_destroy(s, err, CS_NOREF);
}

static void do_write_one(cs_stream *s, size_t len, cs_chunk *c, int enc,
                         cs_ref cb) {
  s->w.writelen = len;
  s->w.writecb = cb;
  WF(s) |= CS_W_WRITING | CS_W_SYNC | CS_W_EXPECT_WRITE_CB;
  if (WF(s) & CS_DESTROYED) {
    cs_unref(s, c->ref);
    cs_onwrite(s, destroyed_err(s, "Cannot call write after a stream was destroyed"));
  } else {
    call_write(s, c, enc);
  }
  WF(s) &= ~CS_W_SYNC;
}

/* writeOrBuffer's return, once the chunk is written or buffered. */
static int write_ret(cs_stream *s) {
  int ret = s->w.length < s->w.hwm || s->w.length == 0;
  if (!ret) WF(s) |= CS_W_NEED_DRAIN;
  return ret && !(WF(s) & (CS_DESTROYED | CS_ERRORED));
}

/* A PassThrough's write of bytes while its readable side flows with
** nothing buffered: what writeOrBuffer, _write (Transform's), its
** callback(null, chunk), push and addChunk do then, with their tests made
** once by cs_write (PASS_W, PASS_R).  From the 'data' emit on, the code is
** theirs (cs_r_deliver, cs_t_pushed): it reads the state again. */
#define PASS_K (CS_K_TRANSFORM | CS_K_PASSTHROUGH)
#define PASS_W (CS_OBJECT_MODE | CS_W_WRITING | CS_ERRORED | CS_W_CORKED | \
                CS_CONSTRUCTED)
#define PASS_R (CS_OBJECT_MODE | CS_R_FLOWING | CS_R_SYNC | CS_R_DATA_LISTENING | \
                CS_R_ENDED | CS_DESTROYED | CS_ERRORED)

static int pass_through(cs_stream *s, const cs_chunk *c, cs_ref cb) {
  s->w.length += c->len;
  s->w.writelen = c->len;
  s->w.writecb = cb;
  WF(s) |= CS_W_WRITING | CS_W_SYNC | CS_W_EXPECT_WRITE_CB;
  s->t_len = 0;                 /* the readable length, 0 */
  s->r.f &= ~CS_R_READING;
  cs_r_deliver(s, c);
  cs_t_pushed(s);
  WF(s) &= ~CS_W_SYNC;
  return write_ret(s);
}

static int write_or_buffer(cs_stream *s, cs_chunk *c, int enc, cs_ref cb) {
  size_t len = wsize(s, c, enc);
  s->w.length += len;
  if ((WF(s) & (CS_W_WRITING | CS_ERRORED | CS_W_CORKED | CS_CONSTRUCTED)) !=
      CS_CONSTRUCTED) {
    cs_req e;
    e.c = *c;
    e.c.ref = cs_pin(s, c->ref);
    e.enc = enc;
    e.cb = cb;
    e.size = len;
    /* A pin that fails (out of memory) gives CS_NOREF: as a full ring. */
    if ((e.c.ref == CS_NOREF && c->ref != CS_NOREF) ||
        cs_ring_push(s, &s->w.buffered, &e) != 0) {
      s->w.length -= len;
      s->w.pendingcb--;
      cs_unref(s, e.c.ref);
      cs_unref(s, cb);
      cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_NOMEM, "out of memory"), 0);
      return 0;
    }
    WF(s) |= CS_W_BUFFERED;
    if (enc != CS_ENC_BUFFER) WF(s) &= ~CS_W_ALL_BUFFERS;
    if (cb != CS_NOREF) WF(s) &= ~CS_W_ALL_NOOP;
  } else {
    do_write_one(s, len, c, enc, cb);
  }
  return write_ret(s);
}

/* Is the stream in pass_through's state for bytes c (no conversion due)? */
#define PASS_OK(s, c) \
  (((s)->kind & PASS_K) == PASS_K && (c)->len > 0 && \
   (WF(s) & PASS_W) == CS_CONSTRUCTED && \
   ((s)->r.f & PASS_R) == (CS_R_FLOWING | CS_R_DATA_LISTENING) && \
   (s)->r.length == 0 && (s)->r.decoder == NULL)

static CS_NOINLINE int write_general(cs_stream *s, const cs_chunk *in, int enc,
                                     cs_ref cb, cs_ref *errp);

/* A stream other than a PassThrough that is idle, constructed and not
** ending, written a value that needs no conversion (any value in object
** mode, bytes otherwise): write_general, writeOrBuffer, doWrite and
** call_write in one, every step in their order.  What follows _write or
** _transform (its callback, a raise) reads the state again. */
#define DIRECT_W (CS_W_ENDING | CS_DESTROYED | CS_W_WRITING | CS_ERRORED | \
                  CS_W_CORKED | CS_CONSTRUCTED)
#define DIRECT_OK(s, enc) \
  (((s)->kind & PASS_K) != PASS_K && (WF(s) & DIRECT_W) == CS_CONSTRUCTED && \
   ((WF(s) & CS_OBJECT_MODE) || (enc) == CS_ENC_BUFFER))

static int direct_write(cs_stream *s, const cs_chunk *in, int enc, cs_ref cb) {
  cs_chunk c = *in;
  size_t len = wsize(s, &c, enc);
  s->w.pendingcb++;
  s->w.length += len;
  do_write_one(s, len, &c, enc, cb);
  return write_ret(s);
}

/* Bytes that need no conversion into a stream in pass_through's state (a
** pipe's writes between PassThroughs) are told apart before anything else,
** so their call copies and saves nothing the general path needs; so are
** the writes direct_write takes. */
int cs_write(cs_stream *s, const cs_chunk *in, int enc, cs_ref cb, cs_ref *errp) {
  if (DIRECT_OK(s, enc)) return direct_write(s, in, enc, cb);
  if (enc == CS_ENC_BUFFER && !(WF(s) & (CS_W_ENDING | CS_DESTROYED)) &&
      PASS_OK(s, in)) {
    s->w.pendingcb++;
    return pass_through(s, in, cb);
  }
  return write_general(s, in, enc, cb, errp);
}

static int write_general(cs_stream *s, const cs_chunk *in, int enc, cs_ref cb,
                         cs_ref *errp) {
  cs_chunk c = *in;
  cs_ref err = CS_NOREF;
  if (!(WF(s) & CS_OBJECT_MODE)) {
    if (enc < 0) enc = s->w.default_encoding;
    if (enc != CS_ENC_BUFFER && (WF(s) & CS_W_DECODE_STRINGS)) {
      if (enc != CS_ENC_UTF8) {
        /* Built in host scratch: nothing of the core's is live across
        ** newbytes, which may raise.  State is read again after it. */
        size_t bound = cs_encode_bound(enc, c.len), n;
        char *tmp = s->host->scratch(s, bound ? bound : 1);
        cs_chunk nc;
        if (tmp == NULL) {
          cs_unref(s, c.ref);
          goto nomem;
        }
        n = cs_encode(enc, c.p, c.len, tmp);
        cs_unref(s, c.ref);
        nc.len = n;
        nc.ref = s->host->newbytes(s, tmp, n, &nc.p);
        if (nc.ref == CS_NOREF) goto nomem;  /* out of memory in the host */
        c = nc;
      }
      enc = CS_ENC_BUFFER;
    }
  }
  if (WF(s) & CS_W_ENDING)
    err = cs_mkerr(s, CS_ERR_WRITE_AFTER_END, "write after end");
  else if (WF(s) & CS_DESTROYED)
    err = destroyed_err(s, "Cannot call write after a stream was destroyed");
  if (err != CS_NOREF) {
    cs_unref(s, c.ref);
    if (cb != CS_NOREF) cs_defer(s, CS_OP_CALL_CB, cb, cs_dup(s, err));
    cs_error_or_destroy(s, cs_dup(s, err), 1);
    if (errp) *errp = err;
    else cs_unref(s, err);
    return -1;
  }
  s->w.pendingcb++;
  if (enc == CS_ENC_BUFFER && PASS_OK(s, &c)) return pass_through(s, &c, cb);
  return write_or_buffer(s, &c, enc, cb);

nomem:
  cs_unref(s, cb);
  if (errp) *errp = CS_NOREF;
  cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_NOMEM, "out of memory"), 0);
  return -1;
}

void cs_set_default_encoding(cs_stream *s, int enc) {
  s->w.default_encoding = enc;
}

void cs_cork(cs_stream *s) {
  WF(s) |= CS_W_CORKED;
  s->w.corked++;
}

void cs_uncork(cs_stream *s) {
  if (s->w.corked) {
    s->w.corked--;
    if (!s->w.corked) WF(s) &= ~CS_W_CORKED;
    if (!(WF(s) & CS_W_WRITING)) clear_buffer(s);
  }
}

/* ---- completion ------------------------------------------------------------- */

static void call_finished_callbacks(cs_stream *s, cs_ref err) {
  cs_ref *cbs = s->w.onfinished;
  size_t i, n = s->w.nonfinished, cap = s->w.capfinished;
  if (n == 0) return;
  s->w.onfinished = NULL;
  s->w.nonfinished = s->w.capfinished = 0;
  for (i = 0; i < n; i++) {
    call_cb(s, cbs[i], err);
    cs_unref(s, cbs[i]);
  }
  s->host->alloc(s->ctx, cbs, cap * sizeof(cs_ref), 0);
}

void cs_w_error_buffer(cs_stream *s) {
  cs_ref err;
  if (WF(s) & CS_W_WRITING) return;
  while (s->w.buffered.n > 0) {
    cs_req e = *cs_ring_front(&s->w.buffered);
    cs_ring_shift(&s->w.buffered);
    s->w.length -= e.size;
    cs_unref(s, e.c.ref);
    err = s->errored != CS_NOREF && (WF(s) & CS_ERRORED)
        ? cs_dup(s, s->errored)
        : destroyed_err(s, "Cannot call write after a stream was destroyed");
    call_cb(s, e.cb, err);
    cs_unref(s, e.cb);
    cs_unref(s, err);
  }
  if (s->w.nonfinished) {
    err = s->errored != CS_NOREF && (WF(s) & CS_ERRORED)
        ? cs_dup(s, s->errored)
        : destroyed_err(s, "Cannot call end after a stream was destroyed");
    call_finished_callbacks(s, err);
    cs_unref(s, err);
  }
  reset_buffer(s);
}

static void set_errored(cs_stream *s, cs_ref er) {
  if (s->errored == CS_NOREF) s->errored = cs_dup(s, er);
  WF(s) |= CS_ERRORED;
  if (HAS_R(s)) s->r.f |= CS_ERRORED;
}

static CS_COLD void onwrite_error(cs_stream *s, cs_ref er, cs_ref cb) {
  s->w.pendingcb--;
  call_cb(s, cb, er);
  cs_unref(s, cb);
  cs_w_error_buffer(s);
  cs_error_or_destroy(s, er, 0);
}

/* A synchronous completion with a callback (owned): counted into the
** pending afterWriteTick when it is the same callback, else a new tick.
** Out of line: its request on the stack is not the common path's. */
static CS_NOINLINE void after_write_tick(cs_stream *s, cs_ref cb) {
  cs_req *last, e;
  if ((WF(s) & CS_W_AFTER_WRITE_TICK) && s->w.atw.n &&
      (last = cs_ring_at(&s->w.atw, s->w.atw.n - 1),
       s->host->same(s, last->cb, cb))) {
    last->enc++;
    cs_unref(s, cb);
    return;
  }
  memset(&e, 0, sizeof e);
  e.cb = cb;
  e.enc = 1;
  if (cs_ring_push(s, &s->w.atw, &e) != 0) {
    after_write(s, 1, cb);  /* no memory to defer: complete now */
    cs_unref(s, cb);
    return;
  }
  cs_defer(s, CS_OP_AFTER_WRITE_TICK, CS_NOREF, CS_NOREF);
  WF(s) |= CS_W_AFTER_WRITE_PENDING | CS_W_AFTER_WRITE_TICK;
}

void cs_onwrite(cs_stream *s, cs_ref er) {
  int sync;
  cs_ref cb;
  if (!(WF(s) & CS_W_EXPECT_WRITE_CB)) {
    cs_unref(s, er);
    cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_MULTIPLE_CALLBACK,
                                    "Callback called multiple times"), 0);
    return;
  }
  sync = (WF(s) & CS_W_SYNC) != 0;
  cb = s->w.writecb;
  s->w.writecb = CS_NOREF;
  WF(s) &= ~(CS_W_WRITING | CS_W_EXPECT_WRITE_CB);
  s->w.length -= s->w.writelen;
  s->w.writelen = 0;
  if (er != CS_NOREF) {
    set_errored(s, er);
    if (sync) cs_defer(s, CS_OP_ONWRITE_ERROR, er, cb);
    else onwrite_error(s, er, cb);
    return;
  }
  if (WF(s) & CS_W_BUFFERED) clear_buffer(s);
  if (sync) {
    if (cb == CS_NOREF) {
      /* Node's needTick (its cb is nop here): 'drain' due, or its test
      ** (state & (kDestroyed !== 0)), i.e. the object-mode bit. */
      if (!(WF(s) & CS_W_AFTER_WRITE_PENDING) &&
          ((WF(s) & CS_OBJECT_MODE) ||
           ((WF(s) & CS_W_NEED_DRAIN) && s->w.length == 0))) {
        cs_defer(s, CS_OP_AFTER_WRITE, CS_NOREF, CS_NOREF);
        WF(s) |= CS_W_AFTER_WRITE_PENDING;
      } else {
        s->w.pendingcb--;
        if (WF(s) & CS_W_ENDING) cs_w_finish_maybe(s, 1);
      }
    } else {
      after_write_tick(s, cb);
    }
  } else {
    after_write(s, 1, cb);
    cs_unref(s, cb);
  }
}

static void after_write(cs_stream *s, size_t count, cs_ref cb) {
  WF(s) &= ~CS_W_AFTER_WRITE_PENDING;
  if ((WF(s) & (CS_W_ENDING | CS_W_NEED_DRAIN | CS_DESTROYED)) == CS_W_NEED_DRAIN &&
      s->w.length == 0) {
    WF(s) &= ~CS_W_NEED_DRAIN;
    cs_emit(s, CS_EV_DRAIN);
  }
  while (count-- > 0) {
    s->w.pendingcb--;
    call_cb(s, cb, CS_NOREF);
  }
  if (WF(s) & CS_DESTROYED) cs_w_error_buffer(s);
  if (WF(s) & CS_W_ENDING) cs_w_finish_maybe(s, 1);
}

static void clear_buffer(cs_stream *s) {
  cs_ring *q = &s->w.buffered;
  if ((WF(s) & (CS_DESTROYED | CS_W_BUFFER_PROCESSING | CS_W_CORKED |
                CS_W_BUFFERED | CS_CONSTRUCTED)) !=
      (CS_W_BUFFERED | CS_CONSTRUCTED))
    return;
  if (q->n == 0) return;
  WF(s) |= CS_W_BUFFER_PROCESSING;
  if (q->n > 1 && s->host->has(s, CS_M_WRITEV)) {
    size_t n = q->n, i;
    cs_chunk *cs = (cs_chunk *)s->host->alloc(s->ctx, NULL, 0, n * sizeof(cs_chunk));
    int *encs = (int *)s->host->alloc(s->ctx, NULL, 0, n * sizeof(int));
    cs_ref *cbs = (cs_ref *)s->host->alloc(s->ctx, NULL, 0, n * sizeof(cs_ref));
    cs_ref cb = CS_NOREF, err;
    if (cs == NULL || encs == NULL || cbs == NULL) {
      if (cs) s->host->alloc(s->ctx, cs, n * sizeof(cs_chunk), 0);
      if (encs) s->host->alloc(s->ctx, encs, n * sizeof(int), 0);
      if (cbs) s->host->alloc(s->ctx, cbs, n * sizeof(cs_ref), 0);
      WF(s) &= ~CS_W_BUFFER_PROCESSING;
      cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_NOMEM, "out of memory"), 0);
      return;
    }
    for (i = 0; i < n; i++) {
      cs_req *e = cs_ring_at(q, i);
      cs[i] = e->c;
      encs[i] = e->enc;
      cbs[i] = e->cb;
    }
    /* The batch callback first, while the buffer still holds everything:
    ** out of memory (CS_NOREF), the writes stay buffered and the stream
    ** errors, which calls their callbacks (batch runs no Lua meanwhile). */
    if (!(WF(s) & CS_W_ALL_NOOP)) {
      cb = s->host->batch(s, cbs, n);
      if (cb == CS_NOREF) {
        s->host->alloc(s->ctx, cs, n * sizeof(cs_chunk), 0);
        s->host->alloc(s->ctx, encs, n * sizeof(int), 0);
        s->host->alloc(s->ctx, cbs, n * sizeof(cs_ref), 0);
        WF(s) &= ~CS_W_BUFFER_PROCESSING;
        cs_error_or_destroy(s, cs_mkerr(s, CS_ERR_NOMEM, "out of memory"), 0);
        return;
      }
    } else {
      for (i = 0; i < n; i++) cs_unref(s, cbs[i]);
    }
    s->w.pendingcb -= n - 1;
    q->head = q->n = 0;  /* the batch owns the refs now */
    s->host->alloc(s->ctx, cbs, n * sizeof(cs_ref), 0);
    s->w.writelen = s->w.length;
    s->w.writecb = cb;
    WF(s) |= CS_W_WRITING | CS_W_SYNC | CS_W_EXPECT_WRITE_CB;
    if (WF(s) & CS_DESTROYED) {
      cs_onwrite(s, destroyed_err(s, "Cannot call write after a stream was destroyed"));
    } else {
      err = s->host->writev(s, cs, encs, n);
      if (err != CS_NOREF) cs_destroy(s, err, CS_NOREF);
    }
    WF(s) &= ~CS_W_SYNC;
    /* Node resets the queue after _writev, so a synchronous callback still
    ** sees it buffered (and does not finish early); writes _writev itself
    ** queued stay queued. */
    if (q->n == 0) reset_buffer(s);
    for (i = 0; i < n; i++) cs_unref(s, cs[i].ref);
    s->host->alloc(s->ctx, cs, n * sizeof(cs_chunk), 0);
    s->host->alloc(s->ctx, encs, n * sizeof(int), 0);
  } else {
    do {
      cs_req e = *cs_ring_front(q);
      cs_ring_shift(q);
      do_write_one(s, e.size, &e.c, e.enc, e.cb);
    } while (q->n > 0 && !(WF(s) & CS_W_WRITING));
    if (q->n == 0) reset_buffer(s);
  }
  WF(s) &= ~CS_W_BUFFER_PROCESSING;
}

void cs_w_on_constructed(cs_stream *s) {
  if (!(WF(s) & CS_W_WRITING)) clear_buffer(s);
  if (WF(s) & CS_W_ENDING) cs_w_finish_maybe(s, 0);
}

/* ---- end / final / finish ---------------------------------------------------- */

static int need_finish(const cs_stream *s) {
  return (WF(s) & (CS_W_ENDING | CS_DESTROYED | CS_CONSTRUCTED | CS_W_FINISHED |
                   CS_W_WRITING | CS_ERROR_EMITTED | CS_CLOSE_EMITTED |
                   CS_ERRORED | CS_W_BUFFERED)) ==
           (CS_W_ENDING | CS_CONSTRUCTED) &&
         s->w.length == 0;
}

static void finish(cs_stream *s) {
  s->w.pendingcb--;
  WF(s) |= CS_W_FINISHED;
  call_finished_callbacks(s, CS_NOREF);
  cs_emit(s, CS_EV_FINISH);
  if (WF(s) & CS_AUTO_DESTROY) {
    int autodestroy = !HAS_R(s) ||
      ((s->r.f & CS_AUTO_DESTROY) &&
       (s->r.f & (CS_R_END_EMITTED | CS_R_DISABLED)));
    if (autodestroy) cs_destroy(s, CS_NOREF, CS_NOREF);
  }
}

void cs_onfinal(cs_stream *s, cs_ref err) {
  if (WF(s) & CS_W_PREFINISHED) {
    if (err == CS_NOREF)
      err = cs_mkerr(s, CS_ERR_MULTIPLE_CALLBACK, "Callback called multiple times");
    cs_error_or_destroy(s, err, 0);
    return;
  }
  s->w.pendingcb--;
  if (err != CS_NOREF) {
    call_finished_callbacks(s, err);
    cs_error_or_destroy(s, err, (WF(s) & CS_W_SYNC) != 0);
  } else if (need_finish(s)) {
    WF(s) |= CS_W_PREFINISHED;
    /* A Transform's own 'prefinish' listener (lua/cstream/init.lua) flushes
    ** when the user replaced _final. */
    cs_emit(s, CS_EV_PREFINISH);
    s->w.pendingcb++;
    cs_defer(s, CS_OP_FINISH, CS_NOREF, CS_NOREF);
  }
}

static void prefinish(cs_stream *s) {
  int transform = (s->kind & CS_K_TRANSFORM) != 0;
  int user_final;
  if (WF(s) & (CS_W_PREFINISHED | CS_W_FINAL_CALLED)) return;
  user_final = s->host->has(s, CS_M_FINAL);
  if ((transform || user_final) && !(WF(s) & CS_DESTROYED)) {
    cs_ref err = CS_NOREF;
    WF(s) |= CS_W_FINAL_CALLED | CS_W_SYNC;
    s->w.pendingcb++;
    if (user_final) err = s->host->final(s);
    else cs_t_final(s, 1);
    if (err != CS_NOREF) cs_onfinal(s, err);
    WF(s) &= ~CS_W_SYNC;
  } else {
    WF(s) |= CS_W_FINAL_CALLED | CS_W_PREFINISHED;
    cs_emit(s, CS_EV_PREFINISH);
  }
}

void cs_w_finish_maybe(cs_stream *s, int sync) {
  if (!need_finish(s)) return;
  prefinish(s);
  if (s->w.pendingcb == 0) {
    if (sync) {
      s->w.pendingcb++;
      cs_defer(s, CS_OP_FINISH_MAYBE, CS_NOREF, CS_NOREF);
    } else if (need_finish(s)) {
      s->w.pendingcb++;
      finish(s);
    }
  }
}

void cs_end(cs_stream *s, const cs_chunk *c, int enc, cs_ref cb) {
  cs_ref err = CS_NOREF;
  if (c != NULL && cs_write(s, c, enc, CS_NOREF, &err) >= 0) err = CS_NOREF;
  if (WF(s) & CS_W_CORKED) {
    s->w.corked = 1;
    cs_uncork(s);
  }
  if (err != CS_NOREF) {
    /* the write already reported it */
  } else if (!(WF(s) & (CS_W_ENDING | CS_ERRORED))) {
    WF(s) |= CS_W_ENDING;
    cs_w_finish_maybe(s, 1);
    WF(s) |= CS_W_ENDED;
  } else if (WF(s) & CS_W_FINISHED) {
    err = cs_mkerr(s, CS_ERR_ALREADY_FINISHED,
                   "Cannot call end after a stream was finished");
  } else if (WF(s) & CS_DESTROYED) {
    err = destroyed_err(s, "Cannot call end after a stream was destroyed");
  }
  if (cb != CS_NOREF) {
    if (err != CS_NOREF) {
      cs_defer(s, CS_OP_CALL_CB, cb, cs_dup(s, err));
    } else if (WF(s) & CS_ERRORED) {
      cs_defer(s, CS_OP_CALL_CB, cb, cs_dup(s, s->errored));
    } else if (WF(s) & CS_W_FINISHED) {
      cs_defer(s, CS_OP_CALL_CB, cb, CS_NOREF);
    } else {
      if (s->w.nonfinished == s->w.capfinished) {
        size_t ncap = s->w.capfinished ? s->w.capfinished * 2 : 4;
        cs_ref *na = (cs_ref *)s->host->alloc(s->ctx, s->w.onfinished,
                                              s->w.capfinished * sizeof(cs_ref),
                                              ncap * sizeof(cs_ref));
        if (na == NULL) {   /* never dropped: cb hears of it, as 'error' does */
          cs_ref e = cs_mkerr(s, CS_ERR_NOMEM, "out of memory");
          cs_ref e2 = cs_dup(s, e);
          cs_error_or_destroy(s, e, 0);
          cs_defer(s, CS_OP_CALL_CB, cb, e2);
          cs_unref(s, err);
          return;
        }
        s->w.onfinished = na;
        s->w.capfinished = ncap;
      }
      s->w.onfinished[s->w.nonfinished++] = cb;
    }
  }
  cs_unref(s, err);
}

/* ---- deferred ops ---------------------------------------------------------- */

void cs_run_writable(cs_stream *s, int op, cs_ref a, cs_ref b) {
  switch (op) {
    case CS_OP_AFTER_WRITE:
      after_write(s, 1, CS_NOREF);
      break;
    case CS_OP_AFTER_WRITE_TICK: {
      cs_req e;
      if (s->w.atw.n == 0) break;
      e = *cs_ring_front(&s->w.atw);
      cs_ring_shift(&s->w.atw);
      WF(s) &= ~CS_W_AFTER_WRITE_TICK;
      after_write(s, (size_t)e.enc, e.cb);
      cs_unref(s, e.cb);
      break;
    }
    case CS_OP_ONWRITE_ERROR:
      onwrite_error(s, a, b);
      return;
    case CS_OP_FINISH:
      finish(s);
      break;
    case CS_OP_FINISH_MAYBE:
      if (need_finish(s)) finish(s);
      else s->w.pendingcb--;
      break;
    case CS_OP_CALL_CB:
      call_cb(s, a, b);
      break;
    case CS_OP_ERROR_BUFFER:
      cs_w_error_buffer(s);
      break;
    case CS_OP_ONWRITE:
      cs_onwrite(s, a);
      return;
    default:
      break;
  }
  cs_unref(s, a);
  cs_unref(s, b);
}

/* ---- properties ---------------------------------------------------------- */

int cs_writable(const cs_stream *s) {
  return HAS_W(s) && !(WF(s) & (CS_W_DISABLED | CS_W_ENDING | CS_W_ENDED |
                                CS_DESTROYED | CS_ERRORED));
}

int cs_need_drain(const cs_stream *s) {
  return HAS_W(s) &&
         (WF(s) & (CS_DESTROYED | CS_W_ENDING | CS_W_NEED_DRAIN)) == CS_W_NEED_DRAIN;
}

int cs_writable_aborted(const cs_stream *s) {
  return !(WF(s) & CS_W_DISABLED) && (WF(s) & (CS_DESTROYED | CS_ERRORED)) &&
         !(WF(s) & CS_W_FINISHED);
}
