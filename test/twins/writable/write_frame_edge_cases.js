// Twin of spec/writable/write_frame_edge_cases_spec.lua (the per-chunk call
// of _write and _transform after an instance replaces them, and its encoding
// argument), with node v20: each case prints the log its spec asserts.
// Run: node test/twins/writable/write_frame_edge_cases.js
'use strict';
const { Writable, Transform } = require('stream');
const { run } = require('../duplex/common');

run({
  write_replaced(log) {
    const w = new Writable({ decodeStrings: false, write(c, e, cb) { log('w1:' + c + ':' + e); cb(); } });
    w.write('a', 'utf8');
    w.write('b', 'latin1');
    w._write = function (c, e, cb) { log('w2:' + c + ':' + e); cb(); };
    w.write('c', 'utf-8');
    w.write('d');
    w.write('e', 'latin1');
    w._write = function (c, e, cb) { log('w3:' + c + ':' + e); cb(); };
    w.write('f', 'latin1');
  },
  transform_replaced(log) {
    const t = new Transform({ objectMode: true, transform(o, e, cb) { log('t1:' + o); cb(null, o); } });
    t.on('data', (o) => log('data:' + o));
    t.write(1);
    t.write(2);
    t._transform = function (o, e, cb) { log('t2:' + o); cb(null, o * 10); };
    t.write(3);
  },
  callbacks_nested(log) {
    let pendingA = null;
    const a = new Writable({ highWaterMark: 1, write(c, e, cb) { log('a:' + c); pendingA = cb; } });
    const b = new Writable({ highWaterMark: 1, write(c, e, cb) {
      log('b:' + c);
      const p = pendingA;
      pendingA = null;
      if (p) p();
      cb();
    } });
    a.on('drain', () => { log('a drain'); b.write('y'); });
    b.on('drain', () => log('b drain'));
    a.on('finish', () => log('a finish'));
    log('a.write ' + a.write('1'));
    log('a.write ' + a.write('2'));
    log('b.write ' + b.write('x'));
    log('b.write ' + b.write('z'));
    a.end();
    log('b.write ' + b.write('w'));
  },
});
