// Twin of spec/writable/writable_finished_spec.lua
// (test-stream-writable-finished.js): one case per `it`.
// Run: node test/twins/writable/writable_finished.js
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  finished_state(log) {
    const w = new Writable();
    w._write = (c, e, cb) => { log('write finished=' + w.writableFinished); cb(); };
    w.on('finish', () => log('finish finished=' + w.writableFinished));
    w.end('testing finished state', () => log('endcb finished=' + w.writableFinished));
    log('sync finished=' + w.writableFinished);
  },
  finish_async(log) {
    const w = new Writable({ write(c, e, cb) { cb(); } });
    w.end();
    log('sync');
    w.on('finish', () => log('finish'));
  },
}, 30);
