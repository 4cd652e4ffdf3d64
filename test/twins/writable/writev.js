// Twin of spec/writable/writev_spec.lua (test-stream-writev.js): one case per
// `it`, printed as `case<TAB>JSON array`. A _writev batch is logged as
// "chunk/encoding|..." with a buffer's bytes in hex.
// Run: node test/twins/writable/writev.js
'use strict';
const { Writable } = require('stream');
const { runTimed, errText } = require('../duplex/common');

const batch = (chunks) => chunks.map((c) =>
  (c.encoding === 'buffer' ? c.chunk.toString('hex') : c.chunk) + '/' + c.encoding).join('|');
const E = (m) => new Error(m);

const cases = {};
for (const decode of [false, true]) {
  for (const uncork of [false, true]) {
    for (const multi of [false, true]) {
      cases[`decode_${decode}_uncork_${uncork}_multi_${multi}`] = (log) => {
        const w = new Writable({ decodeStrings: decode });
        w._write = () => log('WRITE!');
        w._writev = (chunks, cb) => { log('writev:' + batch(chunks)); cb(); };
        const cnt = (n) => (er) => log('cb:' + n + ':' + errText(er));
        w.cork();
        w.write('hello, ', 'ascii', cnt('hello'));
        w.write('world', 'utf8', cnt('world'));
        if (multi) w.cork();
        w.write('!', cnt('!'));
        w.write('\nand then...', 'latin1', cnt('and then'));
        if (multi) w.uncork();
        w.write('facebea7deadbeefdecafbad', 'hex', cnt('hex'));
        if (uncork) w.uncork();
        w.end(cnt('end'));
        log('sync');
        w.on('finish', () => log('finish'));
      };
    }
  }
}

Object.assign(cases, {
  writev_error(log) {
    const w = new Writable({
      writev(chunks, cb) { log('writev:' + chunks.length); cb(E('bad')); },
      write(c, e, cb) { log('write'); cb(); },
    });
    w.on('error', (e) => log('error:' + errText(e)));
    w.on('close', () => log('close'));
    w.on('finish', () => log('finish'));
    w.cork();
    w.write('a', (e) => log('cb1:' + errText(e)));
    w.write('b', (e) => log('cb2:' + errText(e)));
    w.write('c', (e) => log('cb3:' + errText(e)));
    w.uncork();
    log('sync');
  },
  writev_async_error(log) {
    const w = new Writable({
      writev(chunks, cb) { log('writev:' + chunks.length); process.nextTick(cb, E('bad')); },
      write(c, e, cb) { log('write'); cb(); },
    });
    w.on('error', (e) => log('error:' + errText(e)));
    w.on('close', () => log('close'));
    w.on('finish', () => log('finish'));
    w.cork();
    w.write('a', (e) => log('cb1:' + errText(e)));
    w.write('b', (e) => log('cb2:' + errText(e)));
    w.uncork();
    log('sync');
    w.write('c', (e) => log('cb3:' + errText(e)));
  },
  single_buffered(log) {
    const w = new Writable({
      writev(chunks, cb) { log('writev:' + chunks.length); cb(); },
      write(c, e, cb) { log('write:' + c); cb(); },
    });
    w.cork();
    w.write('only');
    w.uncork();
    log('sync');
  },
  behind_pending_write(log) {
    let pend;
    const w = new Writable({
      writev(chunks, cb) { log('writev:' + chunks.map((c) => c.chunk).join(',')); cb(); },
      write(c, e, cb) { log('write:' + c); pend = cb; },
    });
    w.write('a');
    w.write('b');
    w.write('c');
    log('len=' + w.writableLength);
    pend();
    log('after len=' + w.writableLength);
    w.on('drain', () => log('drain'));
  },
  without_writev(log) {
    const pend = [];
    const w = new Writable({ write(c, e, cb) { log('write:' + c); pend.push(cb); } });
    w.write('a', () => log('cb:a'));
    w.write('b', () => log('cb:b'));
    w.write('c', () => log('cb:c'));
    log('len=' + w.writableLength);
    pend.shift()();
    log('p1 len=' + w.writableLength);
    pend.shift()();
    log('p2 len=' + w.writableLength);
    pend.shift()();
    log('p3 len=' + w.writableLength);
  },
  no_decode_encodings(log) {
    const w = new Writable({
      decodeStrings: false,
      writev(chunks, cb) { log('writev:' + batch(chunks)); cb(); },
    });
    w.cork();
    w.write('6869', 'hex');
    w.write('aGk=', 'base64');
    w.write('hi');
    w.uncork();
  },
});

runTimed(cases, 50);
