// readable_text_spec.lua "read(n) counts code units and never splits a
// character": prints `case<TAB>JSON array`, read() results as the hex of
// their UTF-8.
'use strict';
const { Readable } = require('stream');
const show = (s) => (s === null ? 'nil' : Buffer.from(s, 'utf8').toString('hex'));
const out = (name, log) => console.log(name + '\t' + JSON.stringify(log.map(String)));
function make(chunks) {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  for (const c of chunks) r.push(Buffer.from(c));
  return r;
}
{ // read(1) on "é": the whole character, one unit; then nothing
  const r = make(['é']);
  out('whole_char', [show(r.read(1)), r.readableLength]);
  out('whole_char_then', [show(r.read(1))]);
}
{ // read(3) across chunks ending on a whole "😀" (no split)
  const r = make(['a', '😀C', 'AB']);
  out('across_chunks', [show(r.read(3)), r.readableLength, show(r.read()), r.readableLength]);
}
{ // Node's decoder branch leaves "" at the front, then reads on past it
  const r = make(['é', '😀', 'xy']);
  out('decoder_branch', [show(r.read(3)), r.readableLength, show(r.read(1)), r.readableLength,
                         show(r.read(1)), r.readableLength]);
}
{ // n === buffer.length: Node hands out the whole chunk and subtracts n
  const r = make(['é', '€€€€€', 'gh']);
  out('overshoot', [show(r.read(4)), r.readableLength, show(r.read(2)), r.readableLength,
                    show(r.read())]);
}
{ // a 'readable' loop of read(2) over mixed text
  const r = make(['añb€', 'c中文d']);
  const got = [];
  r.on('readable', () => { let c; while ((c = r.read(2)) !== null) got.push(show(c)); });
  r.push(null);
  r.on('end', () => { got.push('end'); out('loop', got); });
}
