// readable_text_spec.lua "push() measures text in UTF-16 code units"
'use strict';
const { Readable } = require('stream');
let log = [];
const out = (name) => { console.log(name + '\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v))))); log = []; };
{ // setEncoding, highWaterMark 2: "€" is 1 unit, "😀" 2
  const r = new Readable({ read() {}, highWaterMark: 2 });
  r.setEncoding('utf8');
  log.push(r.push(Buffer.from('€')), r.readableLength, r.push(Buffer.from('€')), r.readableLength,
           r.push(Buffer.from('😀')), r.readableLength);
}
out('counts');
{ // the encoding option: "😀" alone reaches highWaterMark 2
  const r = new Readable({ read() {}, highWaterMark: 2, encoding: 'utf8' });
  log.push(r.push(Buffer.from('😀')), r.readableLength, r.read(), r.readableLength);
}
{ // bytes stay bytes
  const r = new Readable({ read() {}, highWaterMark: 2 });
  log.push(r.push(Buffer.from('€')), r.readableLength);
}
out('encoding_and_bytes');
