// readable_text_spec.lua "readableLength of what each decoder made"
'use strict';
const { Readable } = require('stream');
const log = [];
const bytes = Buffer.from([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x41]); // "é😀A"
for (const enc of ['utf8', 'latin1', 'ascii', 'hex', 'base64', 'utf16le']) {
  const r = new Readable({ read() {} });
  r.setEncoding(enc);
  r.push(bytes);
  const len = r.readableLength;
  r.push(null);
  const s = r.read();
  log.push(enc, len, Buffer.from(s, 'utf8').toString('hex'));
}
console.log('decoder_lengths\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v)))));
