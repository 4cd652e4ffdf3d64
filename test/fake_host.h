/*
** fake_host.h - a recording host for the pure-C core, shared by the C unit
** tests (test/test_core.c) and the core fuzzer (fuzz/fuzz_core.c).
**
** It does what the Lua binding does, minus Lua: refs are slots in a value
** table (never reused, so a stale ref is caught), byte chunks are malloc'ed
** copies freed on unref (ASan sees a view that outlives its ref), deferred
** ops go on a FIFO the caller drains, user implementations either record the
** call and wait (the default) or react through a hook.  Every host entry
** checks its refs and the stream's invariants; a breach goes to h->fail.
** Events and user calls are logged as text ("_read(16) data:ab end close").
*/
#ifndef fake_host_h
#define fake_host_h

#include <stddef.h>

#include "cs_core.h"

/* Kinds of values behind a ref. */
enum { FH_V_DEAD, FH_V_BYTES, FH_V_OBJ, FH_V_ERR, FH_V_CB, FH_V_BATCH };

typedef struct fh_val {
  int kind;
  int borrowed;     /* lent for one call (see fh_borrow) */
  int n;            /* OBJ: value; CB: callback id; ERR: CS_ERR_* or -1 */
  char *p;          /* BYTES: the bytes; ERR: the message */
  size_t len;
  int *ids;         /* BATCH: callback ids */
  size_t nids;
} fh_val;

typedef struct fh_op { int op; cs_ref a, b; } fh_op;

/* Where the reaction hook is called from. */
enum {
  FH_AT_READ, FH_AT_WRITE, FH_AT_WRITEV, FH_AT_FINAL, FH_AT_DESTROY,
  FH_AT_CONSTRUCT, FH_AT_TRANSFORM, FH_AT_FLUSH, FH_AT_CALLBACK,
  FH_AT_ALLOC,       /* newbytes (after its copy) or scratch, as a Lua
                     ** allocation running a finalizer; with react_alloc */
  FH_AT_EVENT        /* + CS_EV_* */
};

typedef struct fh_host fh_host;
struct fh_host {
  cs_stream s;
  cs_host vt;
  /* values */
  fh_val *vals;            /* vals[ref], ref >= 1 */
  size_t nvals, capvals;
  size_t live;             /* refs not yet released */
  /* tick queue */
  fh_op *q;
  size_t qhead, qtail, qcap;
  /* allocator accounting; fail_at: the n-th allocation returns NULL */
  size_t mem_live, nallocs, fail_at;
  /* implementation methods present */
  int has_writev, has_final, has_flush, has_read;
  int destroy_async;       /* _destroy waits for fh_destroy_done */
  int readable_listeners;  /* reported on UPDATE_READABLE_LISTENING */
  /* what user code was handed, for later callbacks */
  int writes_out;          /* _write/_writev/_transform calls not called back */
  int write_seen, final_seen, destroy_seen, construct_seen, flush_seen;
  cs_ref destroy_err;      /* destroy_async: the err _destroy got (owned) */
  /* event bookkeeping for the invariants */
  int ev_count[CS_EV__COUNT];
  int closed;
  int prefinish_before_close;
  int ncb;                 /* callback ids handed out: 1..ncb */
  unsigned char *cb_state; /* per id: 1 due before 'finish', 2 called, 4 shared */
  size_t cb_cap;
  /* the log */
  char *log;
  size_t loglen, logcap;
  int quiet;               /* no log (the fuzzer) */
  /* invariant breaches: count, first message, and the handler */
  int nfail;
  char failmsg[256];
  void (*fail)(fh_host *h, const char *msg);
  /* Reaction hook: runs after the call is recorded; may re-enter the core.
  ** For user implementations the return is an error ref the user "raised"
  ** (CS_NOREF for none); a raise in a callback destroys the stream (as the
  ** binding does); for events the return is dropped. */
  cs_ref (*react)(fh_host *h, int where, int arg);
  int react_alloc;         /* also react at FH_AT_ALLOC (its return dropped) */
  void *ud;
  /* The core's scratch (cs_host.scratch): a fresh block each call, the
  ** previous one freed, so ASan sees scratch used past the next call. */
  char *scratch;
  size_t scratch_max;      /* the largest scratch asked for */
};

/* Set up h with a stream of 'kind'; o may be NULL.  Returns cs_init's code. */
int  fh_init(fh_host *h, uint32_t kind, const cs_opts *o);
/* Drain the queue (at most max ops), cs_free, and check that every ref and
** every byte the core allocated was released.  Returns the refs still live. */
size_t fh_close(fh_host *h, size_t max);
void fh_dispose(fh_host *h);          /* free the host's own memory */

/* Values (owned by the caller until handed to the core). */
cs_chunk fh_bytes(fh_host *h, const char *p, size_t len);
cs_chunk fh_str(fh_host *h, const char *s);
cs_chunk fh_obj(fh_host *h, int v);
cs_ref   fh_error(fh_host *h, const char *msg);
cs_ref   fh_cb(fh_host *h);           /* a fresh callback; id = h->ncb */
cs_ref   fh_cb_shared(fh_host *h);    /* one that may be called many times */
int      fh_cb_called(fh_host *h, int id);
const fh_val *fh_get(fh_host *h, cs_ref r);   /* NULL when dead/unknown */
void     fh_unref(fh_host *h, cs_ref r);
/* Borrowed chunks (cs_host.pin): valid until fh_unborrow, which the caller
** does right after the core call it lent them to returns. */
#define FH_BORROW_BASE 16
cs_chunk fh_borrow(fh_host *h, const char *p, size_t len);
cs_chunk fh_borrow_obj(fh_host *h, int v);
void     fh_unborrow(fh_host *h, cs_ref r);

/* Drive the core. */
int    fh_tick(fh_host *h);                  /* run one queued op; 0 if none */
size_t fh_drain(fh_host *h, size_t max);     /* run up to max; returns count */
size_t fh_pending(const fh_host *h);
int    fh_push(fh_host *h, const char *s);   /* bytes; NULL = push(null) */
int    fh_write(fh_host *h, const char *s, int with_cb);
/* read(n) (n < 0: no argument); the bytes land in buf (NUL-terminated,
** truncated to cap); returns 1 when a chunk came back. */
int    fh_read(fh_host *h, double n, char *buf, size_t cap);
/* Record that cs_write accepted a write with callback id: 'finish' must
** not come before it is called. */
void   fh_expect_cb(fh_host *h, cs_ref cb);
/* Call back what user code was handed. */
void   fh_write_done(fh_host *h, const char *err);   /* _write/_writev cb */
void   fh_final_done(fh_host *h, const char *err);
void   fh_destroy_done(fh_host *h, const char *err); /* destroy_async */
void   fh_construct_done(fh_host *h, const char *err);

/* Check the stream's bookkeeping (lengths against the buffers, counters not
** wrapped); called after every host entry and by the drivers. */
void   fh_check(fh_host *h);

const char *fh_log(fh_host *h);
void   fh_log_clear(fh_host *h);
void   fh_logf(fh_host *h, const char *fmt, ...);
const char *fh_errname(int code);

#endif
