/*
** cs_core.h - the pure-C stream core: Node.js 20 Readable/Writable state
** machines with every effect routed through a host vtable.
**
** The core never sees a lua_State.  Values it cannot interpret (Lua strings,
** error objects, callbacks, object-mode chunks) are opaque host references
** (cs_ref).  A byte chunk is a view (p, len) into host-owned memory plus the
** ref that keeps that memory alive.
**
** Ownership: a ref handed INTO the core (push, write, callbacks) belongs to
** the core, which releases it with host->unref when done.  A ref handed OUT
** to the host (emit, user calls) is borrowed for the duration of the call
** unless the function says otherwise.  A negative ref is one the host keeps
** alive itself (a borrowed chunk, its memory error): the core never passes
** one to unref, so a chunk that flows through costs no release call.
**
** Re-entrance: every host call may run user code that re-enters the core
** (destroy inside _read, write inside 'drain'), and so may every host call
** that allocates Lua values (newbytes, scratch, pin, mkerror...): a Lua
** allocation can run a __gc finalizer that calls any stream method.  The
** core therefore re-reads state after each host call: nothing it computed
** from a buffer before a host call is applied after it, and no chunk pointer
** is held across one.  Only alloc and unref never re-enter.
**
** Measures: a byte chunk counts its bytes, text (what a readable with an
** encoding holds, and the strings a decodeStrings = false writable holds)
** its UTF-16 code units as Node counts a JS string (cs_utf16_len), an
** object 1.  Each buffered chunk keeps its measure (cs_req.size), taken
** once when it enters.
*/
#ifndef cs_core_h
#define cs_core_h

#include <stddef.h>
#include <stdint.h>

#include "cs_decode.h"

typedef int cs_ref;               /* host value handle; 0 means none, < 0 the
                                  ** host's own (never released) */
#define CS_NOREF 0

typedef struct cs_stream cs_stream;

/* On a function reached only when something went wrong: it is kept out of
** the text the flow runs through, and the branches that call it are laid
** out as unlikely (3-6% less time in W1, W3 and W4: bench/README.md). */
#if defined(__GNUC__)
#define CS_COLD __attribute__((cold))
#else
#define CS_COLD
#endif

/* Encodings (CS_ENC_*) come from cs_decode.h; CS_ENC_BUFFER marks raw bytes. */

/* A chunk: bytes (p != NULL or len == 0 in byte mode) or, in object mode,
** just the ref.  'ref' keeps p alive. */
typedef struct cs_chunk {
  const char *p;
  size_t len;
  cs_ref ref;
} cs_chunk;

/* Events the core emits. */
enum {
  CS_EV_READABLE, CS_EV_DATA, CS_EV_END, CS_EV_PAUSE, CS_EV_RESUME,
  CS_EV_CLOSE, CS_EV_ERROR, CS_EV_DRAIN, CS_EV_FINISH, CS_EV_PREFINISH,
  CS_EV__COUNT
};

/* Error codes the core creates (host->mkerror turns them into values). */
enum {
  CS_ERR_WRITE_AFTER_END, CS_ERR_PUSH_AFTER_EOF, CS_ERR_UNSHIFT_AFTER_END_EVENT,
  CS_ERR_DESTROYED, CS_ERR_PREMATURE_CLOSE, CS_ERR_NULL_VALUES,
  CS_ERR_MULTIPLE_CALLBACK, CS_ERR_INVALID_ARG_TYPE, CS_ERR_METHOD_NOT_IMPLEMENTED,
  CS_ERR_ALREADY_FINISHED, CS_ERR_CANNOT_PIPE, CS_ERR_UNKNOWN_ENCODING,
  CS_ERR_OUT_OF_RANGE, CS_ERR_NOMEM,
  CS_ERR__COUNT
};

/* Node's names for the events and the error codes ("data",
** "ERR_STREAM_WRITE_AFTER_END", ...); "?" out of range. */
const char *cs_ev_name(int ev);
const char *cs_err_name(int code);

/* Optional implementation methods the core asks about (host->has). */
enum { CS_M_WRITEV, CS_M_FINAL, CS_M_FLUSH,
       CS_M_READ,     /* a Transform whose class replaced _read */
       CS_M_DESTROY };  /* without one, Node's default _destroy: cb(err) */

/* Deferred operations: host->defer queues (s, op, a, b) on the tick queue
** and later calls cs_run(s, op, a, b).  Refs a and b travel with the op. */
enum {
  CS_OP_EMIT_READABLE, CS_OP_MAYBE_READ_MORE, CS_OP_RESUME, CS_OP_END_READABLE,
  CS_OP_READ0, CS_OP_UPDATE_READABLE_LISTENING, CS_OP_END_WRITABLE,
  CS_OP_AFTER_WRITE, CS_OP_AFTER_WRITE_TICK, CS_OP_ONWRITE_ERROR,
  CS_OP_FINISH, CS_OP_FINISH_MAYBE, CS_OP_CALL_CB, CS_OP_ERROR_BUFFER,
  CS_OP_EMIT_ERROR, CS_OP_EMIT_ERROR_CLOSE, CS_OP_EMIT_CLOSE,
  CS_OP_CONSTRUCT, CS_OP_ONCONSTRUCT, CS_OP_ONWRITE,
  CS_OP__COUNT
};

typedef struct cs_host {
  void *(*alloc)(void *ctx, void *p, size_t osize, size_t nsize);
  /* Value management. */
  void   (*unref)(cs_stream *s, cs_ref r);
  cs_ref (*dup)(cs_stream *s, cs_ref r);   /* error values only: never fails */
  /* Value hooks never raise (a host whose allocation fails hands back a
  ** failure value, below, and reports the failure itself once the core
  ** has returned); the core handles each failure value as out of memory.
  ** A new byte value holding a copy of p[0..len); *stored gets where its
  ** bytes live.  The host copies p before anything that could re-enter the
  ** core (p may be host scratch, or a chunk the core is consuming).
  ** CS_NOREF when out of memory. */
  cs_ref (*newbytes)(cs_stream *s, const char *p, size_t len, const char **stored);
  /* Always an error value: out of memory, the host's memory error. */
  cs_ref (*mkerror)(cs_stream *s, int code, const char *msg);
  /* Events; 'c' is set for DATA, 'err' for ERROR.  Borrowed. */
  void (*emit)(cs_stream *s, int ev, const cs_chunk *c, cs_ref err);
  void (*defer)(cs_stream *s, int op, cs_ref a, cs_ref b);
  /* Calls into user code.  Each returns CS_NOREF, or the ref (owned by the
  ** core) of an error the user code raised synchronously. */
  cs_ref (*read)(cs_stream *s, size_t n);
  cs_ref (*write)(cs_stream *s, const cs_chunk *c, int enc);
  cs_ref (*writev)(cs_stream *s, const cs_chunk *cs, const int *encs, size_t n);
  cs_ref (*final)(cs_stream *s);
  cs_ref (*destroy)(cs_stream *s, cs_ref err);
  cs_ref (*construct)(cs_stream *s);
  cs_ref (*transform)(cs_stream *s, const cs_chunk *c, int enc);
  cs_ref (*flush)(cs_stream *s);
  /* Call a stored user callback with (err) or (nil); borrowed refs. */
  void (*callback)(cs_stream *s, cs_ref cb, cs_ref err);
  int  (*has)(cs_stream *s, int method);
  /* Same callback function?  (Node batches same-callback completions.) */
  int  (*same)(cs_stream *s, cs_ref a, cs_ref b);
  /* One callback that calls each of cbs (owned) with its argument: the
  ** callback of a _writev batch.  CS_NOREF when out of memory: cbs are
  ** then still the caller's. */
  cs_ref (*batch)(cs_stream *s, const cs_ref *cbs, size_t n);
  /* Pipe's state lives in the host (the binding's lcs_pipe.c); the core
  ** only says when to clear the writers the source awaits 'drain' from
  ** (called while CS_R_AWAIT_DRAIN is set, which it then clears). */
  void (*clear_await_drain)(cs_stream *s);
  /* A chunk ref handed in may be borrowed: valid only until the call that
  ** passed it returns.  The core pins it before storing it; pin returns a
  ** durable ref for the same value (NULL: every ref is durable already),
  ** CS_NOREF when out of memory. */
  cs_ref (*pin)(cs_stream *s, cs_ref r);
  /* Node's aggregateTwoErrors(inner, outer) for two different errors, both
  ** owned: returns the (owned) error to report.  NULL: outer wins. */
  cs_ref (*aggregate)(cs_stream *s, cs_ref inner, cs_ref outer);
  /* Memory of at least len bytes, owned by the host (nothing leaks if a
  ** later host call raises), where the core builds bytes before handing
  ** them to newbytes.  Valid until the next scratch call for this stream.
  ** May re-enter the core.  NULL when out of memory. */
  char  *(*scratch)(cs_stream *s, size_t len);
} cs_host;

/* ---- state flags ------------------------------------------------------- */

/* Shared by both sides (each side has its own copy, as Node's states do). */
#define CS_OBJECT_MODE     (1u << 0)
#define CS_ERROR_EMITTED   (1u << 1)
#define CS_AUTO_DESTROY    (1u << 2)
#define CS_EMIT_CLOSE      (1u << 3)
#define CS_DESTROYED       (1u << 4)
#define CS_CLOSED          (1u << 5)
#define CS_CLOSE_EMITTED   (1u << 6)
#define CS_ERRORED         (1u << 7)
#define CS_CONSTRUCTED     (1u << 8)

/* Readable side. */
#define CS_R_ENDED            (1u << 9)
#define CS_R_END_EMITTED      (1u << 10)
#define CS_R_READING          (1u << 11)
#define CS_R_SYNC             (1u << 12)
#define CS_R_NEED_READABLE    (1u << 13)
#define CS_R_EMITTED_READABLE (1u << 14)
#define CS_R_READABLE_LISTENING (1u << 15)
#define CS_R_RESUME_SCHEDULED (1u << 16)
#define CS_R_MULTI_AWAIT_DRAIN (1u << 17)
#define CS_R_READING_MORE     (1u << 18)
#define CS_R_DATA_EMITTED     (1u << 19)
#define CS_R_AWAIT_DRAIN      (1u << 20)  /* awaitDrainWriters, held by the
                                             ** host, is not empty */
#define CS_R_HAS_FLOWING      (1u << 23)
#define CS_R_FLOWING          (1u << 24)
#define CS_R_HAS_PAUSED       (1u << 25)
#define CS_R_PAUSED           (1u << 26)
#define CS_R_DATA_LISTENING   (1u << 27)
#define CS_R_DISABLED         (1u << 28)  /* Duplex readable: false */

/* Writable side. */
#define CS_W_SYNC             (1u << 9)
#define CS_W_FINAL_CALLED     (1u << 10)
#define CS_W_NEED_DRAIN       (1u << 11)
#define CS_W_ENDING           (1u << 12)
#define CS_W_FINISHED         (1u << 13)
#define CS_W_DECODE_STRINGS   (1u << 14)
#define CS_W_WRITING          (1u << 15)
#define CS_W_BUFFER_PROCESSING (1u << 16)
#define CS_W_PREFINISHED      (1u << 17)
#define CS_W_ALL_BUFFERS      (1u << 18)
#define CS_W_ALL_NOOP         (1u << 19)
#define CS_W_DISABLED         (1u << 21)  /* Duplex writable: false */
#define CS_W_CORKED           (1u << 23)
#define CS_W_EXPECT_WRITE_CB  (1u << 26)
#define CS_W_AFTER_WRITE_TICK (1u << 27)
#define CS_W_AFTER_WRITE_PENDING (1u << 28)
#define CS_W_BUFFERED         (1u << 29)  /* the request queue exists */
#define CS_W_ENDED            (1u << 30)

/* Stream kind and whole-stream flags (cs_stream.kind). */
#define CS_K_READABLE     (1u << 0)
#define CS_K_WRITABLE     (1u << 1)
#define CS_K_TRANSFORM    (1u << 2)
#define CS_K_PASSTHROUGH  (1u << 3)
#define CS_K_HALF_OPEN    (1u << 4)   /* allowHalfOpen */
#define CS_K_DESTROY_CALLED (1u << 5) /* _destroy's callback was called */
#define CS_K_CONSTRUCT_CALLED (1u << 6)
#define CS_K_DESTROY_WAITING (1u << 7) /* destroy() waits for _construct */
#define CS_K_TRANSFORM_PENDING (1u << 8) /* Transform parked its callback */
#define CS_K_FLUSH_CB     (1u << 9)   /* _flush runs as _final (has a cb) */

/* ---- buffers ----------------------------------------------------------- */

/* A ring of chunks (readable buffer) or of write requests. */
typedef struct cs_req {
  cs_chunk c;
  int enc;
  cs_ref cb;          /* user callback, CS_NOREF for none */
  size_t size;        /* the chunk's measure (bytes, code units or 1) */
} cs_req;

typedef struct cs_ring {
  cs_req *a;
  size_t cap, head, n;   /* elements a[(head + i) % cap], i < n; cap is 0
                         ** or a power of two */
} cs_ring;

typedef struct cs_rstate {
  uint32_t f;
  size_t hwm;
  size_t length;
  cs_ring buf;
  size_t bufidx;           /* Node's bufferIndex: consumed slots before buf */
  int encoding;            /* CS_ENC_BUFFER when no decoder */
  int default_encoding;
  cs_decoder *decoder;
  size_t visits;           /* chunks read(n) has looked at, ever: tests
                           ** count work with it (cost per read must not
                           ** grow with what is buffered) */
  size_t gen;              /* bumped on every change of the buffer, its
                           ** length or its decoder (cs_read_commit) */
} cs_rstate;

typedef struct cs_wstate {
  uint32_t f;
  size_t hwm;
  size_t length;
  size_t writelen;
  int corked;
  int default_encoding;
  size_t pendingcb;
  cs_ring buffered;
  /* Callback(s) of the write in flight: one ref, or a batch from writev. */
  cs_ref writecb;
  /* afterWriteTickInfo: pending ticks, each covering 'enc' calls of 'cb'
  ** (FIFO, consumed in tick order; the newest is the one still counting). */
  cs_ring atw;
  /* end(cb) callbacks waiting for 'finish' or an error. */
  cs_ref *onfinished; size_t nonfinished, capfinished;
} cs_wstate;

struct cs_stream {
  const cs_host *host;
  void *ctx;                 /* host data: owner of this stream */
  uint32_t kind;
  cs_ref errored;            /* shared errored value (both sides) */
  cs_ref destroy_cb;         /* destroy(err, cb)'s cb */
  cs_ref destroy_err;        /* destroy's err while _construct runs */
  size_t t_len;              /* Transform: readable length before _transform */
  cs_rstate r;
  cs_wstate w;
};

/* ---- options ------------------------------------------------------------ */

typedef struct cs_opts {
  int object_mode[2];        /* [0] readable side, [1] writable side */
  double hwm[2];             /* < 0: default */
  int emit_close, auto_destroy, allow_half_open, decode_strings;
  int encoding;              /* readable decoder; -1 none */
  int default_encoding;
  int readable, writable;    /* Duplex readable/writable: false disables */
  size_t default_hwm[2];     /* Node's getDefaultHighWaterMark(objectMode):
                             ** [0] bytes, [1] objects; hwm < 0 takes it */
} cs_opts;

void cs_opts_default(cs_opts *o);
/* The defaults a fresh cs_opts starts from; the host may set others
** (Node's setDefaultHighWaterMark). */
#define CS_DEFAULT_HWM  16384
#define CS_DEFAULT_OBJ_HWM 16
#define CS_MAX_HWM 0x40000000

/* Initialise a stream of 'kind' (CS_K_* bits).  Returns 0 or an error code;
** on failure the stream is still safe to cs_free. */
int  cs_init(cs_stream *s, const cs_host *h, void *ctx, uint32_t kind,
             const cs_opts *o);
/* Release every ref and buffer (the host's __gc).  Calls no user code. */
void cs_free(cs_stream *s);

/* ---- readable ------------------------------------------------------------ */

/* push: chunk (owned) with 'enc' (CS_ENC_BUFFER for raw bytes); returns
** Node's boolean.  Text in the decoder's encoding is kept as it is unless
** enc carries CS_ENC_APART: the caller spelled the encoding otherwise than
** the stream's (Node compares the names: "utf-8" is not "utf8"), so it is
** encoded to bytes and decoded again, as Node does. */
#define CS_ENC_APART 0x10000
int  cs_push(cs_stream *s, const cs_chunk *c, int enc);
int  cs_push_eof(cs_stream *s);
int  cs_unshift(cs_stream *s, const cs_chunk *c, int enc);
/* read([n]): has_n == 0 means no argument.  Returns 1 and fills 'out'
** (owned by the caller) when a chunk is returned. */
int  cs_read(cs_stream *s, int has_n, double n, cs_chunk *out);
/* read([n]) in two steps, for a host whose byte values are made where an
** allocation may raise (docs/DESIGN.md, "Re-entry"): cs_read_begin does
** what cs_read does, but where read's result needs new bytes (a slice of
** a chunk, or pieces of several, byte or text mode) it stops before
** taking anything off the buffer and returns CS_READ_MAKE with rp->p and
** rp->len set.  The host then makes a byte value of those bytes, with no
** core frame active (a failure leaves the buffer as it was; the copy must
** come before anything that can re-enter the core: p may be a buffered
** chunk or host scratch), and hands it (owned by the core from then on)
** to cs_read_commit, which takes the piece off and finishes the read.  If
** the stream's buffer changed meanwhile (a finalizer ran stream code),
** commit releases the value and reads what is there now as cs_read would
** (its value made by newbytes).  Commit returns what cs_read returns. */
#define CS_READ_MAKE 2
typedef struct cs_readplan {
  const char *p;             /* the bytes to make (valid until the next
                             ** call into the core) */
  size_t len;
  /* the core's: the read in progress and the piece planned */
  size_t n, gen, whole, part, partu, extra;
  double norig;
} cs_readplan;
int  cs_read_begin(cs_stream *s, int has_n, double n, cs_chunk *out,
                   cs_readplan *rp);
int  cs_read_commit(cs_stream *s, cs_readplan *rp, const cs_chunk *made,
                    cs_chunk *out);
int  cs_set_encoding(cs_stream *s, int enc);
/* The encoding of a string pushed with none named: bytes (Node's Buffer),
** unless the stream's defaultEncoding says it is text. */
int  cs_push_string_enc(const cs_stream *s);
void cs_pause(cs_stream *s);
void cs_resume(cs_stream *s);
int  cs_is_paused(const cs_stream *s);
/* Listener hooks for Readable.on/removeListener. */
void cs_on_data(cs_stream *s, int readable_listeners);
void cs_on_readable(cs_stream *s);
void cs_data_listeners_gone(cs_stream *s);
void cs_readable_listeners_changed(cs_stream *s); /* defers the update */
void cs_update_readable_listening(cs_stream *s, int readable_listeners);
void cs_set_await_drain(cs_stream *s, int on, int multi);

/* ---- writable ------------------------------------------------------------ */

/* write: chunk and cb owned by the core.  Returns 1/0 as Node's write, or -1
** when the write failed (write after end/destroy); then *err (if given)
** receives a new ref to the error.
** enc is an encoding id (-1: the default encoding), or, where the core
** converts nothing (decodeStrings false, object mode), a spelling id
** >= CS_ENC__COUNT: the host's name for a text encoding as its caller
** spelled it, carried to write/writev/transform unchanged (never bytes). */
int  cs_write(cs_stream *s, const cs_chunk *c, int enc, cs_ref cb, cs_ref *err);
/* end([chunk][, enc][, cb]): c may be NULL. */
void cs_end(cs_stream *s, const cs_chunk *c, int enc, cs_ref cb);
void cs_cork(cs_stream *s);
void cs_set_default_encoding(cs_stream *s, int enc);  /* setDefaultEncoding */
void cs_uncork(cs_stream *s);

/* ---- callbacks handed to user code -------------------------------------- */

void cs_onwrite(cs_stream *s, cs_ref err);          /* _write/_writev cb */
void cs_onfinal(cs_stream *s, cs_ref err);          /* _final cb */
void cs_ondestroy(cs_stream *s, cs_ref err);        /* _destroy cb */
void cs_onconstruct(cs_stream *s, cs_ref err);      /* _construct cb */
/* _transform/_flush callback(err, data): data may be NULL. */
void cs_ontransform(cs_stream *s, cs_ref err, const cs_chunk *data, int enc);
void cs_onflush(cs_stream *s, cs_ref err, const cs_chunk *data, int enc);
/* Transform's default _read: releases a parked write callback. */
void cs_t_read(cs_stream *s);
/* Transform's own 'prefinish' listener: with a _final of the user's (which
** replaces Transform's flushing _final), _flush and the readable side's end. */
void cs_t_prefinish(cs_stream *s);

/* ---- destroy --------------------------------------------------------------- */

/* destroy([err][, cb]): both owned. */
void cs_destroy(cs_stream *s, cs_ref err, cs_ref cb);
/* Node's errorOrDestroy (sync: emit on the next tick). err owned. */
CS_COLD void cs_error_or_destroy(cs_stream *s, cs_ref err, int sync);
/* Start _construct if the host has one (called once, after creation). */
void cs_construct(cs_stream *s);

/* Run a deferred op (see host->defer); a and b are owned again. */
void cs_run(cs_stream *s, int op, cs_ref a, cs_ref b);

/* ---- properties ---------------------------------------------------------- */

int cs_readable(const cs_stream *s);      /* the 'readable' property */
int cs_writable(const cs_stream *s);      /* the 'writable' property */
int cs_destroyed(const cs_stream *s);
int cs_closed(const cs_stream *s);
int cs_need_drain(const cs_stream *s);    /* writableNeedDrain */
int cs_readable_aborted(const cs_stream *s);
int cs_writable_aborted(const cs_stream *s);
/* readableFlowing: -1 null, 0 false, 1 true */
int cs_flowing(const cs_stream *s);

/* Every property Lua sees on a stream, in one list: XX(id, name, side).
** The side says which streams have it, as Node's prototypes do: R every
** readable (Readable.prototype), W every writable (Writable.prototype),
** WO a Writable that is not a Duplex (Duplex.prototype does not take
** writableAborted in Node 20), A every stream, D a Duplex only. */
#define CS_PROP_MAP(XX) \
  XX(READABLE,  "readable",              R) \
  XX(FLOWING,   "readableFlowing",       R) \
  XX(RLENGTH,   "readableLength",        R) \
  XX(RHWM,      "readableHighWaterMark", R) \
  XX(RENCODING, "readableEncoding",      R) \
  XX(RENDED,    "readableEnded",         R) \
  XX(ROBJ,      "readableObjectMode",    R) \
  XX(RABORTED,  "readableAborted",       R) \
  XX(RDIDREAD,  "readableDidRead",       R) \
  XX(DESTROYED, "destroyed",             A) \
  XX(CLOSED,    "closed",                A) \
  XX(ERRORED,   "errored",               A) \
  XX(WRITABLE,  "writable",              W) \
  XX(WLENGTH,   "writableLength",        W) \
  XX(WHWM,      "writableHighWaterMark", W) \
  XX(WENDED,    "writableEnded",         W) \
  XX(WFINISHED, "writableFinished",      W) \
  XX(WCORKED,   "writableCorked",        W) \
  XX(WNEEDDRAIN,"writableNeedDrain",     W) \
  XX(WOBJ,      "writableObjectMode",    W) \
  XX(WABORTED,  "writableAborted",       WO) \
  XX(HALFOPEN,  "allowHalfOpen",         D)

enum {
  CS_P__NONE = 0,
#define CS_P_ENUM(id, name, side) CS_P_##id,
  CS_PROP_MAP(CS_P_ENUM)
#undef CS_P_ENUM
  CS_P__COUNT
};

/* A property's value: what Lua makes of it is the binding's business. */
enum { CS_PV_NIL, CS_PV_BOOL, CS_PV_INT, CS_PV_STR, CS_PV_REF };
typedef struct cs_propval {
  int type;
  long long i;          /* BOOL, INT */
  const char *str;      /* STR: static */
  cs_ref ref;           /* REF: the stream's own (errored) */
} cs_propval;

const char *cs_prop_name(int id);   /* NULL outside 1..CS_P__COUNT-1 */
void cs_prop(const cs_stream *s, int id, cs_propval *v);

/* The state fields _state() shows (Node's ReadableState / WritableState
** names), per side: XX(name, flag, negated).  Counters and refs (length,
** corked, pendingcb, errored, flowing) are added by hand. */
#define CS_RSTATE_MAP(XX) \
  XX("objectMode",      CS_OBJECT_MODE,          0) \
  XX("ended",           CS_R_ENDED,              0) \
  XX("endEmitted",      CS_R_END_EMITTED,        0) \
  XX("reading",         CS_R_READING,            0) \
  XX("errorEmitted",    CS_ERROR_EMITTED,        0) \
  XX("emitClose",       CS_EMIT_CLOSE,           0) \
  XX("autoDestroy",     CS_AUTO_DESTROY,         0) \
  XX("destroyed",       CS_DESTROYED,            0) \
  XX("closed",          CS_CLOSED,               0) \
  XX("closeEmitted",    CS_CLOSE_EMITTED,        0) \
  XX("constructed",     CS_CONSTRUCTED,          0) \
  XX("readable",        CS_R_DISABLED,           1) \
  XX("dataEmitted",     CS_R_DATA_EMITTED,       0) \
  XX("multiAwaitDrain", CS_R_MULTI_AWAIT_DRAIN,  0) \
  XX("dataListening",   CS_R_DATA_LISTENING,     0)
#define CS_WSTATE_MAP(XX) \
  XX("objectMode",      CS_OBJECT_MODE,          0) \
  XX("ending",          CS_W_ENDING,             0) \
  XX("ended",           CS_W_ENDED,              0) \
  XX("finished",        CS_W_FINISHED,           0) \
  XX("errorEmitted",    CS_ERROR_EMITTED,        0) \
  XX("emitClose",       CS_EMIT_CLOSE,           0) \
  XX("autoDestroy",     CS_AUTO_DESTROY,         0) \
  XX("destroyed",       CS_DESTROYED,            0) \
  XX("closed",          CS_CLOSED,               0) \
  XX("closeEmitted",    CS_CLOSE_EMITTED,        0) \
  XX("constructed",     CS_CONSTRUCTED,          0) \
  XX("writable",        CS_W_DISABLED,           1) \
  XX("needDrain",       CS_W_NEED_DRAIN,         0) \
  XX("finalCalled",     CS_W_FINAL_CALLED,       0) \
  XX("prefinished",     CS_W_PREFINISHED,        0) \
  XX("writing",         CS_W_WRITING,            0)

#endif
