/*
** cs_destroy.c - creation, destroy/errorOrDestroy (one 'error', one 'close'),
** _construct, and the dispatch of deferred ops.  Node 20's destroy.js.
*/
#include <string.h>

#include "cs_buf.h"

static const char *const evnames[CS_EV__COUNT] = {
  "readable", "data", "end", "pause", "resume", "close", "error", "drain",
  "finish", "prefinish"
};

static const char *const errnames[CS_ERR__COUNT] = {
  "ERR_STREAM_WRITE_AFTER_END", "ERR_STREAM_PUSH_AFTER_EOF",
  "ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "ERR_STREAM_DESTROYED",
  "ERR_STREAM_PREMATURE_CLOSE", "ERR_STREAM_NULL_VALUES",
  "ERR_MULTIPLE_CALLBACK", "ERR_INVALID_ARG_TYPE", "ERR_METHOD_NOT_IMPLEMENTED",
  "ERR_STREAM_ALREADY_FINISHED", "ERR_STREAM_CANNOT_PIPE",
  "ERR_UNKNOWN_ENCODING", "ERR_OUT_OF_RANGE", "ENOMEM"
};

const char *cs_ev_name(int ev) {
  return ev >= 0 && ev < CS_EV__COUNT ? evnames[ev] : "?";
}

const char *cs_err_name(int code) {
  return code >= 0 && code < CS_ERR__COUNT ? errnames[code] : "?";
}

void cs_opts_default(cs_opts *o) {
  memset(o, 0, sizeof *o);
  o->hwm[0] = o->hwm[1] = -1;
  o->emit_close = o->auto_destroy = o->allow_half_open = o->decode_strings = 1;
  o->encoding = -1;
  o->default_encoding = CS_ENC_UTF8;
  o->readable = o->writable = 1;
  o->default_hwm[0] = CS_DEFAULT_HWM;
  o->default_hwm[1] = CS_DEFAULT_OBJ_HWM;
}

static size_t pick_hwm(const cs_opts *o, double v, int objmode) {
  if (v < 0) return o->default_hwm[objmode ? 1 : 0];
  return (size_t)v;
}

int cs_init(cs_stream *s, const cs_host *h, void *ctx, uint32_t kind,
            const cs_opts *o) {
  cs_opts def;
  memset(s, 0, sizeof *s);
  s->host = h;
  s->ctx = ctx;
  s->kind = kind;
  if (o == NULL) { cs_opts_default(&def); o = &def; }
  if (o->allow_half_open || !(kind & CS_K_READABLE) || !(kind & CS_K_WRITABLE))
    s->kind |= CS_K_HALF_OPEN;
  s->r.f = CS_EMIT_CLOSE | CS_AUTO_DESTROY | CS_CONSTRUCTED | CS_R_SYNC;
  s->w.f = CS_W_SYNC | CS_CONSTRUCTED | CS_EMIT_CLOSE | CS_AUTO_DESTROY |
           CS_W_ALL_BUFFERS | CS_W_ALL_NOOP;
  if (o->object_mode[0]) s->r.f |= CS_OBJECT_MODE;
  if (o->object_mode[1]) s->w.f |= CS_OBJECT_MODE;
  s->r.hwm = pick_hwm(o, o->hwm[0], o->object_mode[0]);
  s->w.hwm = pick_hwm(o, o->hwm[1], o->object_mode[1]);
  /* Node's Transform: a readable highWaterMark of 0 makes the writable one
  ** `writableHighWaterMark || 0`, never the default. */
  if ((kind & CS_K_TRANSFORM) && o->hwm[0] == 0 && o->hwm[1] < 0) s->w.hwm = 0;
  if (o->decode_strings) s->w.f |= CS_W_DECODE_STRINGS;
  if (!o->emit_close) { s->r.f &= ~CS_EMIT_CLOSE; s->w.f &= ~CS_EMIT_CLOSE; }
  if (!o->auto_destroy) { s->r.f &= ~CS_AUTO_DESTROY; s->w.f &= ~CS_AUTO_DESTROY; }
  s->r.default_encoding = s->w.default_encoding = o->default_encoding;
  s->r.encoding = CS_ENC_BUFFER;
  if ((kind & CS_K_READABLE) && (kind & CS_K_WRITABLE)) {
    if (!o->readable) s->r.f |= CS_R_DISABLED | CS_R_ENDED | CS_R_END_EMITTED;
    if (!o->writable)
      s->w.f |= CS_W_DISABLED | CS_W_ENDING | CS_W_ENDED | CS_W_FINISHED;
  }
  if (kind & CS_K_TRANSFORM) s->r.f &= ~CS_R_SYNC;
  if (o->encoding >= 0 && o->encoding != CS_ENC_BUFFER) {
    s->r.decoder = (cs_decoder *)h->alloc(ctx, NULL, 0, sizeof(cs_decoder));
    if (s->r.decoder == NULL) return CS_ERR_NOMEM;
    cs_decoder_init(s->r.decoder, o->encoding);
    s->r.encoding = o->encoding;
  }
  return 0;
}

void cs_free(cs_stream *s) {
  size_t i;
  if (s->host == NULL) return;
  cs_ring_free(s, &s->r.buf);
  cs_ring_free(s, &s->w.buffered);
  cs_ring_free(s, &s->w.atw);
  for (i = 0; i < s->w.nonfinished; i++) cs_unref(s, s->w.onfinished[i]);
  if (s->w.onfinished)
    s->host->alloc(s->ctx, s->w.onfinished, s->w.capfinished * sizeof(cs_ref), 0);
  s->w.onfinished = NULL;
  s->w.nonfinished = s->w.capfinished = 0;
  cs_unref(s, s->w.writecb);
  cs_unref(s, s->errored);
  cs_unref(s, s->destroy_cb);
  cs_unref(s, s->destroy_err);
  s->w.writecb = s->errored = s->destroy_cb = s->destroy_err = CS_NOREF;
  if (s->r.decoder) s->host->alloc(s->ctx, s->r.decoder, sizeof(cs_decoder), 0);
  s->r.decoder = NULL;
  s->host = NULL;
}

/* ---- destroy ------------------------------------------------------------- */

static int any(const cs_stream *s, uint32_t bit) {
  return (HAS_W(s) && (s->w.f & bit)) || (HAS_R(s) && (s->r.f & bit));
}

static void set_both(cs_stream *s, uint32_t bit) {
  if (HAS_W(s)) s->w.f |= bit;
  if (HAS_R(s)) s->r.f |= bit;
}

/* checkError: remember the first error on each side. */
static void check_error(cs_stream *s, cs_ref err) {
  if (err == CS_NOREF) return;
  if (s->errored == CS_NOREF) s->errored = cs_dup(s, err);
  set_both(s, CS_ERRORED);
}

static void start_destroy(cs_stream *s, cs_ref err, cs_ref cb) {
  cs_ref e;
  s->kind &= ~CS_K_DESTROY_CALLED;
  cs_unref(s, s->destroy_cb);
  s->destroy_cb = cb;
  if (s->host->has(s, CS_M_DESTROY)) {
    e = s->host->destroy(s, err);
  } else {                  /* Node's default _destroy: callback(err) */
    cs_ondestroy(s, cs_dup(s, err));
    e = CS_NOREF;
  }
  cs_unref(s, err);
  if (e != CS_NOREF) cs_ondestroy(s, e);
}

void cs_destroy(cs_stream *s, cs_ref err, cs_ref cb) {
  uint32_t sf;
  if (any(s, CS_DESTROYED)) {
    if (cb != CS_NOREF) s->host->callback(s, cb, CS_NOREF);
    cs_unref(s, cb);
    cs_unref(s, err);
    return;
  }
  if (HAS_W(s) && ((s->w.f & CS_W_BUFFERED) || s->w.nonfinished))
    cs_defer(s, CS_OP_ERROR_BUFFER, CS_NOREF, CS_NOREF);
  check_error(s, err);
  set_both(s, CS_DESTROYED);
  sf = HAS_W(s) ? s->w.f : s->r.f;
  if (!(sf & CS_CONSTRUCTED)) {
    /* _destroy waits for _construct to call back. */
    s->kind |= CS_K_DESTROY_WAITING;
    cs_unref(s, s->destroy_err);
    s->destroy_err = err;
    cs_unref(s, s->destroy_cb);
    s->destroy_cb = cb;
  } else {
    start_destroy(s, err, cb);
  }
}

void cs_ondestroy(cs_stream *s, cs_ref err) {
  cs_ref cb;
  if (s->kind & CS_K_DESTROY_CALLED) { cs_unref(s, err); return; }
  s->kind |= CS_K_DESTROY_CALLED;
  check_error(s, err);
  set_both(s, CS_CLOSED);
  cb = s->destroy_cb;
  s->destroy_cb = CS_NOREF;
  if (cb != CS_NOREF) {
    s->host->callback(s, cb, err);
    cs_unref(s, cb);
  }
  if (err != CS_NOREF) cs_defer(s, CS_OP_EMIT_ERROR_CLOSE, err, CS_NOREF);
  else cs_defer(s, CS_OP_EMIT_CLOSE, CS_NOREF, CS_NOREF);
}

void cs_emit_error_nt(cs_stream *s, cs_ref err) {
  if (any(s, CS_ERROR_EMITTED)) return;
  set_both(s, CS_ERROR_EMITTED);
  s->host->emit(s, CS_EV_ERROR, NULL, err);
}

void cs_emit_close_nt(cs_stream *s) {
  set_both(s, CS_CLOSE_EMITTED);
  if (any(s, CS_EMIT_CLOSE)) cs_emit(s, CS_EV_CLOSE);
}

void cs_error_or_destroy(cs_stream *s, cs_ref err, int sync) {
  if (any(s, CS_DESTROYED)) { cs_unref(s, err); return; }
  if (any(s, CS_AUTO_DESTROY)) {
    cs_destroy(s, err, CS_NOREF);
  } else if (err != CS_NOREF) {
    check_error(s, err);
    if (sync) {
      cs_defer(s, CS_OP_EMIT_ERROR, err, CS_NOREF);
    } else {
      cs_emit_error_nt(s, err);
      cs_unref(s, err);
    }
  }
}

/* ---- construct ------------------------------------------------------------ */

void cs_construct(cs_stream *s) {
  if (HAS_R(s)) s->r.f &= ~CS_CONSTRUCTED;
  if (HAS_W(s)) s->w.f &= ~CS_CONSTRUCTED;
  cs_defer(s, CS_OP_CONSTRUCT, CS_NOREF, CS_NOREF);
}

void cs_onconstruct(cs_stream *s, cs_ref err) {
  cs_defer(s, CS_OP_ONCONSTRUCT, err, CS_NOREF);
}

static void on_construct(cs_stream *s, cs_ref err) {
  if (s->kind & CS_K_CONSTRUCT_CALLED) {
    if (err == CS_NOREF)
      err = cs_mkerr(s, CS_ERR_MULTIPLE_CALLBACK, "Callback called multiple times");
    cs_error_or_destroy(s, err, 0);
    return;
  }
  s->kind |= CS_K_CONSTRUCT_CALLED;
  set_both(s, CS_CONSTRUCTED);
  if ((HAS_W(s) ? s->w.f : s->r.f) & CS_DESTROYED) {
    if (s->kind & CS_K_DESTROY_WAITING) {
      cs_ref derr = s->destroy_err, cb = s->destroy_cb;
      s->kind &= ~CS_K_DESTROY_WAITING;
      s->destroy_err = s->destroy_cb = CS_NOREF;
      /* Node: _destroy(aggregateTwoErrors(constructErr, destroyErr)). */
      if (derr != CS_NOREF && err != CS_NOREF && !s->host->same(s, err, derr)) {
        if (s->host->aggregate) {
          err = s->host->aggregate(s, err, derr);
        } else {
          cs_unref(s, err);
          err = derr;
        }
      } else if (derr != CS_NOREF) {
        cs_unref(s, err);
        err = derr;
      }
      start_destroy(s, err, cb);
    } else {
      cs_unref(s, err);
    }
  } else if (err != CS_NOREF) {
    cs_error_or_destroy(s, err, 1);
  } else {
    if (HAS_R(s)) cs_r_on_constructed(s);
    if (HAS_W(s)) cs_w_on_constructed(s);
  }
}

/* ---- deferred op dispatch ---------------------------------------------------- */

void cs_run(cs_stream *s, int op, cs_ref a, cs_ref b) {
  if (s->host == NULL) return;  /* freed */
  switch (op) {
    case CS_OP_EMIT_READABLE: case CS_OP_MAYBE_READ_MORE: case CS_OP_RESUME:
    case CS_OP_END_READABLE: case CS_OP_READ0: case CS_OP_END_WRITABLE:
      cs_run_readable(s, op, a, b);
      break;
    case CS_OP_EMIT_ERROR:
      cs_emit_error_nt(s, a);
      cs_unref(s, a);
      break;
    case CS_OP_EMIT_ERROR_CLOSE:
      cs_emit_error_nt(s, a);
      cs_unref(s, a);
      cs_emit_close_nt(s);
      break;
    case CS_OP_EMIT_CLOSE:
      cs_emit_close_nt(s);
      break;
    case CS_OP_CONSTRUCT: {
      cs_ref e = s->host->construct(s);
      if (e != CS_NOREF) cs_onconstruct(s, e);
      break;
    }
    case CS_OP_ONCONSTRUCT:
      on_construct(s, a);
      break;
    case CS_OP_UPDATE_READABLE_LISTENING:
      break;  /* the host handles it: it knows the listener count */
    default:
      cs_run_writable(s, op, a, b);
      break;
  }
}

/* ---- properties ------------------------------------------------------------ */

int cs_destroyed(const cs_stream *s) {
  return (!HAS_R(s) || (s->r.f & CS_DESTROYED)) &&
         (!HAS_W(s) || (s->w.f & CS_DESTROYED));
}

int cs_closed(const cs_stream *s) {
  return ((HAS_R(s) ? s->r.f : s->w.f) & CS_CLOSED) != 0;
}
