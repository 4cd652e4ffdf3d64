/*
** cs_zlib.h - deflate / inflate steps over the system zlib, with the
** semantics of Node.js 20's zlib binding (node_zlib.cc + lib/zlib.js).
**
** Pure C: no Lua.  A cs_zlib owns one z_stream and one output buffer of
** chunk_size bytes.  cs_zlib_step is Node's handle.write(): one pass of
** zlib over the input into the free part of that buffer, returning the
** bytes it produced as a view.  The caller loops while a step says MORE,
** so memory stays at one buffer however large the output grows; stopping
** between steps (backpressure) and resuming later is always allowed.
*/
#ifndef cs_zlib_h
#define cs_zlib_h

#include <stddef.h>

/* Modes: the values of Node's zlib.constants.DEFLATE ... UNZIP. */
enum {
  CS_ZLIB_NONE, CS_ZLIB_DEFLATE, CS_ZLIB_INFLATE, CS_ZLIB_GZIP,
  CS_ZLIB_GUNZIP, CS_ZLIB_DEFLATERAW, CS_ZLIB_INFLATERAW, CS_ZLIB_UNZIP
};

/* Step results. */
enum {
  CS_ZLIB_DONE,   /* input used up, output buffer not full */
  CS_ZLIB_MORE,   /* output buffer full: step again (input may be empty) */
  CS_ZLIB_EOF,    /* stream ended with input left over: Node's push(null) */
  CS_ZLIB_FAIL    /* error: see cs_zlib_error(); sticky until reset */
};

#define CS_ZLIB_DEFAULT_CHUNK 16384      /* Node's Z_DEFAULT_CHUNK */
#define CS_ZLIB_MIN_CHUNK 64             /* Node's Z_MIN_CHUNK */
#ifndef CS_ZLIB_MAX_CHUNK
#define CS_ZLIB_MAX_CHUNK (1u << 30)     /* must fit zlib's uInt avail_out */
#endif

typedef struct cs_zlib cs_zlib;

typedef struct cs_zlib_opts {
  int level;          /* -1..9 */
  int window_bits;    /* 8..15; 0 = default (15, or the header's on inflate) */
  int mem_level;      /* 1..9 */
  int strategy;       /* 0..4 */
  size_t chunk_size;  /* output piece size */
  const char *dict;   /* preset dictionary (copied), may be NULL */
  size_t dictlen;
} cs_zlib_opts;

/* An error as Node reports it: errno = zlib's return code, code = its name
** ("Z_DATA_ERROR"), message = zlib's msg or Node's text. */
typedef struct cs_zlib_err {
  int errnum;
  const char *code;
  const char *message;
} cs_zlib_err;

void cs_zlib_opts_default(cs_zlib_opts *o);

/* Create a stream; NULL on failure with *err filled (bad options give
** Z_STREAM_ERROR, no memory Z_MEM_ERROR). */
cs_zlib *cs_zlib_new(int mode, const cs_zlib_opts *o, cs_zlib_err *err);
/* deflateEnd/inflateEnd and free; NULL is fine. */
void cs_zlib_free(cs_zlib *z);

/* One pass with flush mode 'flush' (Z_NO_FLUSH..Z_BLOCK).  Advances *in
** and *inlen by what zlib consumed and sets (*out, *outlen) to the bytes
** produced, a view valid until the next call on z.  On FAIL nothing is
** produced (Node drops the output of the failing pass). */
int cs_zlib_step(cs_zlib *z, const char **in, size_t *inlen, int flush,
                 const char **out, size_t *outlen);

/* Steps until done, handing each piece to 'sink'.  A nonzero return from
** the sink stops after that piece when more is pending: the result is then
** MORE and the caller resumes with the input past *consumed. */
typedef int (*cs_zlib_sink)(void *ud, const char *p, size_t n);
int cs_zlib_process(cs_zlib *z, const char *in, size_t inlen, int flush,
                    cs_zlib_sink sink, void *ud, size_t *consumed);

/* Back to the state after cs_zlib_new (dictionary kept).  0 or FAIL. */
int cs_zlib_reset(cs_zlib *z);
/* deflateParams; output it produces (normally none after a sync flush)
** comes back as a view like a step's.  0 or FAIL. */
int cs_zlib_params(cs_zlib *z, int level, int strategy,
                   const char **out, size_t *outlen);

const cs_zlib_err *cs_zlib_error(const cs_zlib *z);
int cs_zlib_mode(const cs_zlib *z);        /* as created (UNZIP stays) */
size_t cs_zlib_chunk_size(const cs_zlib *z);
/* Node's ZlibStrerror: "Z_OK", "Z_DATA_ERROR", ... */
const char *cs_zlib_codename(int zret);

#endif
