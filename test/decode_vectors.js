// Regenerates the vector tables baked into test/test_decode.c from node's own
// Buffer.from / StringDecoder.  Not needed to run the test:
//   node test/decode_vectors.js test/test_decode.c
'use strict';
const fs = require('fs');
const { StringDecoder } = require('string_decoder');

const H = (s) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// [encoding, chunks (hex), note]
const DECODE = [
  ['utf8', ['e282ac'], 'euro sign whole'],
  ['utf8', ['e2', '82', 'ac'], 'euro sign one byte per write'],
  ['utf8', ['e282', 'ac41'], 'euro sign split 2+1'],
  ['utf8', ['f09f', '9880'], 'astral split 2+2'],
  ['utf8', ['f0', '9f', '98', '80'], 'astral one byte per write'],
  ['utf8', ['61f0', '9f98', '8062'], 'astral between ASCII'],
  ['utf8', ['c3', 'a9c3', 'a9'], 'two e-acute split across three writes'],
  ['utf8', ['e282'], 'truncated at end: one U+FFFD'],
  ['utf8', ['f09f98'], 'truncated 4-byte at end: one U+FFFD'],
  ['utf8', ['e282', '41'], 'truncated then ASCII'],
  ['utf8', ['e28241'], 'truncated then ASCII, one write'],
  ['utf8', ['e2', '41'], 'lead then ASCII'],
  ['utf8', ['f0', '90', '41'], 'partial 4-byte then ASCII'],
  ['utf8', ['e080'], 'overlong E0 80 (held, then two U+FFFD)'],
  ['utf8', ['e0', '80'], 'overlong split'],
  ['utf8', ['e08080'], 'overlong 3-byte complete'],
  ['utf8', ['c080'], 'overlong C0 80'],
  ['utf8', ['c1bf41'], 'overlong C1 BF'],
  ['utf8', ['eda080'], 'UTF-8 encoded surrogate'],
  ['utf8', ['eda0', '80'], 'UTF-8 encoded surrogate split'],
  ['utf8', ['edbfbf41'], 'low surrogate then ASCII'],
  ['utf8', ['f4908080'], 'above U+10FFFF'],
  ['utf8', ['f48fbfbf'], 'U+10FFFF'],
  ['utf8', ['f5', '80'], 'F5 is never valid'],
  ['utf8', ['f880808080'], 'F8 5-byte form'],
  ['utf8', ['ff', 'fe41'], 'FF FE'],
  ['utf8', ['80'], 'lone continuation'],
  ['utf8', ['4180'], 'ASCII then continuation'],
  ['utf8', ['80808080', '80'], 'continuations only'],
  ['utf8', ['e282ac80'], 'extra continuation after complete char'],
  ['utf8', ['f09080', '80'], 'F0 90 80 completed next write'],
  ['utf8', ['f08080', '41'], 'F0 80 80 held until non-continuation'],
  ['utf8', ['', 'e282ac', ''], 'empty writes'],
  ['utf8', ['616263'], 'plain ASCII'],
  // runs of eight bytes and more: the decoder looks at ASCII eight bytes a step
  ['utf8', ['4142434445464748494a4b4c4d4e4f50ff5152535455565758595a'], 'invalid byte between long ASCII runs'],
  ['utf8', ['616263646566676869e282ac6a6b6c6d6e6f7071727374'], 'euro between nine-byte ASCII runs'],
  ['utf8', ['6162636465666768', 'e282', 'ac6162636465666768696a'], 'eight ASCII, a char split, ten ASCII'],
  ['utf8', ['61626364656667c3a96162636465666768'], 'two-byte char across the eighth byte'],
  ['utf8', ['6162636465666780616263646566676869'], 'continuation byte as the eighth byte'],
  ['utf8', ['c2'], 'lone C2 at end'],
  ['utf16le', ['6100'], 'a'],
  ['utf16le', ['61', '00'], 'a split'],
  ['utf16le', ['610062'], 'odd trailing byte dropped at end'],
  ['utf16le', ['3dd800de'], 'surrogate pair'],
  ['utf16le', ['3dd8', '00de'], 'surrogate pair split 2+2'],
  ['utf16le', ['3dd800', 'de'], 'surrogate pair split 3+1'],
  ['utf16le', ['3d', 'd800de'], 'surrogate pair split 1+3'],
  ['utf16le', ['3d', 'd8', '00', 'de'], 'surrogate pair one byte per write'],
  ['utf16le', ['3dd8'], 'high surrogate at end'],
  ['utf16le', ['3dd8', '4100'], 'high surrogate then A'],
  ['utf16le', ['3dd841'], 'high surrogate and odd byte at end'],
  ['utf16le', ['00de4100'], 'lone low surrogate'],
  ['utf16le', ['3dd83dd800de'], 'high, then a pair'],
  ['utf16le', ['ac20e900'], 'BMP characters'],
  ['base64', ['61'], 'one byte: =='],
  ['base64', ['6162'], 'two bytes: ='],
  ['base64', ['616263'], 'one quantum'],
  ['base64', ['61', '62', '63', '64'], 'byte per write'],
  ['base64', ['6162', '63646566', '67'], 'quanta across writes'],
  ['base64', ['fbff', 'fe'], '+ and /'],
  ['base64url', ['61'], 'one byte, no padding'],
  ['base64url', ['6162', '63'], 'quantum across writes'],
  ['base64url', ['fbff', 'fe', '00'], '- and _'],
  ['hex', ['00ff10', '', 'ab'], 'hex'],
  ['latin1', ['41e9ff80', '00'], 'latin1'],
  ['ascii', ['41e9ff80', '7f'], 'ascii clears the high bit'],
];

// [encoding, text (a JS string of bytes 0-255, read as UTF-8 as Lua would)]
const ENCODE = [
  ['hex', '616263'], ['hex', 'abzz'], ['hex', 'zz6162'], ['hex', 'abc'],
  ['hex', 'ABcd'], ['hex', 'a'], ['hex', ''], ['hex', 'ab cd'],
  ['hex', '\xc5\xa1\xc5\xa2'], ['hex', 'ab\xff'],
  ['base64', 'YWJj'], ['base64', 'YQ=='], ['base64', 'YQ'], ['base64', 'YWJ'],
  ['base64', 'Y'], ['base64', 'YW*Jj'], ['base64', 'YQ==YQ=='],
  ['base64', 'YW Jj\nZA'], ['base64', 'YWJj=ZGVm'], ['base64', '-_-_'],
  ['base64', '+/+/'], ['base64', '=YWJj'], ['base64', ' Y W J j Z G V m '],
  ['base64', 'YW\xf0\x9f\x98\x80Jj'], ['base64', 'YWJ\xc4\x80j'],
  ['base64url', 'YWJjZA'], ['base64url', '-_-_'], ['base64url', 'YQ==x'],
  ['latin1', 'A\xc3\xa9'], ['latin1', '\xe2\x82\xac'],
  ['latin1', '\xf0\x9f\x98\x80'], ['latin1', 'a\xffb'], ['latin1', '\xe0\x80'],
  ['ascii', 'A\xc3\xa9\xe2\x82\xac'], ['binary', '\xc3\xbf'],
  ['utf16le', 'a\xc3\xa9'], ['utf16le', '\xf0\x9f\x98\x80'],
  ['utf16le', '\xed\xa0\x80'], ['utf16le', 'a\xff'], ['ucs2', '\xe2\x82\xac'],
  ['utf8', 'a\xc3\xa9\xf0\x9f\x98\x80'],
];

// Reproducible random cases (mulberry32).
let seed = 20240601;
function rnd(n) {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor(((t ^ (t >>> 14)) >>> 0) / 4294967296 * n);
}
const pick = (a) => a[rnd(a.length)];
const TROUBLE = [0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4,
                 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f];
function cpBytes(cp) {
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x78;
  return [...Buffer.from(String.fromCodePoint(cp))];
}
function piece(enc) {
  const r = rnd(10);
  if (enc === 'utf16le') {
    if (r < 3) return [rnd(256), rnd(256)];
    if (r < 6) { const u = 0xd800 + rnd(0x800); return [u & 255, u >> 8]; }
    if (r < 8) return [rnd(128), 0];
    return [rnd(256)];
  }
  if (r < 3) return [32 + rnd(95)];
  if (r < 5) return cpBytes(pick([0xe9, 0x20ac, 0x1f600, 0x7ff, 0xffff,
                                  0x10ffff, rnd(0x110000)]));
  if (r < 7) return [pick(TROUBLE)];
  if (r < 8) {   // a prefix of a valid sequence
    const b = cpBytes(0x80 + rnd(0x10ff80));
    return b.slice(0, 1 + rnd(b.length));
  }
  return [rnd(256)];
}
const ENCS = ['utf8', 'utf8', 'utf8', 'utf16le', 'utf16le', 'base64',
              'base64url', 'hex', 'latin1', 'ascii'];
for (let t = 0; t < 120; t++) {
  const enc = pick(ENCS);
  const b = [];
  const n = 1 + rnd(14);
  while (b.length < n) b.push(...piece(enc));
  const chunks = [];
  for (let i = 0; i < b.length;) {
    const k = rnd(5);
    chunks.push(Buffer.from(b.slice(i, i + k)).toString('hex'));
    i += k;
  }
  DECODE.push([enc, chunks, 'random']);
}
for (let t = 0; t < 80; t++) {
  const enc = pick(['hex', 'base64', 'base64', 'base64url', 'latin1', 'ascii',
                    'utf16le']);
  const b = [];
  const n = rnd(20);
  const alpha = enc === 'hex' ? '0123456789abcdefABCDEFxz'
    : 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_';
  while (b.length < n) {
    const r = rnd(20);
    if (r < 14) b.push(alpha.charCodeAt(rnd(alpha.length)));
    else if (r < 16) b.push(pick([32, 10, 13, 9, 61]));
    else b.push(...piece('utf8'));
  }
  ENCODE.push([enc, Buffer.from(b).toString('latin1')]);
}

const hex = (b) => Buffer.from(b).toString('hex');
const cstr = (s) => JSON.stringify(s);
function cbytes(bytes) {   // a C literal; octal escapes cannot run on
  let o = '"';
  for (const c of bytes) {
    if (c === 0x22 || c === 0x5c) o += '\\' + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f && c !== 0x3f) o += String.fromCharCode(c);
    else o += '\\' + c.toString(8).padStart(3, '0');
  }
  return o + '"';
}

const lines = [];
lines.push('/* Generated by test/decode_vectors.js from node ' +
           process.version + '. */');
lines.push('static const dec_vec dec_vecs[] = {');
for (const [enc, chunks, note] of DECODE) {
  const d = new StringDecoder(enc);
  const outs = chunks.map((c) => d.write(H(c)));
  outs.push(d.end());
  // With an odd byte after a high surrogate node returns the surrogate alone,
  // even when the next write brings its pair; we hold it, so compare the
  // total only.  Other lone surrogates are U+FFFD in UTF-8, write by write.
  const whole = outs.slice(0, -1).some((s) => /[\ud800-\udbff]$/.test(s));
  const exp = whole ? [hex(Buffer.from(outs.join(''), 'utf8'))]
    : outs.map((s) => hex(Buffer.from(s, 'utf8')));
  lines.push(`  {${cstr(enc)}, ${cstr(chunks.join('|'))}, ` +
             `${cstr(exp.join('|'))}, ${whole ? 1 : 0}},` +
             (note === 'random' ? '' : ` /* ${note} */`));
}
lines.push('};');
lines.push('static const enc_vec enc_vecs[] = {');
for (const [enc, text] of ENCODE) {
  const bytes = Buffer.from(text, 'latin1');
  const out = Buffer.from(bytes.toString('utf8'), enc);
  lines.push(`  {${cstr(enc)}, ${cbytes(bytes)}, ${bytes.length}, ` +
             `${cstr(hex(out))}},`);
}
lines.push('};');

const file = process.argv[2];
if (!file) { console.log(lines.join('\n')); process.exit(0); }
const src = fs.readFileSync(file, 'utf8');
const a = src.indexOf('/* BEGIN VECTORS */');
const z = src.indexOf('/* END VECTORS */');
if (a < 0 || z < a) throw new Error('markers not found in ' + file);
fs.writeFileSync(file, src.slice(0, a) + '/* BEGIN VECTORS */\n' +
                 lines.join('\n') + '\n' + src.slice(z));
