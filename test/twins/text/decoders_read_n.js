// readable_text_spec.lua "read(n) with each decoder"
'use strict';
const { Readable } = require('stream');
// Prints `case<TAB>JSON array` (a null read as "null", as the spec logs it).
const show = (s) => (s === null ? 'null' : s);
function run(name, enc, bufs, ns) {
  const r = new Readable({ read() {} });
  r.setEncoding(enc);
  for (const b of bufs) r.push(Buffer.from(b));
  const out = [enc, r.readableLength];
  for (const n of ns) out.push(show(r.read(n)), r.readableLength);
  console.log(name + '\t' + JSON.stringify(out.map(String)));
}
run('hex', 'hex', [[0xab, 0xcd], [0xef]], [1, 2, 3, 1]);
run('base64', 'base64', [[1, 2, 3, 4], [5]], [1, 3, 5]);
run('latin1', 'latin1', [[0xe9, 0x41, 0xff]], [1, 1, 5]);
run('ascii', 'ascii', [[0xe9, 0x41, 0xff]], [1, 1, 5]);
run('utf16le', 'utf16le', [[0xe9, 0x00, 0x41, 0x00], [0xac, 0x20]], [1, 2]);
run('utf16le_pair', 'utf16le', [[0x3d, 0xd8, 0x00, 0xde, 0x41, 0x00]], [2, 1]);
run('utf8', 'utf8', [[0xff, 0x61, 0xe2, 0x82]], [1, 1]);
