/*
** cs_transform.c - Transform on top of the Duplex core (Node 20's
** transform.js): the write callback is parked while the readable side is
** full, _flush runs as _final.  PassThrough never leaves C.
*/
#include "cs_buf.h"

void cs_t_write(cs_stream *s, const cs_chunk *c, int enc) {
  cs_ref err;
  s->t_len = s->r.length;
  if (s->kind & CS_K_PASSTHROUGH) {
    /* callback(null, chunk): the chunk moves on by reference, pushed without
    ** the write's encoding, as Node's PassThrough does: a string kept by
    ** decodeStrings = false is read in the readable defaultEncoding. */
    if (enc != CS_ENC_BUFFER)
      enc = s->r.default_encoding == CS_ENC_UTF8 ? CS_ENC_BUFFER
                                                 : s->r.default_encoding;
    cs_ontransform(s, CS_NOREF, c, enc);
    return;
  }
  err = s->host->transform(s, c, enc);
  cs_unref(s, c->ref);
  if (err != CS_NOREF) cs_destroy(s, err, CS_NOREF);  /* as a raise in _write */
}

void cs_ontransform(cs_stream *s, cs_ref err, const cs_chunk *data, int enc) {
  if (err != CS_NOREF) {
    if (data) cs_unref(s, data->ref);
    cs_onwrite(s, err);
    return;
  }
  if (data) cs_push(s, data, enc);
  cs_t_pushed(s);
}

void cs_t_read(cs_stream *s) {
  if (s->kind & CS_K_TRANSFORM_PENDING) {
    s->kind &= ~CS_K_TRANSFORM_PENDING;
    cs_onwrite(s, CS_NOREF);
  }
}

/* Transform's _final: _flush, then end the readable side.  with_cb: this
** runs as _final (its callback is onFinish); otherwise it was started by
** 'prefinish' because the user supplied a _final of their own. */
void cs_t_final(cs_stream *s, int with_cb) {
  if (with_cb) s->kind |= CS_K_FLUSH_CB; else s->kind &= ~CS_K_FLUSH_CB;
  if (s->host->has(s, CS_M_FLUSH) && !cs_destroyed(s)) {
    cs_ref err = s->host->flush(s);
    if (err != CS_NOREF) cs_onflush(s, err, NULL, CS_ENC_BUFFER);
  } else {
    cs_push_eof(s);
    if (with_cb) cs_onfinal(s, CS_NOREF);
  }
}

void cs_t_prefinish(cs_stream *s) {
  if (s->host->has(s, CS_M_FINAL)) cs_t_final(s, 0);
}

void cs_onflush(cs_stream *s, cs_ref err, const cs_chunk *data, int enc) {
  int with_cb = (s->kind & CS_K_FLUSH_CB) != 0;
  if (err != CS_NOREF) {
    if (data) cs_unref(s, data->ref);
    if (with_cb) cs_onfinal(s, err);
    else cs_destroy(s, err, CS_NOREF);
    return;
  }
  if (data) cs_push(s, data, enc);
  cs_push_eof(s);
  if (with_cb) cs_onfinal(s, CS_NOREF);
}
