// Writes the seed corpus of fuzz_zlib.c to fuzz/corpus/zlib/ (run from the
// repository root: node fuzz/zlib_seeds.js).  Each file is the harness's
// input: 4 header bytes, slice sizes, payload (see fuzz/fuzz_zlib.c).
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const dir = 'fuzz/corpus/zlib';
fs.mkdirSync(dir, { recursive: true });
const text = Buffer.from('Node.js 20 streams for Lua 5.4, with a C core. '.repeat(12));
const dict = Buffer.from('the quick brown fox jumps over the lazy dog');

// header: h0 mode (bit 7 roundtrip; decode: 0 inflate, 1 gunzip, 2 raw,
// 3 unzip), h1 chunk size ((h1 * 61) + 64), h2 low nibble = number of
// slice sizes, high nibble = pause every n pieces, h3 level/window/dict.
function seed(name, h, slices, payload) {
  const head = Buffer.from([h[0], h[1], (h[2] << 4) | slices.length, h[3]]);
  fs.writeFileSync(`${dir}/${name}`, Buffer.concat([head, Buffer.from(slices), payload]));
}

const gz = zlib.gzipSync(text);
seed('inflate', [0, 0, 0, 0], [7, 1, 30], zlib.deflateSync(text));
seed('inflate-dict', [0, 2, 0, 0x80], [15], zlib.deflateSync(text, { dictionary: dict }));
seed('gunzip', [1, 0, 3, 0], [0, 200], gz);
seed('gunzip-members', [1, 1, 0, 0], [10, 2], Buffer.concat([gz, zlib.gzipSync('second member')]));
seed('gunzip-zero-pad', [1, 0, 0, 0], [], Buffer.concat([gz, Buffer.alloc(8)]));
seed('gunzip-garbage', [1, 0, 0, 0], [5], Buffer.concat([gz, Buffer.from('garbage')]));
seed('gunzip-truncated', [1, 0, 2, 0], [1], gz.subarray(0, gz.length - 9));
seed('raw', [2, 4, 0, 0x70], [3, 0], zlib.deflateRawSync(text, { windowBits: 15 }));
seed('unzip-gzip', [3, 0, 1, 0], [0], gz);
seed('unzip-deflate', [3, 0, 0, 0], [1, 1, 1], zlib.deflateSync(text));
seed('roundtrip-deflate', [0x80, 0, 0, 0x06], [11, 40], text);
seed('roundtrip-gzip', [0x81 | 0x08, 3, 2, 0x19], [5], text);
seed('roundtrip-raw-dict', [0x82 | 0x10, 1, 0, 0x81], [64], text);
seed('roundtrip-unzip', [0x84, 0, 0, 0x00], [], Buffer.from(text.toString('base64')));
