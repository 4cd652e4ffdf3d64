/*
** cs_zlib.c - deflate / inflate steps over the system zlib.
** Behaviour follows Node.js 20 (src/node_zlib.cc, lib/zlib.js): the same
** window-bit rules, the gunzip multi-member loop, the same error texts.
*/
#define ZLIB_CONST
#include <zlib.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cs_zlib.h"

/* Largest input slice given to zlib at once (avail_in is a uInt).  Tests
** shrink it to exercise the slicing path. */
#ifndef CS_ZLIB_MAX_FEED
#define CS_ZLIB_MAX_FEED (1u << 30)
#endif

#define GZIP_ID1 0x1f
#define GZIP_ID2 0x8b

struct cs_zlib {
  z_stream s;
  int mode;          /* current: UNZIP turns into INFLATE or GUNZIP */
  int orig_mode;     /* as created, restored by reset */
  int inited;        /* deflateInit2/inflateInit2 succeeded */
  int failed;        /* sticky after an error, as Node never resumes */
  int gzip_id;       /* UNZIP: gzip magic bytes seen so far */
  unsigned char *dict;
  size_t dictlen;
  unsigned char *buf;
  size_t cap, off;   /* output buffer; 'off' carries over like _outOffset */
  cs_zlib_err err;
};

static int is_deflate(int mode) {
  return mode == CS_ZLIB_DEFLATE || mode == CS_ZLIB_GZIP ||
         mode == CS_ZLIB_DEFLATERAW;
}

const char *cs_zlib_codename(int zret) {
  switch (zret) {
    case Z_OK: return "Z_OK";
    case Z_STREAM_END: return "Z_STREAM_END";
    case Z_NEED_DICT: return "Z_NEED_DICT";
    case Z_ERRNO: return "Z_ERRNO";
    case Z_STREAM_ERROR: return "Z_STREAM_ERROR";
    case Z_DATA_ERROR: return "Z_DATA_ERROR";
    case Z_MEM_ERROR: return "Z_MEM_ERROR";
    case Z_BUF_ERROR: return "Z_BUF_ERROR";
    case Z_VERSION_ERROR: return "Z_VERSION_ERROR";
    default: return "Z_UNKNOWN_ERROR";
  }
}

static void set_err(cs_zlib_err *e, int zret, const char *zmsg,
                    const char *fallback) {
  e->errnum = zret;
  e->code = cs_zlib_codename(zret);
  /* Node prefers zlib's own message (ErrorForMessage). */
  e->message = zmsg != NULL ? zmsg : fallback;
}

static int fail(cs_zlib *z, int zret, const char *fallback) {
  set_err(&z->err, zret, z->s.msg, fallback);
  z->failed = 1;
  return CS_ZLIB_FAIL;
}

void cs_zlib_opts_default(cs_zlib_opts *o) {
  o->level = Z_DEFAULT_COMPRESSION;
  o->window_bits = 0;
  o->mem_level = 8;
  o->strategy = Z_DEFAULT_STRATEGY;
  o->chunk_size = CS_ZLIB_DEFAULT_CHUNK;
  o->dict = NULL;
  o->dictlen = 0;
}

/* Node's SetDictionary: deflate and raw inflate take it up front; the
** other inflate modes wait for Z_NEED_DICT; gzip ignores it. */
static int set_dictionary(cs_zlib *z) {
  int ret = Z_OK;
  if (z->dict == NULL) return 0;
  if (z->mode == CS_ZLIB_DEFLATE || z->mode == CS_ZLIB_DEFLATERAW)
    ret = deflateSetDictionary(&z->s, z->dict, (uInt)z->dictlen);
  else if (z->mode == CS_ZLIB_INFLATERAW)
    ret = inflateSetDictionary(&z->s, z->dict, (uInt)z->dictlen);
  if (ret != Z_OK) return fail(z, ret, "Failed to set dictionary");
  return 0;
}

static int valid_opts(int mode, const cs_zlib_opts *o) {
  int minwb = mode == CS_ZLIB_GZIP ? 9 : 8;
  if (mode <= CS_ZLIB_NONE || mode > CS_ZLIB_UNZIP) return 0;
  if (o->level < -1 || o->level > 9) return 0;
  if (o->mem_level < 1 || o->mem_level > 9) return 0;
  if (o->strategy < 0 || o->strategy > Z_FIXED) return 0;
  if (o->window_bits != 0 &&
      (o->window_bits < minwb || o->window_bits > 15)) return 0;
  if (o->chunk_size < CS_ZLIB_MIN_CHUNK || o->chunk_size > CS_ZLIB_MAX_CHUNK)
    return 0;
  if (o->dictlen > UINT_MAX || (o->dictlen > 0 && o->dict == NULL)) return 0;
  return 1;
}

cs_zlib *cs_zlib_new(int mode, const cs_zlib_opts *o, cs_zlib_err *err) {
  cs_zlib_opts def;
  cs_zlib *z;
  int wb, ret;
  if (o == NULL) { cs_zlib_opts_default(&def); o = &def; }
  if (!valid_opts(mode, o)) {
    set_err(err, Z_STREAM_ERROR, NULL, "invalid zlib options");
    return NULL;
  }
  z = calloc(1, sizeof *z);
  if (z == NULL) goto nomem;
  z->mode = z->orig_mode = mode;
  z->cap = o->chunk_size;
  z->buf = malloc(z->cap);
  if (z->buf == NULL) goto nomem;
  if (o->dictlen > 0) {
    z->dict = malloc(o->dictlen);
    if (z->dict == NULL) goto nomem;
    memcpy(z->dict, o->dict, o->dictlen);
    z->dictlen = o->dictlen;
  }
  /* Window bits as Node: 0 asks inflate to use the header's window. */
  wb = o->window_bits;
  if (wb == 0 && mode != CS_ZLIB_INFLATE && mode != CS_ZLIB_GUNZIP &&
      mode != CS_ZLIB_UNZIP)
    wb = 15;
  if (mode == CS_ZLIB_DEFLATERAW && wb == 8) wb = 9;  /* zlib rejects raw 8 */
  if (mode == CS_ZLIB_GZIP || mode == CS_ZLIB_GUNZIP) wb += 16;
  else if (mode == CS_ZLIB_UNZIP) wb += 32;
  else if (mode == CS_ZLIB_DEFLATERAW || mode == CS_ZLIB_INFLATERAW) wb = -wb;
  if (is_deflate(mode))
    ret = deflateInit2(&z->s, o->level, Z_DEFLATED, wb, o->mem_level,
                       o->strategy);
  else
    ret = inflateInit2(&z->s, wb);
  if (ret != Z_OK) {
    set_err(err, ret, z->s.msg, "Init error");
    cs_zlib_free(z);
    return NULL;
  }
  z->inited = 1;
  if (set_dictionary(z) != 0) {
    *err = z->err;
    cs_zlib_free(z);
    return NULL;
  }
  return z;
nomem:
  cs_zlib_free(z);
  set_err(err, Z_MEM_ERROR, NULL, "insufficient memory");
  return NULL;
}

void cs_zlib_free(cs_zlib *z) {
  if (z == NULL) return;
  if (z->inited) {
    if (is_deflate(z->orig_mode)) (void)deflateEnd(&z->s);
    else (void)inflateEnd(&z->s);
  }
  free(z->dict);
  free(z->buf);
  free(z);
}

/* UNZIP: pick GUNZIP (multi-member) or INFLATE from the magic bytes, which
** may arrive one per write (node_zlib.cc's gzip_id_bytes_read_). */
static void unzip_detect(cs_zlib *z) {
  const unsigned char *p = z->s.avail_in > 0 ? z->s.next_in : NULL;
  if (p == NULL) return;
  if (z->gzip_id == 0) {
    if (*p != GZIP_ID1) { z->mode = CS_ZLIB_INFLATE; return; }
    z->gzip_id = 1;
    if (z->s.avail_in == 1) return;
    p++;
  }
  if (*p == GZIP_ID2) { z->gzip_id = 2; z->mode = CS_ZLIB_GUNZIP; }
  else z->mode = CS_ZLIB_INFLATE;
}

/* One zlib call as Node's Process(): dictionary on demand, then further
** gzip members while non-zero bytes follow a member's end. */
static int run(cs_zlib *z, int flush) {
  int ret;
  if (is_deflate(z->mode)) return deflate(&z->s, flush);
  if (z->mode == CS_ZLIB_UNZIP) unzip_detect(z);
  ret = inflate(&z->s, flush);
  if (z->mode != CS_ZLIB_INFLATERAW && ret == Z_NEED_DICT && z->dict) {
    ret = inflateSetDictionary(&z->s, z->dict, (uInt)z->dictlen);
    if (ret == Z_OK) ret = inflate(&z->s, flush);
    else if (ret == Z_DATA_ERROR) ret = Z_NEED_DICT;  /* "Bad dictionary" */
  }
  /* Trailing zero bytes are padding; anything else is another member or
  ** garbage, which the next inflate reports. */
  while (z->s.avail_in > 0 && z->mode == CS_ZLIB_GUNZIP &&
         ret == Z_STREAM_END && z->s.next_in[0] != 0) {
    if (inflateReset(&z->s) != Z_OK) return Z_STREAM_ERROR;
    ret = inflate(&z->s, flush);
  }
  return ret;
}

/* Node's CheckError: 1 when ret is acceptable. */
static int check(cs_zlib *z, int ret, int flush) {
  switch (ret) {
    case Z_OK:
    case Z_BUF_ERROR:
      if (z->s.avail_out != 0 && flush == Z_FINISH) {
        fail(z, ret, "unexpected end of file");
        return 0;
      }
      return 1;
    case Z_STREAM_END:
      return 1;
    case Z_NEED_DICT:
      fail(z, ret, z->dict ? "Bad dictionary" : "Missing dictionary");
      return 0;
    default:
      fail(z, ret, "Zlib error");
      return 0;
  }
}

/* Point zlib at the free part of the buffer; a full buffer starts over
** (the previous pieces were handed out already). */
static unsigned char *out_begin(cs_zlib *z) {
  if (z->off >= z->cap) z->off = 0;
  z->s.next_out = z->buf + z->off;
  z->s.avail_out = (uInt)(z->cap - z->off);
  return z->buf + z->off;
}

static void out_end(cs_zlib *z, unsigned char *start, const char **out,
                    size_t *outlen) {
  size_t n = (size_t)(z->s.next_out - start);
  *out = (const char *)start;
  *outlen = n;
  z->off += n;
  z->s.next_in = NULL;  /* the input belongs to the caller */
  z->s.avail_in = 0;
}

int cs_zlib_step(cs_zlib *z, const char **in, size_t *inlen, int flush,
                 const char **out, size_t *outlen) {
  unsigned char *start;
  *out = NULL;
  *outlen = 0;
  if (z->failed) return CS_ZLIB_FAIL;
  start = out_begin(z);
  for (;;) {
    size_t n = *inlen, used;
    int last = 1, f = flush, ret;
    if (n > CS_ZLIB_MAX_FEED) {  /* only the last slice carries the flush */
      n = CS_ZLIB_MAX_FEED;
      last = 0;
      f = Z_NO_FLUSH;
    }
    z->s.next_in = (const Bytef *)*in;
    z->s.avail_in = (uInt)n;
    ret = run(z, f);
    used = n - z->s.avail_in;
    if (used > 0) { *in += used; *inlen -= used; }
    if (!check(z, ret, f)) {
      z->s.next_in = NULL;
      z->s.avail_in = 0;
      return CS_ZLIB_FAIL;
    }
    if (z->s.avail_out == 0) {
      out_end(z, start, out, outlen);
      return CS_ZLIB_MORE;
    }
    if (z->s.avail_in > 0) {  /* zlib wants no more: the stream has ended */
      out_end(z, start, out, outlen);
      return CS_ZLIB_EOF;
    }
    if (last) {
      out_end(z, start, out, outlen);
      return CS_ZLIB_DONE;
    }
  }
}

int cs_zlib_process(cs_zlib *z, const char *in, size_t inlen, int flush,
                    cs_zlib_sink sink, void *ud, size_t *consumed) {
  const char *p = in;
  size_t n = inlen;
  int r;
  do {
    const char *o;
    size_t ol;
    r = cs_zlib_step(z, &p, &n, flush, &o, &ol);
    if (ol > 0 && sink != NULL && sink(ud, o, ol) != 0 && r == CS_ZLIB_MORE)
      break;
  } while (r == CS_ZLIB_MORE);
  if (consumed != NULL) *consumed = inlen - n;
  return r;
}

int cs_zlib_reset(cs_zlib *z) {
  int ret;
  z->failed = 0;
  z->mode = z->orig_mode;
  z->gzip_id = 0;
  ret = is_deflate(z->mode) ? deflateReset(&z->s) : inflateReset(&z->s);
  if (ret != Z_OK) return fail(z, ret, "Failed to reset stream");
  return set_dictionary(z) == 0 ? 0 : CS_ZLIB_FAIL;
}

int cs_zlib_params(cs_zlib *z, int level, int strategy,
                   const char **out, size_t *outlen) {
  unsigned char *start;
  int ret;
  *out = NULL;
  *outlen = 0;
  if (z->failed) return CS_ZLIB_FAIL;
  if (!is_deflate(z->mode)) return 0;  /* Node ignores params on inflate */
  if (level < -1 || level > 9 || strategy < 0 || strategy > Z_FIXED) {
    set_err(&z->err, Z_STREAM_ERROR, NULL, "Failed to set parameters");
    return CS_ZLIB_FAIL;  /* a bad argument does not break the stream */
  }
  start = out_begin(z);
  z->s.next_in = NULL;
  z->s.avail_in = 0;
  ret = deflateParams(&z->s, level, strategy);
  if (ret != Z_OK && ret != Z_BUF_ERROR)
    return fail(z, ret, "Failed to set parameters");
  out_end(z, start, out, outlen);
  return 0;
}

const cs_zlib_err *cs_zlib_error(const cs_zlib *z) { return &z->err; }
int cs_zlib_mode(const cs_zlib *z) { return z->orig_mode; }
size_t cs_zlib_chunk_size(const cs_zlib *z) { return z->cap; }
