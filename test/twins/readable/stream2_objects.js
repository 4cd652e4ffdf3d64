// Twin of spec/readable/stream2_objects_spec.lua's cases over strings and
// falsey values (after Node's test/parallel/test-stream2-objects.js): the
// log flattened, each chunk a toArray sink collected after its 'finish'.
// Prints `case<TAB>JSON array`; each case starts from a timer.
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common.js');

function fromArray(list) {
  const r = new Readable({ objectMode: true, read() {} });
  for (const c of list) r.push(c);
  r.push(null);
  return r;
}
function toArray(log) {
  const list = [];
  const w = new Writable({ objectMode: true, write(c, e, cb) { list.push(c); cb(); } });
  w.on('finish', () => { log('finish'); list.forEach((c) => log(c)); });
  return w;
}

runTimed({
  strings_as_objects(log) { fromArray(['one', 'two', 'three']).pipe(toArray(log)); },
  read0(log) {
    const r = fromArray(['foobar']);
    log(String(r.read(0)));
    r.pipe(toArray(log));
  },
  falsey(log) { fromArray([false, 0, '']).pipe(toArray(log)); },
  hwm_read(log) {
    let calls = 0;
    const r = new Readable({ highWaterMark: 6, objectMode: true, read() { calls++; } });
    for (const c of ['1', '2', '3', '4', '5', '6', '7', '8']) r.push(c);
    const got = [r.read(), calls, r.read(), calls, r.read(), calls, r.readableLength];
    got.forEach((x) => log(x));
  },
  hwm_push(log) {
    const r = new Readable({ highWaterMark: 6, objectMode: true, read() {} });
    for (let i = 0; i <= 6; i++) log(r.push(i));
    log(r.readableLength);
  },
});
