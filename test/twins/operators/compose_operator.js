// Twin of spec/operators/compose_operator_spec.lua (test-stream-compose-operator.js): one case per `it`.
// Run: node test/twins/operators/compose_operator.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  generator(log) {
    const s = Readable.from(['a', 'b', 'c', 'd']).compose(async function* (src) {
      let str = '';
      for await (const c of src) { str += c; if (str.length === 2) { yield str; str = ''; } }
    });
    log(s.readableObjectMode, s.readableHighWaterMark, s.readable, Duplex.prototype.hasOwnProperty.call(s, 'write') || typeof s.write);
    s.on('data', (c) => log('data', c)); s.on('end', () => log('end')); s.on('close', () => log('close'));
  },
  transform(log) {
    const s = Readable.from(['a', 'b', 'c', 'd']).compose(new Transform({ objectMode: true, transform(c, e, cb) { log('t', c); cb(null, c); } }));
    s.on('data', (c) => log('data', c)); s.on('end', () => log('end'));
  },
  throw_before(log) {
    const s = Readable.from([1, 2, 3]).compose(async function* (src) { throw new Error('boom'); });
    s.on('data', (c) => log('data', c)); s.on('error', (e) => log('error', errText(e))); s.on('close', () => log('close'));
  },
  throw_mid(log) {
    const s = Readable.from([1, 2, 3, 4, 5]).compose(async function* (src) { for await (const c of src) { if (c === 3) throw new Error('boom'); yield c; } });
    s.toArray().then((a) => log('arr', a.join(',')), (e) => log('rejected', errText(e)));
  },
  throw_after(log) {
    const s = Readable.from([1, 2, 3]).compose(async function* (src) { for await (const c of src) {} throw new Error('boom'); });
    s.toArray().then((a) => log('arr', a.join(',')), (e) => log('rejected', errText(e)));
  },
  arguments(log) {
    try { Readable.from([1]).compose(new Readable({ read() {} })); log('ok'); } catch (e) { log('throw', errText(e)); }
    try { Readable.from([1]).compose(new PassThrough(), 5); log('ok'); } catch (e) { log('throw', errText(e)); }
  },
  signal_unread(log) {
    const ac = new AbortController();
    const s = Readable.from([1, 2, 3]).compose(new PassThrough({ objectMode: true }), { signal: ac.signal });
    s.on('error', (e) => log('error', errText(e))); s.on('close', () => log('close'));
    ac.abort();
    setTimeout(() => log('destroyed', s.destroyed), 5);
  },
  signal_reading(log) {
    const ac = new AbortController();
    const src = new Readable({ objectMode: true, read() {} });
    const s = src.compose(new PassThrough({ objectMode: true }), { signal: ac.signal });
    s.on('data', (c) => { log('data', c); ac.abort(); });
    s.on('error', (e) => log('error', errText(e))); s.on('close', () => log('close'));
    src.on('close', () => log('src close'));
    src.push(1); src.push(2);
  },
});
