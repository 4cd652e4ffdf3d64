// readable_text_spec.lua "readableEncoding"
'use strict';
const { Readable, Duplex } = require('stream');
const log = [];
for (const e of ['utf8', 'utf-8', 'UTF-8', 'Utf8', 'binary', 'latin1', 'ucs2', 'UCS-2',
                 'utf-16le', 'hex', 'HEX', 'base64', 'ascii']) {
  const r = new Readable({ read() {}, encoding: e });
  const r2 = new Readable({ read() {} });
  r2.setEncoding(e);
  log.push(e, r.readableEncoding, r2.readableEncoding);
}
{
  const r = new Readable({ read() {}, encoding: 'utf-8' });
  const d = new Duplex({ read() {}, write(c, e, cb) { cb(); }, encoding: 'binary' });
  log.push(r.readableEncoding, d.readableEncoding);
  r.setEncoding('UCS-2');
  log.push(r.readableEncoding);
  r.setEncoding();
  log.push(r.readableEncoding, new Readable().readableEncoding);
}
console.log('readable_encoding\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v)))));
