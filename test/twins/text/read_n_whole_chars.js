// readable_text_spec.lua "read(n) counts code units and never splits a character"
'use strict';
const { Readable } = require('stream');
const log = [];
const show = (s) => (s === null ? null : Buffer.from(s, 'utf8').toString('hex'));
function make(chunks) {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  for (const c of chunks) r.push(Buffer.from(c));
  return r;
}
{ // read(1) on "é": the whole character, one unit
  const r = make(['é']);
  log.push('é', show(r.read(1)), r.readableLength, show(r.read(1)));
}
{ // read(3) across chunks ending on a whole "😀" (no split)
  const r = make(['a', '😀C', 'AB']);
  log.push('a😀C', show(r.read(3)), r.readableLength, show(r.read()), r.readableLength);
}
{ // Node's decoder branch leaves "" at the front, then reads on past it
  const r = make(['é', '😀', 'xy']);
  log.push('é😀xy', show(r.read(3)), r.readableLength, show(r.read(1)), r.readableLength,
           show(r.read(1)), r.readableLength);
}
{ // n === buffer.length: Node hands out the whole chunk and subtracts n
  const r = make(['é', '€€€€€', 'gh']);
  log.push('overshoot', show(r.read(4)), r.readableLength, show(r.read(2)), r.readableLength,
           show(r.read()));
}
{ // a 'readable' loop of read(2) over mixed text
  const r = make(['añb€', 'c中文d']);
  const got = [];
  r.on('readable', () => { let c; while ((c = r.read(2)) !== null) got.push(show(c)); });
  r.push(null);
  r.on('end', () => { log.push('loop', got.join(',')); console.log(JSON.stringify(log)); });
}
