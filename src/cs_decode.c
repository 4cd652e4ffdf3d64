/*
** cs_decode.c - encodings and the incremental string decoder.
**
** Text is UTF-8 on the Lua side, so Buffer.from(text, enc) first reads the
** text the way V8 would (invalid sequences become U+FFFD), then works on the
** UTF-16 code units Node would see.  The decoder follows Node 20's native
** StringDecoder (src/string_decoder.cc) chunk by chunk, except for utf16le,
** where it keeps surrogate pairs whole so every output chunk is valid UTF-8.
*/
#include <stdint.h>
#include <string.h>

#include "cs_decode.h"

typedef unsigned char uchar;

#define REPL 0xFFFDul

/* ---- names ---- */

static const char *const enc_names[CS_ENC__COUNT] = {
  "buffer", "utf8", "hex", "base64", "base64url", "latin1", "ascii", "utf16le"
};

static const struct { const char *name; int enc; } enc_aliases[] = {
  {"utf8", CS_ENC_UTF8}, {"utf-8", CS_ENC_UTF8}, {"hex", CS_ENC_HEX},
  {"base64", CS_ENC_BASE64}, {"base64url", CS_ENC_BASE64URL},
  {"latin1", CS_ENC_LATIN1}, {"binary", CS_ENC_LATIN1},
  {"ascii", CS_ENC_ASCII}, {"utf16le", CS_ENC_UTF16LE},
  {"utf-16le", CS_ENC_UTF16LE}, {"ucs2", CS_ENC_UTF16LE},
  {"ucs-2", CS_ENC_UTF16LE}
};

static int name_eq_nocase (const char *a, const char *s, size_t len) {
  size_t i;
  for (i = 0; i < len; i++) {
    uchar c = (uchar)s[i];
    if (c >= 'A' && c <= 'Z') c = (uchar)(c - 'A' + 'a');
    if (a[i] == '\0' || (uchar)a[i] != c) return 0;
  }
  return a[len] == '\0';
}

int cs_enc_parse (const char *name, size_t len) {
  size_t i;
  /* Node's normalizeEncoding('') is utf8; 'buffer' is only ever matched
  ** exactly (Writable's test is `encoding !== 'buffer'`). */
  if (len == 0) return CS_ENC_UTF8;
  if (len == 6 && memcmp(name, "buffer", 6) == 0) return CS_ENC_BUFFER;
  for (i = 0; i < sizeof(enc_aliases) / sizeof(enc_aliases[0]); i++)
    if (name_eq_nocase(enc_aliases[i].name, name, len))
      return enc_aliases[i].enc;
  return -1;
}

const char *cs_enc_name (int enc) {
  return (enc >= 0 && enc < CS_ENC__COUNT) ? enc_names[enc] : NULL;
}

/* ---- UTF-8 helpers ---- */

/* One code point from s[0..len) the way V8 (WHATWG) decodes: U+FFFD for
** each maximal subpart of an invalid or truncated sequence.  len > 0. */
static unsigned long utf8_next (const uchar *s, size_t len, size_t *adv) {
  unsigned long cp;
  uchar lo = 0x80, hi = 0xBF;
  size_t n, i;
  uchar c = s[0];
  if (c < 0x80) { *adv = 1; return c; }
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1Fu; }
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3; cp = c & 0x0Fu;
    if (c == 0xE0) lo = 0xA0;          /* overlong */
    else if (c == 0xED) hi = 0x9F;     /* surrogates */
  }
  else if (c >= 0xF0 && c <= 0xF4) {
    n = 4; cp = c & 0x07u;
    if (c == 0xF0) lo = 0x90;          /* overlong */
    else if (c == 0xF4) hi = 0x8F;     /* above U+10FFFF */
  }
  else { *adv = 1; return REPL; }      /* 80..C1, F5..FF */
  for (i = 1; i < n; i++) {
    if (i >= len || s[i] < lo || s[i] > hi) { *adv = i; return REPL; }
    cp = (cp << 6) | (s[i] & 0x3Fu);
    lo = 0x80; hi = 0xBF;
  }
  *adv = n;
  return cp;
}

static size_t utf8_put (unsigned long cp, uchar *o) {
  if (cp < 0x80) { o[0] = (uchar)cp; return 1; }
  if (cp < 0x800) {
    o[0] = (uchar)(0xC0 | (cp >> 6));
    o[1] = (uchar)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (uchar)(0xE0 | (cp >> 12));
    o[1] = (uchar)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (uchar)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (uchar)(0xF0 | (cp >> 18));
  o[1] = (uchar)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (uchar)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (uchar)(0x80 | (cp & 0x3F));
  return 4;
}

/* Bytes of the ASCII run at the start of s[0..len). */
static size_t ascii_run (const uchar *s, size_t len) {
  size_t i = 0;
  uint64_t w;
  while (len - i >= 8) {
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull) break;
    i += 8;
  }
  while (i < len && s[i] < 0x80) i++;
  return i;
}

/* Bytes -> valid UTF-8, as String::NewFromUtf8 then back to UTF-8. */
static size_t utf8_sanitize (const uchar *s, size_t len, uchar *o) {
  size_t k = 0;
  while (len > 0) {
    size_t adv, run = ascii_run(s, len);         /* eight bytes a step */
    if (run > 0) {
      memcpy(o + k, s, run);
      k += run; s += run; len -= run;
      continue;
    }
    {
      unsigned long cp = utf8_next(s, len, &adv);
      if (cp == REPL) k += utf8_put(REPL, o + k);
      else { memcpy(o + k, s, adv); k += adv; }
      s += adv; len -= adv;
    }
  }
  return k;
}

/* ---- measuring text ---- */

size_t cs_utf16_len (const char *src, size_t len) {
  const uchar *s = (const uchar *)src;
  size_t u = 0;
  while (len > 0) {
    size_t adv = ascii_run(s, len);
    if (adv == 0) {
      unsigned long cp = utf8_next(s, len, &adv);
      u += cp >= 0x10000 ? 2 : 1;
    } else {
      u += adv;
    }
    s += adv; len -= adv;
  }
  return u;
}

size_t cs_utf16_prefix (const char *src, size_t len, size_t n,
                        size_t *units) {
  const uchar *s = (const uchar *)src;
  size_t u = 0, b = 0;
  while (u < n && b < len) {
    /* the ASCII run is looked at only as far as it can be taken: O(n) */
    size_t lim = len - b < n - u ? len - b : n - u;
    size_t adv = ascii_run(s + b, lim);
    if (adv == 0) {
      unsigned long cp = utf8_next(s + b, len - b, &adv);
      u += cp >= 0x10000 ? 2 : 1;
    } else {
      u += adv;
    }
    b += adv;
  }
  *units = u;
  return b;
}

/* ---- text -> bytes ---- */

static size_t sat_mul (size_t a, size_t m) {
  return (a > SIZE_MAX / m) ? SIZE_MAX : a * m;
}

static const signed char unhex_tab[256] = {
#define X -1
#define R16 X,X,X,X,X,X,X,X,X,X,X,X,X,X,X,X
  R16, R16, R16,
  0,1,2,3,4,5,6,7,8,9,X,X,X,X,X,X,
  X,10,11,12,13,14,15,X,X,X,X,X,X,X,X,X, R16,
  X,10,11,12,13,14,15,X,X,X,X,X,X,X,X,X, R16,
  R16, R16, R16, R16, R16, R16, R16, R16
};

/* Node's unbase64 table takes both alphabets ('+' '-' are 62, '/' '_' 63). */
static const signed char unb64_tab[256] = {
  R16, R16,
  X,X,X,X,X,X,X,X,X,X,X,62,X,62,X,63,
  52,53,54,55,56,57,58,59,60,61,X,X,X,X,X,X,
  X,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,
  15,16,17,18,19,20,21,22,23,24,25,X,X,X,X,63,
  X,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,
  41,42,43,44,45,46,47,48,49,50,51,X,X,X,X,X,
  R16, R16, R16, R16, R16, R16, R16, R16
#undef R16
#undef X
};

size_t cs_encode_bound (int enc, size_t len) {
  switch (enc) {
    case CS_ENC_HEX: return len / 2;
    case CS_ENC_BASE64: case CS_ENC_BASE64URL:
      return len / 4 * 3 + len % 4;
    case CS_ENC_UTF16LE: return sat_mul(len, 2);
    default: return len;   /* one code unit per byte at most */
  }
}

size_t cs_encode (int enc, const char *src, size_t len, char *dst) {
  const uchar *s = (const uchar *)src;
  uchar *o = (uchar *)dst;
  size_t k = 0;
  int hi = -1;              /* hex: pending high nibble */
  unsigned acc = 0, nacc = 0;   /* base64: 6-bit groups seen in a quantum */
  if (enc == CS_ENC_BUFFER || enc == CS_ENC_UTF8 || enc < 0
      || enc >= CS_ENC__COUNT) {
    if (len > 0) memcpy(o, s, len);
    return len;
  }
  while (len > 0) {
    unsigned units[2];
    int nu, j;
    size_t adv;
    unsigned long cp;
    if (s[0] < 0x80) { cp = s[0]; adv = 1; }
    else cp = utf8_next(s, len, &adv);
    s += adv; len -= adv;
    if (cp < 0x10000) { units[0] = (unsigned)cp; nu = 1; }
    else {
      units[0] = 0xD800u + (unsigned)((cp - 0x10000) >> 10);
      units[1] = 0xDC00u + (unsigned)((cp - 0x10000) & 0x3FF);
      nu = 2;
    }
    for (j = 0; j < nu; j++) {
      /* Node's hex and base64 parsers cast each code unit to uint8_t. */
      uchar b = (uchar)(units[j] & 0xFF);
      switch (enc) {
        case CS_ENC_HEX: {
          int v = unhex_tab[b];
          if (v < 0) return k;              /* the pair is invalid: stop */
          if (hi < 0) hi = v;
          else { o[k++] = (uchar)((hi << 4) | v); hi = -1; }
          break;
        }
        case CS_ENC_BASE64: case CS_ENC_BASE64URL: {
          int v = unb64_tab[b];
          if (v < 0) {
            if (b == '=') return k;
            break;                          /* whitespace, junk: skipped */
          }
          switch (nacc) {
            case 1: o[k++] = (uchar)((acc << 2) | ((unsigned)v >> 4)); break;
            case 2: o[k++] = (uchar)(((acc & 0x0F) << 4) | ((unsigned)v >> 2));
                    break;
            case 3: o[k++] = (uchar)(((acc & 0x03) << 6) | (unsigned)v); break;
            default: break;
          }
          acc = (unsigned)v;
          nacc = (nacc + 1) & 3;
          break;
        }
        case CS_ENC_UTF16LE:
          o[k++] = b;
          o[k++] = (uchar)(units[j] >> 8);
          break;
        default:                            /* latin1, ascii */
          o[k++] = b;
          break;
      }
    }
  }
  return k;
}

/* ---- bytes -> text ---- */

static const char hexdig[] = "0123456789abcdef";
static const char b64_tab[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64url_tab[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static size_t b64_out (int url, const uchar *s, size_t len, uchar *o) {
  const char *t = url ? b64url_tab : b64_tab;
  size_t k = 0;
  for (; len >= 3; s += 3, len -= 3) {
    o[k++] = (uchar)t[s[0] >> 2];
    o[k++] = (uchar)t[((s[0] & 3) << 4) | (s[1] >> 4)];
    o[k++] = (uchar)t[((s[1] & 0x0F) << 2) | (s[2] >> 6)];
    o[k++] = (uchar)t[s[2] & 0x3F];
  }
  if (len > 0) {
    o[k++] = (uchar)t[s[0] >> 2];
    if (len == 1) o[k++] = (uchar)t[(s[0] & 3) << 4];
    else {
      o[k++] = (uchar)t[((s[0] & 3) << 4) | (s[1] >> 4)];
      o[k++] = (uchar)t[(s[1] & 0x0F) << 2];
    }
    if (!url) {
      o[k++] = '=';
      if (len == 1) o[k++] = '=';
    }
  }
  return k;
}

/* Stateless encodings: the whole input, always. */
static size_t plain_out (int enc, const uchar *s, size_t len, uchar *o) {
  size_t i, k = 0;
  switch (enc) {
    case CS_ENC_HEX:
      for (i = 0; i < len; i++) {
        o[k++] = (uchar)hexdig[s[i] >> 4];
        o[k++] = (uchar)hexdig[s[i] & 0x0F];
      }
      return k;
    case CS_ENC_LATIN1:
      for (i = 0; i < len; i++) {
        if (s[i] < 0x80) o[k++] = s[i];
        else {
          o[k++] = (uchar)(0xC0 | (s[i] >> 6));
          o[k++] = (uchar)(0x80 | (s[i] & 0x3F));
        }
      }
      return k;
    case CS_ENC_ASCII:
      for (i = 0; i < len; i++) o[k++] = (uchar)(s[i] & 0x7F);
      return k;
    default:                                   /* buffer */
      if (len > 0) memcpy(o, s, len);
      return len;
  }
}

void cs_decoder_init (cs_decoder *d, int enc) {
  memset(d, 0, sizeof(*d));
  d->enc = enc;
}

size_t cs_decoder_bound (const cs_decoder *d, size_t len) {
  size_t n = (len > SIZE_MAX - d->npend) ? SIZE_MAX : len + d->npend;
  switch (d->enc) {
    case CS_ENC_UTF8: return sat_mul(n, 3);    /* U+FFFD per byte at worst */
    case CS_ENC_UTF16LE: return sat_mul(n / 2, 3);
    case CS_ENC_BASE64: case CS_ENC_BASE64URL:
      return sat_mul(n / 3 + (n % 3 != 0), 4);
    case CS_ENC_HEX: case CS_ENC_LATIN1: return sat_mul(len, 2);
    default: return len;
  }
}

/* The bytes of an incomplete character at the end of s[0..len), len > 0,
** found as Node finds it, scanning back from the end for its lead byte; 0
** when the end is complete (or no lead is near).  *need: that character's
** length, when there is one. */
static size_t utf8_tail (const uchar *s, size_t len, unsigned *need) {
  size_t b = 0, i;
  *need = 0;
  if (!(s[len - 1] & 0x80)) return 0;
  for (i = len - 1; ; i--) {
    b++;
    if ((s[i] & 0xC0) == 0x80) {
      if (b >= 4 || i == 0) return 0;
    } else {
      if ((s[i] & 0xE0) == 0xC0) *need = 2;
      else if ((s[i] & 0xF0) == 0xE0) *need = 3;
      else if ((s[i] & 0xF8) == 0xF0) *need = 4;
      else return 0;
      return b >= *need ? 0 : b;             /* complete (or overlong) */
    }
  }
}

/* Node's utf8 path: finish the pending character first (stopping at a byte
** that cannot continue it), then hold back a trailing incomplete character
** found by scanning back from the end for its lead byte. */
static size_t utf8_write (cs_decoder *d, const uchar *s, size_t len,
                          uchar *o) {
  size_t k = 0, b, i;
  unsigned need;
  if (d->npend > 0) {
    unsigned missing = d->need - d->npend;
    size_t take = len < missing ? len : missing;
    for (i = 0; i < take; i++)
      if ((s[i] & 0xC0) != 0x80) { take = i; missing = (unsigned)i; break; }
    memcpy(d->pend + d->npend, s, take);
    d->npend += (unsigned)take;
    s += take; len -= take;
    if (take == missing) {
      k = utf8_sanitize(d->pend, d->npend, o);
      d->npend = 0; d->need = 0;
    }
  }
  if (len == 0) return k;
  b = utf8_tail(s, len, &need);
  k += utf8_sanitize(s, len - b, o + k);
  if (b > 0) {
    memcpy(d->pend, s + len - b, b);
    d->npend = (unsigned)b;
    d->need = need;
  }
  return k;
}

int cs_decoder_same (const cs_decoder *d, const char *src, size_t len) {
  const uchar *s = (const uchar *)src;
  unsigned need;
  if (d->enc != CS_ENC_UTF8 || d->npend > 0) return 0;
  /* a chunk cut inside a character (every other one of a text cut at
  ** random, where most characters take two bytes) fails here, unread */
  if (len > 0 && utf8_tail(s, len, &need) > 0) return 0;
  while (len > 0) {
    size_t adv = ascii_run(s, len);
    if (adv == 0) {
      /* REPL stands for an invalid or truncated sequence too: only a
      ** U+FFFD spelled out in the input is its own */
      unsigned long cp = utf8_next(s, len, &adv);
      if (cp == REPL && !(adv == 3 && s[0] == 0xEF && s[1] == 0xBF &&
                          s[2] == 0xBD))
        return 0;
    }
    s += adv; len -= adv;
  }
  return 1;
}

#define IS_HIGH(u) (((u) & 0xFC00u) == 0xD800u)
#define IS_LOW(u)  (((u) & 0xFC00u) == 0xDC00u)

/* utf16le state in pend: [odd byte] or [high surrogate, maybe odd byte]. */
static size_t utf16_byte (cs_decoder *d, uchar c, uchar *o) {
  unsigned u;
  size_t k = 0;
  d->pend[d->npend++] = c;
  if (d->npend & 1) return 0;
  u = d->pend[d->npend - 2] | ((unsigned)c << 8);
  if (d->npend == 4) {
    unsigned h = d->pend[0] | ((unsigned)d->pend[1] << 8);
    d->npend = 0;
    if (IS_LOW(u))
      return utf8_put(0x10000ul + ((unsigned long)(h - 0xD800u) << 10)
                      + (u - 0xDC00u), o);
    k = utf8_put(REPL, o);                    /* lone high surrogate */
  }
  d->npend = 0;
  if (IS_HIGH(u)) {
    d->pend[0] = (uchar)(u & 0xFF); d->pend[1] = (uchar)(u >> 8);
    d->npend = 2;
    return k;
  }
  return k + utf8_put(IS_LOW(u) ? REPL : u, o + k);
}

size_t cs_decoder_write (cs_decoder *d, const char *src, size_t len,
                         char *dst) {
  const uchar *s = (const uchar *)src;
  uchar *o = (uchar *)dst;
  size_t k = 0, i;
  if (len == 0) return 0;            /* never an output; src may be NULL */
  switch (d->enc) {
    case CS_ENC_UTF8:
      return utf8_write(d, s, len, o);
    case CS_ENC_UTF16LE:
      for (i = 0; i < len; i++) k += utf16_byte(d, s[i], o + k);
      return k;
    case CS_ENC_BASE64: case CS_ENC_BASE64URL: {
      int url = d->enc == CS_ENC_BASE64URL;
      size_t rest;
      while (d->npend > 0 && len > 0) {
        d->pend[d->npend++] = *s++; len--;
        if (d->npend == 3) { k = b64_out(url, d->pend, 3, o); d->npend = 0; }
      }
      rest = len % 3;
      k += b64_out(url, s, len - rest, o + k);
      memcpy(d->pend + d->npend, s + len - rest, rest);
      d->npend += (unsigned)rest;
      return k;
    }
    default:
      return plain_out(d->enc, s, len, o);
  }
}

size_t cs_decoder_end (cs_decoder *d, char *dst) {
  uchar *o = (uchar *)dst;
  size_t k = 0;
  if (d->npend > 0) {
    switch (d->enc) {
      case CS_ENC_UTF8:
        k = utf8_sanitize(d->pend, d->npend, o);
        break;
      case CS_ENC_UTF16LE:                     /* an odd byte is dropped */
        if (d->npend >= 2) k = utf8_put(REPL, o);
        break;
      case CS_ENC_BASE64: case CS_ENC_BASE64URL:
        k = b64_out(d->enc == CS_ENC_BASE64URL, d->pend, d->npend, o);
        break;
      default:
        break;
    }
  }
  d->npend = 0;
  d->need = 0;
  return k;
}

size_t cs_decode_all (int enc, const char *src, size_t len, char *dst) {
  cs_decoder d;
  size_t k;
  cs_decoder_init(&d, enc);
  k = cs_decoder_write(&d, src, len, dst);
  return k + cs_decoder_end(&d, dst + k);
}

