// Twin of spec/writable/writable_samecb_singletick_spec.lua
// (test-stream-writable-samecb-singletick.js): one case per `it`.
// Run: node test/twins/writable/writable_samecb_singletick.js
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  same_cb_one_tick(log) {
    const w = new Writable({ write(c, e, cb) { log('write:' + c); cb(); } });
    const cb = () => log('cb');
    w.write('a', cb);
    process.nextTick(() => log('tick'));
    w.write('b', cb);
    w.write('c', cb);
  },
  different_cbs(log) {
    const w = new Writable({ write(c, e, cb) { log('write:' + c); cb(); } });
    w.write('a', () => log('cb1'));
    process.nextTick(() => log('tick'));
    w.write('b', () => log('cb2'));
  },
  hundred_writes(log) {
    let n = 0, k = 0;
    const w = new Writable({ write(c, e, cb) { n++; cb(); } });
    const cb = () => k++;
    for (let i = 0; i < 100; i++) w.write(String(i), cb);
    process.nextTick(() => log(`writes=${n} cbs=${k}`));
  },
}, 50);
