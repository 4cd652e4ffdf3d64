// Twin of spec/readable/readable_resumeScheduled_spec.lua
// (test-stream-readable-resumeScheduled.js, through the events the state
// implies): one case per `it`. Run: node test/twins/readable/readable_resumeScheduled.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  pipe(log) {
    const r = new Readable({ read() {} });
    const w = new Writable({ write(c, e, cb) { log('write:' + c); cb(); } });
    r.on('resume', () => log('resume'));
    r.pipe(w);
    log(String(r.readableFlowing));
    r.push('x');
    log('sync-done');
    process.nextTick(() => { log('tick'); r.push(null); });
    w.on('finish', () => log('finish'));
  },
  data_listener(log) {
    const r = new Readable({ read() {} });
    r.push('abc');
    r.on('resume', () => log('resume'));
    r.on('data', (d) => log('data:' + d));
    log(String(r.readableFlowing));
    process.nextTick(() => log('tick'));
  },
  resume(log) {
    const r = new Readable({ read() { log('_read'); } });
    r.resume();
    log(String(r.readableFlowing));
    log(r.isPaused());
    r.on('resume', () => log('resume'));
    process.nextTick(() => log('tick'));
  },
}, 30);
