// Twin of spec/iter/iter_lua_extras_spec.lua where a Lua extra has a Node
// counterpart: iter() is for-await, writeAsync is `if (!w.write(c)) await
// once(w, 'drain')`, each(fn) a for-await left by break (destroyOnReturn as
// r.iterator's option).
// Prints `case<TAB>JSON array`; each case starts from a timer.
'use strict';
const { Readable, PassThrough, Writable } = require('stream');
const { once } = require('events');
const { runTimed } = require('../duplex/common.js');

runTimed({
  from_stream(log) {
    const r = Readable.from(Readable.from([1, 2, 3]));
    (async () => { for await (const x of r) log(x); })();
  },
  write_async_drain(log) {
    const w = new Writable({ highWaterMark: 2, write(chunk, e, cb) { log('write ' + chunk); setImmediate(cb); } });
    w.on('drain', () => log('drain'));
    (async () => {
      for (const c of ['a', 'b', 'c']) {
        if (!w.write(c)) await once(w, 'drain');
        log('wrote ' + c);
      }
      w.end();
    })();
  },
  duplex(log) {
    const d = new PassThrough();
    (async () => {
      if (!d.write('x')) await once(d, 'drain');
      d.end();
      for await (const x of d) log(String(x));
    })();
  },
  each_all(log) {
    const r = Readable.from(['a', 'b', 'c']);
    (async () => { for await (const c of r) log(c); })();
  },
  each_stop(log) {
    const r = Readable.from([1, 2, 3, 4]);
    (async () => { for await (const c of r) { log(c); if (c === 2) break; } })();
  },
  each_keep(log) {
    const r = Readable.from([1, 2, 3]);
    (async () => {
      // eslint-disable-next-line no-unused-vars
      for await (const c of r.iterator({ destroyOnReturn: false })) break;
      for await (const c of r) log(c);
    })();
  },
});
