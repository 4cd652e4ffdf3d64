/*
** fuzz_decode.c - libFuzzer harness for cs_decode.c.
**   clang -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
**     src/cs_decode.c fuzz/fuzz_decode.c -o /tmp/fuzz_decode
**   /tmp/fuzz_decode -max_total_time=60 fuzz/corpus/decode
** Also checks the measure of text (cs_utf16_len, cs_utf16_prefix) and
** cs_decoder_same against each write.
** Input: byte 0 picks the encoding, byte 1 the number n of chunk sizes that
** follow (bytes 2..n+1), the rest is the payload.  Output buffers are
** malloc'ed at exactly the advertised bound, so ASan sees any overrun.
** Build with -DCS_FUZZ_MAIN (any compiler) to replay files instead.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cs_decode.h"

#define REQUIRE(c) do { if (!(c)) abort(); } while (0)

static char *xmalloc (size_t n) {
  char *p = (char *)malloc(n ? n : 1);
  REQUIRE(p != NULL);
  return p;
}

/* Every chunk of text the decoder hands out must be valid UTF-8. */
static int valid_utf8 (const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t len, j;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    }
    else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    else return 0;
    if (n - i < len) return 0;
    for (j = 1; j < len; j++) {
      if (s[i + j] < lo || s[i + j] > hi) return 0;
      lo = 0x80; hi = 0xBF;
    }
    i += len;
  }
  return 1;
}

static size_t decode_all (int enc, const char *src, size_t n, char **out) {
  cs_decoder d;
  size_t r;
  cs_decoder_init(&d, enc);
  *out = xmalloc(cs_decoder_bound(&d, n));
  r = cs_decode_all(enc, src, n, *out);
  REQUIRE(r <= cs_decoder_bound(&d, n));
  return r;
}

static void check_decode (int enc, const unsigned char *sizes, size_t nsizes,
                          const char *src, size_t n) {
  cs_decoder d;
  char *whole, *acc;
  size_t wn = decode_all(enc, src, n, &whole), an = 0, pos = 0, turn = 0;
  acc = xmalloc(wn);
  cs_decoder_init(&d, enc);
  for (;;) {
    size_t len = n - pos, bound, r;
    char *out;
    int last = pos >= n, same;
    if (!last && nsizes > 0) {
      size_t want = sizes[turn++ % nsizes] % 17u;   /* 0: an empty write */
      if (want < len) len = want;
    }
    bound = cs_decoder_bound(&d, last ? 0 : len);
    out = xmalloc(bound);
    same = !last && cs_decoder_same(&d, src + pos, len);
    r = last ? cs_decoder_end(&d, out)
             : cs_decoder_write(&d, src + pos, len, out);
    REQUIRE(r <= bound);
    /* same: exactly when the write gave back its input and holds nothing */
    REQUIRE(last || same == (enc == CS_ENC_UTF8 && r == len && d.npend == 0 &&
                             (len == 0 || memcmp(out, src + pos, len) == 0)));
    REQUIRE(enc == CS_ENC_BUFFER || valid_utf8((unsigned char *)out, r));
    REQUIRE(an + r <= wn);
    memcpy(acc + an, out, r);
    an += r;
    free(out);
    if (last) break;
    pos += len;
    if (turn > 4 * n + 8) nsizes = 0;    /* empty writes forever: stop */
  }
  REQUIRE(an == wn && memcmp(acc, whole, wn) == 0);
  free(acc);
  free(whole);
}

static size_t encode (int enc, const char *src, size_t n, char **out) {
  size_t bound = cs_encode_bound(enc, n), r;
  *out = xmalloc(bound);
  r = cs_encode(enc, src, n, *out);
  REQUIRE(r <= bound);
  return r;
}

static void check_encode (int enc, const char *src, size_t n) {
  char *bytes, *text, *again;
  size_t bn = encode(enc, src, n, &bytes), tn, an;
  switch (enc) {
    case CS_ENC_UTF16LE: {
      /* Back through the decoder gives the text as V8 would read it. */
      char *clean;
      size_t cn = decode_all(CS_ENC_UTF8, src, n, &clean);
      tn = decode_all(enc, bytes, bn, &text);
      REQUIRE(tn == cn && memcmp(text, clean, cn) == 0);
      free(clean);
      free(text);
      break;
    }
    case CS_ENC_HEX: case CS_ENC_BASE64: case CS_ENC_BASE64URL:
      /* bytes -> notation -> the same bytes */
      tn = decode_all(enc, src, n, &text);
      an = encode(enc, text, tn, &again);
      REQUIRE(an == n && memcmp(again, src, n) == 0);
      free(again);
      free(text);
      break;
    default:
      break;
  }
  free(bytes);
}

/* Text measured in UTF-16 code units: what the utf16le encoder makes, over
** two; a prefix of n units never splits a character, and splitting the text
** at every cut point adds up to the whole. */
static void check_measure (const unsigned char *sizes, size_t nsizes,
                           const char *src, size_t n) {
  char *bytes;
  size_t bn = encode(CS_ENC_UTF16LE, src, n, &bytes);
  size_t units = cs_utf16_len(src, n), pos = 0, upos = 0, turn = 0;
  REQUIRE(units * 2 == bn);
  free(bytes);
  while (pos < n) {
    size_t k = 1 + (nsizes ? sizes[turn++ % nsizes] % 9u : 3u), got, b;
    b = cs_utf16_prefix(src + pos, n - pos, k, &got);
    REQUIRE(b > 0 && b <= n - pos);
    /* k units, or k + 1 for a whole pair, or all that is left */
    REQUIRE(got == k || got == k + 1 || b == n - pos);
    REQUIRE(got <= k + 1);
    /* whole characters: the pieces measure what the whole does */
    REQUIRE(cs_utf16_len(src + pos, b) == got);
    if (got == k + 1) {
      size_t u2;
      /* the last character is the pair: one unit less stops before it */
      REQUIRE(cs_utf16_prefix(src + pos, n - pos, k + 1, &u2) == b && u2 == k + 1);
    }
    pos += b;
    upos += got;
  }
  REQUIRE(upos == units);
}

/* libFuzzer calls this; declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  int enc;
  size_t nsizes;
  const unsigned char *sizes;
  const char *payload;
  size_t n;
  char name[16];
  if (size < 2) return 0;
  enc = data[0] % CS_ENC__COUNT;
  nsizes = data[1] % 8u;
  if (size < 2 + nsizes) return 0;
  sizes = data + 2;
  payload = (const char *)data + 2 + nsizes;
  n = size - 2 - nsizes;
  /* the name round trip, upper-cased to exercise case folding */
  {
    const char *cn = cs_enc_name(enc);
    size_t i, len = strlen(cn);
    for (i = 0; i < len; i++)
      name[i] = (char)((cn[i] >= 'a' && cn[i] <= 'z') && enc != CS_ENC_BUFFER
                       ? cn[i] - 'a' + 'A' : cn[i]);
    REQUIRE(cs_enc_parse(name, len) == enc);
  }
  check_decode(enc, sizes, nsizes, payload, n);
  check_encode(enc, payload, n);
  check_measure(sizes, nsizes, payload, n);
  return 0;
}

#include "replay.h"
