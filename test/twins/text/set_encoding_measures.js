// readable_text_spec.lua "setEncoding() measures the buffer it re-decodes"
'use strict';
const { Readable } = require('stream');
let log = [];
const out = (name) => { console.log(name + '\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v))))); log = []; };
{
  const r = new Readable({ read() {} });
  r.push(Buffer.from('éé')); r.push(Buffer.from('😀'));
  log.push(r.readableLength);
  r.setEncoding('utf8');
  log.push(r.readableLength);
  r.setEncoding('hex'); // buffered text stays as it is
  log.push(r.readableLength, r.read(1), r.readableLength);
}
out('bytes_become_text');
{ // Node's setEncoding sets state.length to the length of the re-decoded
  // content, so a length left above an empty buffer goes back to 0
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  r.push('a'); r.push('bcdef'); r.push('gh');
  log.push(r.read(4), r.readableLength, r.read(2), r.readableLength);
  r.setEncoding('hex');
  log.push(r.readableLength);
}
out('empty_buffer');
