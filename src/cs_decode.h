/*
** cs_decode.h - encodings: text -> bytes (Node's Buffer.from(text, enc)) and
** the incremental bytes -> text decoder (Node's StringDecoder).  Text on the
** Lua side is UTF-8, so "text" below always means UTF-8 bytes.
*/
#ifndef cs_decode_h
#define cs_decode_h

#include <stddef.h>

/* Encoding ids; CS_ENC_BUFFER marks raw bytes. */
enum {
  CS_ENC_BUFFER = 0, CS_ENC_UTF8, CS_ENC_HEX, CS_ENC_BASE64, CS_ENC_BASE64URL,
  CS_ENC_LATIN1, CS_ENC_ASCII, CS_ENC_UTF16LE, CS_ENC__COUNT
};

/* Name -> id, case-insensitive, with Node's aliases ("utf-8", "binary",
** "ucs2", "ucs-2", "utf-16le", "buffer").  -1 when unknown. */
int cs_enc_parse(const char *name, size_t len);
/* Canonical name: "buffer", "utf8", "hex", "base64", "base64url", "latin1",
** "ascii", "utf16le". */
const char *cs_enc_name(int enc);

/* Buffer.from(text, enc): an upper bound of the output size, and the
** conversion itself (returns the bytes written).  CS_ENC_BUFFER and
** CS_ENC_UTF8 copy unchanged; hex stops at the first invalid pair as Node
** does; base64/base64url accept both alphabets, skip whitespace and stop at
** '='; latin1/ascii map each code point to its low byte; utf16le writes
** UTF-16LE code units (surrogate pairs above U+FFFF).  Invalid UTF-8 in the
** input counts as U+FFFD for latin1/ascii/utf16le. */
size_t cs_encode_bound(int enc, size_t len);
size_t cs_encode(int enc, const char *src, size_t len, char *dst);

/* StringDecoder: bytes in, UTF-8 text out; never splits a character or a
** base64 quantum across calls.  utf8: invalid sequences become U+FFFD the
** way Node does (maximal subpart); utf16le: lone surrogates become U+FFFD;
** latin1: each byte as its code point; ascii: each byte & 0x7f; hex and
** base64/base64url: that notation of the bytes. */
typedef struct cs_decoder {
  int enc;
  unsigned char pend[4];   /* bytes of an incomplete character/quantum */
  unsigned npend;
  unsigned need;           /* utf8: total bytes of the pending character */
} cs_decoder;

void   cs_decoder_init(cs_decoder *d, int enc);
/* Upper bound of the output of write(len bytes) or end() (len = 0). */
size_t cs_decoder_bound(const cs_decoder *d, size_t len);
size_t cs_decoder_write(cs_decoder *d, const char *src, size_t len, char *dst);
/* Flush what is pending (an incomplete utf8 character becomes U+FFFD, a
** partial base64 quantum is written with padding) and reset. */
size_t cs_decoder_end(cs_decoder *d, char *dst);
/* Would write(src, len) give back src's own bytes and hold nothing?  True
** for utf8 with nothing pending and src whole, valid UTF-8: the caller may
** keep the bytes it has instead of a copy (the decoder is left as write
** would leave it). */
int    cs_decoder_same(const cs_decoder *d, const char *src, size_t len);

/* Text measured as Node measures a JS string: the UTF-16 code units of the
** text the UTF-8 in s[0..len) spells (a character below U+10000 counts 1,
** one above counts 2, each invalid sequence counts as the one U+FFFD it
** stands for, as cs_encode reads it). */
size_t cs_utf16_len(const char *s, size_t len);
/* The bytes of the longest prefix of s[0..len) that holds at most n code
** units without splitting a character, except that a character whose
** second unit would be unit n + 1 (Node would cut the surrogate pair) is
** taken whole.  *units receives the units of that prefix: n (or less when
** s runs out), or n + 1 for that whole character. */
size_t cs_utf16_prefix(const char *s, size_t len, size_t n, size_t *units);

/* One-shot Buffer.toString(enc): the same as write + end on a fresh decoder. */
size_t cs_decode_all(int enc, const char *src, size_t len, char *dst);

#endif
