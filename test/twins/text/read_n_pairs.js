// readable_text_spec.lua "where Node cuts a surrogate pair" (the declared
// difference: Node's halves are printed as \ud83d / \ude00, cstream hands
// out the whole character and measures what it took).
'use strict';
const { Readable } = require('stream');
const log = [];
const show = (s) => (s === null ? null : JSON.stringify(s).slice(1, -1));
function make(chunks) {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  for (const c of chunks) r.push(Buffer.from(c));
  return r;
}
{
  const r = make(['😀x']);
  log.push(show(r.read(1)), r.readableLength, show(r.read(1)), r.readableLength, show(r.read(1)));
}
{
  const r = make(['a', '😀', 'AB']);
  log.push(show(r.read(2)), r.readableLength, show(r.read()), r.readableLength);
}
{
  const r = make(['a', '😀BC']);
  log.push(show(r.read(2)), r.readableLength, show(r.read(2)), r.readableLength);
}
console.log(JSON.stringify(log));
