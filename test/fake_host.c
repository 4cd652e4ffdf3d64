/*
** fake_host.c - the recording host (see fake_host.h).  Linked into every
** test program, so every external name starts with fh_.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_host.h"

#define FH(s) ((fh_host *)(s)->ctx)
#define BIG   ((size_t)1 << 40)   /* a length past this has wrapped */

/* Bytes shared by every ref dup'ed from one newbytes, as one Lua string is
** shared by every anchor of it: a view stays valid while any ref lives. */
typedef struct fh_blob { size_t rc, len; char data[]; } fh_blob;


const char *fh_errname(int code) {
  return cs_err_name(code);
}

static void xfail(fh_host *h, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (h->nfail++ == 0) memcpy(h->failmsg, msg, sizeof msg);
  if (h->fail) h->fail(h, msg);
}

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (q == NULL) { fputs("fake_host: out of memory\n", stderr); abort(); }
  return q;
}

/* ---- the log ---------------------------------------------------------------- */

static void logn(fh_host *h, const char *p, size_t n) {
  if (h->quiet) return;
  if (h->loglen + n + 1 > h->logcap) {
    h->logcap = (h->loglen + n + 1) * 2;
    h->log = (char *)xrealloc(h->log, h->logcap);
  }
  memcpy(h->log + h->loglen, p, n);
  h->loglen += n;
  h->log[h->loglen] = '\0';
}

void fh_logf(fh_host *h, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  int n;
  if (h->quiet) return;
  va_start(ap, fmt);
  n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n >= sizeof buf) n = (int)sizeof buf - 1;
  if (h->loglen) logn(h, " ", 1);
  logn(h, buf, (size_t)n);
}

/* Bytes as text: printable ASCII as is, the rest as \xHH, at most 64. */
static void logbytes(fh_host *h, const char *p, size_t n) {
  size_t i;
  char e[8];
  if (h->quiet) return;
  for (i = 0; i < n && i < 64; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 0x20 && c < 0x7f && c != '\\') logn(h, p + i, 1);
    else { snprintf(e, sizeof e, "\\x%02x", c); logn(h, e, 4); }
  }
  if (n > 64) { snprintf(e, sizeof e, "+%zu", n - 64 > 999 ? (size_t)999 : n - 64); logn(h, e, strlen(e)); }
}

const char *fh_log(fh_host *h) { return h->log ? h->log : ""; }
void fh_log_clear(fh_host *h) { h->loglen = 0; if (h->log) h->log[0] = '\0'; }

/* ---- values ------------------------------------------------------------------ */

static cs_ref newval(fh_host *h, int kind) {
  cs_ref r;
  if (h->nvals == 0) h->nvals = 1;   /* ref 0 is CS_NOREF */
  if (h->nvals >= h->capvals) {
    h->capvals = h->capvals ? h->capvals * 2 : 64;
    h->vals = (fh_val *)xrealloc(h->vals, h->capvals * sizeof *h->vals);
  }
  r = (cs_ref)h->nvals++;
  memset(&h->vals[r], 0, sizeof h->vals[r]);
  h->vals[r].kind = kind;
  h->live++;
  return r;
}

/* A borrowed ref (see cs_host.pin) is a slot number, negated as the
** binding negates stack indices; it dies when the call that lent it returns. */
#define BORROWED(r)  ((r) <= -FH_BORROW_BASE)
#define SLOT(r)      (BORROWED(r) ? (size_t)(-(r) - FH_BORROW_BASE) : (size_t)(r))

const fh_val *fh_get(fh_host *h, cs_ref r) {
  size_t i;
  if (r == CS_NOREF || (r < 0 && !BORROWED(r))) return NULL;
  i = SLOT(r);
  if (i == 0 || i >= h->nvals || h->vals[i].kind == FH_V_DEAD) return NULL;
  if ((h->vals[i].borrowed != 0) != (BORROWED(r) != 0)) return NULL;
  return &h->vals[i];
}

static int alive(fh_host *h, cs_ref r, const char *where) {
  if (r == CS_NOREF || fh_get(h, r)) return 1;
  xfail(h, "%s: ref %d was released or never made", where, r);
  return 0;
}

static fh_blob *blob_new(const char *p, size_t len) {
  fh_blob *b = (fh_blob *)xrealloc(NULL, sizeof *b + (len ? len : 1));
  b->rc = 1;
  b->len = len;
  if (len) memcpy(b->data, p, len);
  return b;
}

static void release(fh_host *h, size_t i) {
  fh_val *v = &h->vals[i];
  if (v->kind == FH_V_BYTES) {
    fh_blob *b = (fh_blob *)(void *)v->p;
    if (--b->rc == 0) free(b);
  } else if (v->kind == FH_V_ERR) {
    free(v->p);
  } else if (v->kind == FH_V_BATCH) {
    free(v->ids);
  }
  memset(v, 0, sizeof *v);   /* kind = FH_V_DEAD */
  h->live--;
}

void fh_unref(fh_host *h, cs_ref r) {
  if (r == CS_NOREF) return;
  if (!alive(h, r, "unref")) return;
  if (BORROWED(r)) return;   /* the lender releases it */
  release(h, (size_t)r);
}

cs_chunk fh_borrow(fh_host *h, const char *p, size_t len) {
  cs_chunk c = fh_bytes(h, p, len);
  h->vals[c.ref].borrowed = 1;
  c.ref = -c.ref - FH_BORROW_BASE;
  return c;
}

cs_chunk fh_borrow_obj(fh_host *h, int v) {
  cs_chunk c = fh_obj(h, v);
  h->vals[c.ref].borrowed = 1;
  c.ref = -c.ref - FH_BORROW_BASE;
  return c;
}

void fh_unborrow(fh_host *h, cs_ref r) {
  if (BORROWED(r) && fh_get(h, r)) release(h, SLOT(r));
}

cs_chunk fh_bytes(fh_host *h, const char *p, size_t len) {
  cs_chunk c;
  fh_blob *b = blob_new(p, len);
  c.ref = newval(h, FH_V_BYTES);
  h->vals[c.ref].p = (char *)(void *)b;
  c.p = b->data;
  c.len = len;
  return c;
}

cs_chunk fh_str(fh_host *h, const char *s) { return fh_bytes(h, s, strlen(s)); }

cs_chunk fh_obj(fh_host *h, int v) {
  cs_chunk c;
  c.ref = newval(h, FH_V_OBJ);
  h->vals[c.ref].n = v;
  c.p = NULL;
  c.len = 0;
  return c;
}

static cs_ref mkerr(fh_host *h, int code, const char *msg) {
  cs_ref r = newval(h, FH_V_ERR);
  size_t n = strlen(msg);
  h->vals[r].n = code;
  h->vals[r].p = (char *)xrealloc(NULL, n + 1);
  memcpy(h->vals[r].p, msg, n + 1);
  return r;
}

cs_ref fh_error(fh_host *h, const char *msg) { return mkerr(h, -1, msg); }

cs_ref fh_cb(fh_host *h) {
  cs_ref r = newval(h, FH_V_CB);
  int id = ++h->ncb;
  if ((size_t)id >= h->cb_cap) {
    size_t ncap = h->cb_cap ? h->cb_cap * 2 : 64;
    h->cb_state = (unsigned char *)xrealloc(h->cb_state, ncap);
    memset(h->cb_state + h->cb_cap, 0, ncap - h->cb_cap);
    h->cb_cap = ncap;
  }
  h->vals[r].n = id;
  return r;
}

cs_ref fh_cb_shared(fh_host *h) {
  cs_ref r = fh_cb(h);
  h->cb_state[h->ncb] |= 4;
  return r;
}

int fh_cb_called(fh_host *h, int id) {
  return id > 0 && (size_t)id < h->cb_cap && (h->cb_state[id] & 2) != 0;
}

void fh_expect_cb(fh_host *h, cs_ref cb) {
  const fh_val *v = fh_get(h, cb);
  if (v && v->kind == FH_V_CB) h->cb_state[v->n] |= 1;
}

/* How an error shows in the log: its code, or a user error's message. */
static const char *errtext(fh_host *h, cs_ref r) {
  const fh_val *v = fh_get(h, r);
  if (r == CS_NOREF) return "";
  if (v == NULL || v->kind != FH_V_ERR) return "?";
  return v->n >= 0 ? fh_errname(v->n) : v->p;
}

/* A chunk handed out must be a view into bytes its ref keeps alive. */
static void checkview(fh_host *h, const cs_chunk *c, int objmode, const char *where) {
  const fh_val *v;
  if (!alive(h, c->ref, where)) return;
  if (objmode) {
    if (c->ref == CS_NOREF) xfail(h, "%s: object chunk without a value", where);
    return;
  }
  if (c->len == 0) return;
  v = fh_get(h, c->ref);
  if (v == NULL || v->kind != FH_V_BYTES) {
    xfail(h, "%s: byte chunk whose ref is not bytes", where);
    return;
  } else {
    const fh_blob *b = (const fh_blob *)(const void *)v->p;
    if (c->p < b->data || c->p + c->len > b->data + b->len)
      xfail(h, "%s: view outside its ref's bytes", where);
  }
}

/* ---- invariants -------------------------------------------------------------- */

void fh_check(fh_host *h) {
  cs_stream *s = &h->s;
  size_t i, sum;
  if (s->host == NULL) return;
  if (s->kind & CS_K_READABLE) {
    int om = (s->r.f & CS_OBJECT_MODE) != 0;
    for (i = 0, sum = 0; i < s->r.buf.n; i++) {
      cs_req *e = &s->r.buf.a[(s->r.buf.head + i) % s->r.buf.cap];
      size_t want;
      checkview(h, &e->c, om, "readable buffer");
      /* With a decoder the buffer holds text, measured in UTF-16 units. */
      want = om ? 1 : s->r.decoder ? cs_utf16_len(e->c.p, e->c.len) : e->c.len;
      if (e->size != want)
        xfail(h, "readable chunk %zu measured %zu, holds %zu", i, e->size, want);
      sum += e->size;
    }
    /* With a decoder Node's fromList may hand out more than the n it then
    ** subtracts, so the length can exceed what is held; never the reverse. */
    if (s->r.decoder ? s->r.length < sum : s->r.length != sum)
      xfail(h, "readableLength %zu but the buffer holds %zu", s->r.length, sum);
  }
  if (s->kind & CS_K_WRITABLE) {
    int om = (s->w.f & CS_OBJECT_MODE) != 0;
    for (i = 0, sum = 0; i < s->w.buffered.n; i++) {
      cs_req *e = &s->w.buffered.a[(s->w.buffered.head + i) % s->w.buffered.cap];
      size_t want;
      checkview(h, &e->c, om, "write queue");
      /* A string kept as one (decodeStrings false) counts UTF-16 units. */
      want = om ? 1 : (e->enc & 0xff) != CS_ENC_BUFFER
                    ? cs_utf16_len(e->c.p, e->c.len) : e->c.len;
      if (e->size != want)
        xfail(h, "queued write %zu measured %zu, holds %zu", i, e->size, want);
      sum += e->size;
      alive(h, e->cb, "write queue callback");
    }
    if (s->w.f & CS_W_WRITING) sum += s->w.writelen;
    if (s->w.length != sum)
      xfail(h, "writableLength %zu but queued + in flight is %zu", s->w.length, sum);
    /* pendingcb may go "negative" as in Node (_final raising, then calling
    ** back: writable.js onFinish decrements twice); only == 0 is tested. */
    if (s->w.corked < 0) xfail(h, "corked < 0");
  }
  if (s->r.length > BIG || s->w.length > BIG)
    xfail(h, "a length wrapped below zero");
}

/* ---- the host vtable ----------------------------------------------------------- */

static void *h_alloc(void *ctx, void *p, size_t osize, size_t nsize) {
  fh_host *h = (fh_host *)ctx;
  size_t *b = p ? (size_t *)p - 2 : NULL, *nb;
  if (b && b[0] != osize)
    xfail(h, "alloc: block of %zu bytes given back as %zu", b[0], osize);
  if (nsize == 0) {
    if (b) { h->mem_live -= b[0]; free(b); }
    return NULL;
  }
  if (++h->nallocs == h->fail_at) return NULL;
  nb = (size_t *)realloc(b, nsize + 2 * sizeof(size_t));
  if (nb == NULL) return NULL;
  h->mem_live += nsize;
  if (b) h->mem_live -= nb[0];
  nb[0] = nsize;
  return nb + 2;
}

static void h_unref(cs_stream *s, cs_ref r) { fh_unref(FH(s), r); }

static cs_ref h_dup(cs_stream *s, cs_ref r) {
  fh_host *h = FH(s);
  fh_val v;
  cs_ref n;
  if (r == CS_NOREF || !alive(h, r, "dup")) return CS_NOREF;
  v = h->vals[SLOT(r)];
  v.borrowed = 0;
  n = newval(h, v.kind);
  h->vals[n] = v;
  if (v.kind == FH_V_BYTES) {
    ((fh_blob *)(void *)v.p)->rc++;
  } else if (v.kind == FH_V_ERR) {
    size_t len = strlen(v.p) + 1;
    h->vals[n].p = (char *)xrealloc(NULL, len);
    memcpy(h->vals[n].p, v.p, len);
  } else if (v.kind == FH_V_BATCH) {
    h->vals[n].ids = (int *)xrealloc(NULL, v.nids * sizeof(int));
    if (v.nids) memcpy(h->vals[n].ids, v.ids, v.nids * sizeof(int));
  }
  return n;
}

/* A Lua allocation may run a finalizer, which may call any stream method:
** with react_alloc the reaction hook runs there. */
static void alloc_react(fh_host *h) {
  if (h->react_alloc && h->react) {
    cs_ref e;
    fh_check(h);
    e = h->react(h, FH_AT_ALLOC, 0);
    fh_unref(h, e);   /* a finalizer's raise does not reach the core */
  }
}

/* newbytes, pin and batch fail as the binding's do when Lua cannot
** allocate (CS_NOREF), each counting as one allocation for fail_at. */
static cs_ref h_newbytes(cs_stream *s, const char *p, size_t len, const char **stored) {
  fh_host *h = FH(s);
  cs_chunk c;
  if (++h->nallocs == h->fail_at) { *stored = NULL; return CS_NOREF; }
  c = fh_bytes(h, p, len);   /* the copy comes first */
  *stored = c.p;
  alloc_react(h);
  return c.ref;
}

static char *h_scratch(cs_stream *s, size_t len) {
  fh_host *h = FH(s);
  if (len == 0) xfail(h, "scratch: 0 bytes asked for");
  if (len > h->scratch_max) h->scratch_max = len;
  free(h->scratch);
  h->scratch = NULL;
  alloc_react(h);     /* before: the core must measure again after */
  free(h->scratch);   /* a nested call's, done with by now */
  h->scratch = NULL;
  if (++h->nallocs == h->fail_at) return NULL;
  h->scratch = (char *)malloc(len ? len : 1);
  return h->scratch;
}

static cs_ref h_mkerror(cs_stream *s, int code, const char *msg) {
  if (code < 0 || code >= CS_ERR__COUNT) xfail(FH(s), "mkerror: code %d", code);
  return mkerr(FH(s), code, msg);
}

static const int once_only[CS_EV__COUNT] = {
  0, 0, 1, 0, 0, 1, 1, 0, 1, 1   /* end, close, error, finish, prefinish */
};

static void h_emit(cs_stream *s, int ev, const cs_chunk *c, cs_ref err) {
  fh_host *h = FH(s);
  cs_ref e;
  if (ev < 0 || ev >= CS_EV__COUNT) { xfail(h, "emit: event %d", ev); return; }
  /* Node emits 'pause'/'resume' from pause()/resume() whatever the state,
  ** and 'finish' once _final called back and 'prefinish' went out, even if
  ** a 'prefinish' listener destroys the stream (its finish tick is queued
  ** without a re-check: writable.js callFinal/onFinish). */
  if (h->closed && ev != CS_EV_PAUSE && ev != CS_EV_RESUME &&
      !(ev == CS_EV_FINISH && h->prefinish_before_close))
    xfail(h, "'%s' after 'close'", cs_ev_name(ev));
  if (ev == CS_EV_CLOSE && h->ev_count[CS_EV_PREFINISH] > 0)
    h->prefinish_before_close = 1;
  if (once_only[ev] && h->ev_count[ev] > 0)
    xfail(h, "'%s' emitted twice", cs_ev_name(ev));
  h->ev_count[ev]++;
  if (ev == CS_EV_CLOSE) h->closed = 1;
  if (ev == CS_EV_FINISH) {
    int id;
    for (id = 1; id <= h->ncb; id++)
      if ((h->cb_state[id] & 3) == 1) xfail(h, "'finish' before write callback %d", id);
  }
  if (ev == CS_EV_DATA) {
    int om = (s->r.f & CS_OBJECT_MODE) != 0;
    if (c == NULL) { xfail(h, "'data' without a chunk"); return; }
    checkview(h, c, om, "'data'");
    /* Node hands out the "" its decoder branch can leave at the front
    ** (fromList returns it, and it is not null); without a decoder never. */
    if (!om && c->len == 0 && s->r.decoder == NULL)
      xfail(h, "empty 'data' chunk in byte mode");
    if (om) {
      const fh_val *v = fh_get(h, c->ref);
      fh_logf(h, "data:#%d", v ? v->n : -1);
    } else {
      fh_logf(h, "data:");
      logbytes(h, c->p, c->len);
    }
  } else if (ev == CS_EV_ERROR) {
    if (err == CS_NOREF) xfail(h, "'error' without a value");
    alive(h, err, "'error'");
    fh_logf(h, "error:%s", errtext(h, err));
  } else {
    fh_logf(h, "%s", cs_ev_name(ev));
  }
  fh_check(h);
  if (h->react) {
    e = h->react(h, FH_AT_EVENT + ev, 0);
    fh_unref(h, e);   /* a listener's raise does not reach the core */
  }
}

static void h_defer(cs_stream *s, int op, cs_ref a, cs_ref b) {
  fh_host *h = FH(s);
  if (op < 0 || op >= CS_OP__COUNT) xfail(h, "defer: op %d", op);
  alive(h, a, "defer");
  alive(h, b, "defer");
  if (h->qtail == h->qcap) {
    if (h->qhead > 0) {
      memmove(h->q, h->q + h->qhead, (h->qtail - h->qhead) * sizeof *h->q);
      h->qtail -= h->qhead;
      h->qhead = 0;
    }
    if (h->qtail == h->qcap) {
      h->qcap = h->qcap ? h->qcap * 2 : 32;
      h->q = (fh_op *)xrealloc(h->q, h->qcap * sizeof *h->q);
    }
  }
  h->q[h->qtail].op = op;
  h->q[h->qtail].a = a;
  h->q[h->qtail].b = b;
  h->qtail++;
}

static cs_ref react(fh_host *h, int where, int arg) {
  fh_check(h);
  return h->react ? h->react(h, where, arg) : CS_NOREF;
}

static cs_ref h_read(cs_stream *s, size_t n) {
  fh_host *h = FH(s);
  fh_logf(h, "_read(%zu)", n);
  return react(h, FH_AT_READ, (int)(n > 0x7fffffff ? 0x7fffffff : n));
}

static cs_ref h_write(cs_stream *s, const cs_chunk *c, int enc) {
  fh_host *h = FH(s);
  int om = (s->w.f & CS_OBJECT_MODE) != 0;
  checkview(h, c, om, "_write");
  if (om) {
    const fh_val *v = fh_get(h, c->ref);
    fh_logf(h, "_write:#%d", v ? v->n : -1);
  } else {
    fh_logf(h, "_write:");
    logbytes(h, c->p, c->len);
    if (enc != CS_ENC_BUFFER) fh_logf(h, "(%s)", cs_enc_name(enc));
  }
  h->writes_out++;
  h->write_seen = 1;
  return react(h, FH_AT_WRITE, (int)c->len);
}

static cs_ref h_writev(cs_stream *s, const cs_chunk *cs, const int *encs, size_t n) {
  fh_host *h = FH(s);
  int om = (s->w.f & CS_OBJECT_MODE) != 0;
  size_t i;
  fh_logf(h, "_writev:");
  for (i = 0; i < n; i++) {
    checkview(h, &cs[i], om, "_writev");
    if (i) logn(h, "|", 1);
    if (om) {
      const fh_val *v = fh_get(h, cs[i].ref);
      char b[16];
      snprintf(b, sizeof b, "#%d", v ? v->n : -1);
      logn(h, b, strlen(b));
    } else {
      logbytes(h, cs[i].p, cs[i].len);
    }
    (void)encs;
  }
  h->writes_out++;
  h->write_seen = 1;
  return react(h, FH_AT_WRITEV, (int)n);
}

static cs_ref h_final(cs_stream *s) {
  fh_host *h = FH(s);
  fh_logf(h, "_final");
  h->final_seen = 1;
  return react(h, FH_AT_FINAL, 0);
}

static cs_ref h_destroy(cs_stream *s, cs_ref err) {
  fh_host *h = FH(s);
  cs_ref e;
  alive(h, err, "_destroy");
  fh_logf(h, "_destroy(%s)", errtext(h, err));
  h->destroy_seen = 1;
  e = react(h, FH_AT_DESTROY, 0);
  if (e != CS_NOREF) return e;
  if (h->destroy_async) {
    fh_unref(h, h->destroy_err);
    h->destroy_err = h_dup(s, err);
  } else {
    cs_ondestroy(s, h_dup(s, err));   /* the default _destroy: cb(err) */
  }
  return CS_NOREF;
}

static cs_ref h_construct(cs_stream *s) {
  fh_host *h = FH(s);
  fh_logf(h, "_construct");
  h->construct_seen = 1;
  return react(h, FH_AT_CONSTRUCT, 0);
}

static cs_ref h_transform(cs_stream *s, const cs_chunk *c, int enc) {
  fh_host *h = FH(s);
  int om = (s->w.f & CS_OBJECT_MODE) != 0;
  checkview(h, c, om, "_transform");
  if (om) {
    const fh_val *v = fh_get(h, c->ref);
    fh_logf(h, "_transform:#%d", v ? v->n : -1);
  } else {
    fh_logf(h, "_transform:");
    logbytes(h, c->p, c->len);
  }
  (void)enc;
  h->writes_out++;
  h->write_seen = 1;
  return react(h, FH_AT_TRANSFORM, (int)c->len);
}

static cs_ref h_flush(cs_stream *s) {
  fh_host *h = FH(s);
  fh_logf(h, "_flush");
  h->flush_seen = 1;
  return react(h, FH_AT_FLUSH, 0);
}

static void call_one(fh_host *h, int id, cs_ref err) {
  cs_ref e;
  if (id <= 0 || id > h->ncb) { xfail(h, "callback: unknown id %d", id); return; }
  if ((h->cb_state[id] & 6) == 2) xfail(h, "callback %d called twice", id);
  h->cb_state[id] |= 2;
  fh_logf(h, "cb%d(%s)", id, errtext(h, err));
  e = react(h, FH_AT_CALLBACK, id);
  if (e != CS_NOREF) cs_destroy(&h->s, e, CS_NOREF);  /* as the binding does */
}

static void h_callback(cs_stream *s, cs_ref cb, cs_ref err) {
  fh_host *h = FH(s);
  const fh_val *v = fh_get(h, cb);
  if (!alive(h, cb, "callback") || !alive(h, err, "callback error")) return;
  if (v == NULL || (v->kind != FH_V_CB && v->kind != FH_V_BATCH)) {
    xfail(h, "callback: ref %d is not a callback", cb);
  } else if (v->kind == FH_V_CB) {
    call_one(h, v->n, err);
  } else {
    /* Copy: a callback may re-enter and grow the value table. */
    size_t i, n = v->nids;
    int *ids = (int *)xrealloc(NULL, n * sizeof(int));
    if (n) memcpy(ids, v->ids, n * sizeof(int));
    for (i = 0; i < n; i++) call_one(h, ids[i], err);
    free(ids);
  }
}

static int h_has(cs_stream *s, int m) {
  fh_host *h = FH(s);
  if (m == CS_M_WRITEV) return h->has_writev;
  if (m == CS_M_FINAL) return h->has_final;
  if (m == CS_M_FLUSH) return h->has_flush && !(s->kind & CS_K_PASSTHROUGH);
  if (m == CS_M_READ) return h->has_read;
  if (m == CS_M_DESTROY) return 1;   /* every fake stream has a _destroy */
  xfail(h, "has: method %d", m);
  return 0;
}

static int h_same(cs_stream *s, cs_ref a, cs_ref b) {
  fh_host *h = FH(s);
  const fh_val *va, *vb;
  if (!alive(h, a, "same") || !alive(h, b, "same")) return 0;
  va = fh_get(h, a);
  vb = fh_get(h, b);
  return va && vb && va->kind == FH_V_CB && vb->kind == FH_V_CB && va->n == vb->n;
}

static cs_ref h_batch(cs_stream *s, const cs_ref *cbs, size_t n) {
  fh_host *h = FH(s);
  size_t i, k = 0;
  int *ids;
  cs_ref r;
  if (++h->nallocs == h->fail_at) return CS_NOREF;   /* cbs stay the core's */
  ids = (int *)xrealloc(NULL, n * sizeof(int));
  for (i = 0; i < n; i++) {
    const fh_val *v;
    if (cbs[i] == CS_NOREF) continue;
    v = fh_get(h, cbs[i]);
    if (v == NULL || v->kind != FH_V_CB) {
      xfail(h, "batch: ref %d is not a live callback", cbs[i]);
      continue;
    }
    ids[k++] = v->n;
    fh_unref(h, cbs[i]);   /* the batch owns them now, as in the binding */
  }
  r = newval(h, FH_V_BATCH);
  h->vals[r].ids = ids;
  h->vals[r].nids = k;
  return r;
}

static void h_clear_await(cs_stream *s) { (void)s; }

static cs_ref h_pin(cs_stream *s, cs_ref r) {
  fh_host *h = FH(s);
  if (!alive(h, r, "pin")) return CS_NOREF;
  if (!BORROWED(r)) return r;
  if (++h->nallocs == h->fail_at) return CS_NOREF;
  return h_dup(s, r);
}

int fh_init(fh_host *h, uint32_t kind, const cs_opts *o) {
  static const cs_host vt = {
    .alloc = h_alloc, .unref = h_unref, .dup = h_dup, .newbytes = h_newbytes,
    .mkerror = h_mkerror, .emit = h_emit, .defer = h_defer, .read = h_read,
    .write = h_write, .writev = h_writev, .final = h_final,
    .destroy = h_destroy, .construct = h_construct, .transform = h_transform,
    .flush = h_flush, .callback = h_callback, .has = h_has, .same = h_same,
    .batch = h_batch, .clear_await_drain = h_clear_await, .pin = h_pin,
    .scratch = h_scratch
  };
  memset(h, 0, sizeof *h);
  h->vt = vt;
  return cs_init(&h->s, &h->vt, h, kind, o);
}

/* ---- driving ----------------------------------------------------------------- */

size_t fh_pending(const fh_host *h) { return h->qtail - h->qhead; }

int fh_tick(fh_host *h) {
  fh_op o;
  if (h->qhead == h->qtail) return 0;
  o = h->q[h->qhead++];
  if (h->qhead == h->qtail) h->qhead = h->qtail = 0;
  if (h->s.host == NULL) {   /* freed: the queue's refs die with it */
    fh_unref(h, o.a);
    fh_unref(h, o.b);
    return 1;
  }
  if (o.op == CS_OP_UPDATE_READABLE_LISTENING) {
    /* the binding's job: it knows the listener count */
    fh_unref(h, o.a);
    fh_unref(h, o.b);
    cs_update_readable_listening(&h->s, h->readable_listeners);
  } else {
    cs_run(&h->s, o.op, o.a, o.b);
  }
  fh_check(h);
  return 1;
}

size_t fh_drain(fh_host *h, size_t max) {
  size_t n = 0;
  while (n < max && fh_tick(h)) n++;
  return n;
}

int fh_push(fh_host *h, const char *str) {
  int r;
  if (str == NULL) {
    r = cs_push_eof(&h->s);
  } else {
    cs_chunk c = fh_str(h, str);
    r = cs_push(&h->s, &c, CS_ENC_BUFFER);
  }
  fh_check(h);
  return r;
}

int fh_write(fh_host *h, const char *str, int with_cb) {
  cs_chunk c = fh_str(h, str);
  cs_ref cb = with_cb ? fh_cb(h) : CS_NOREF;
  int id = h->ncb, r = cs_write(&h->s, &c, CS_ENC_BUFFER, cb, NULL);
  if (with_cb && r >= 0) h->cb_state[id] |= 1;
  fh_check(h);
  return r;
}

int fh_read(fh_host *h, double n, char *buf, size_t cap) {
  cs_chunk c;
  int got = cs_read(&h->s, n >= 0 || n != n, n, &c);
  if (buf && cap) buf[0] = '\0';
  if (got) {
    checkview(h, &c, (h->s.r.f & CS_OBJECT_MODE) != 0, "read()");
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

static cs_ref opt_err(fh_host *h, const char *err) {
  return err ? fh_error(h, err) : CS_NOREF;
}

void fh_write_done(fh_host *h, const char *err) {
  if (h->writes_out > 0) h->writes_out--;
  cs_onwrite(&h->s, opt_err(h, err));
  fh_check(h);
}

void fh_final_done(fh_host *h, const char *err) {
  cs_onfinal(&h->s, opt_err(h, err));
  fh_check(h);
}

void fh_destroy_done(fh_host *h, const char *err) {
  cs_ref e = err ? fh_error(h, err) : h->destroy_err;
  if (err) fh_unref(h, h->destroy_err);
  h->destroy_err = CS_NOREF;
  cs_ondestroy(&h->s, e);
  fh_check(h);
}

void fh_construct_done(fh_host *h, const char *err) {
  cs_onconstruct(&h->s, opt_err(h, err));
  fh_check(h);
}

size_t fh_close(fh_host *h, size_t max) {
  size_t i, left;
  fh_drain(h, max);
  if (fh_pending(h)) xfail(h, "the tick queue did not settle in %zu ops", max);
  fh_unref(h, h->destroy_err);
  h->destroy_err = CS_NOREF;
  cs_free(&h->s);
  while (fh_tick(h)) {}
  left = h->live;
  if (left) {
    for (i = 1; i < h->nvals; i++) {
      if (h->vals[i].kind != FH_V_DEAD) {
        xfail(h, "ref %zu (kind %d) never released", i, h->vals[i].kind);
        break;
      }
    }
  }
  if (h->mem_live) xfail(h, "%zu bytes the core allocated were never freed", h->mem_live);
  return left;
}

void fh_dispose(fh_host *h) {
  size_t i;
  for (i = 1; i < h->nvals; i++)
    if (h->vals[i].kind != FH_V_DEAD) release(h, i);
  free(h->vals);
  free(h->q);
  free(h->scratch);
  h->scratch = NULL;
  free(h->cb_state);
  free(h->log);
  h->vals = NULL;
  h->q = NULL;
  h->cb_state = NULL;
  h->log = NULL;
  h->nvals = h->capvals = h->qcap = h->qhead = h->qtail = h->cb_cap = 0;
  h->loglen = h->logcap = 0;
}
