// Twin of spec/pipe/stream2_finish_pipe_spec.lua (test-stream2-finish-pipe.js, test-stream2-finish-pipe-error.js): one case per `it`.
// Run: node test/twins/pipe/stream2_finish_pipe.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  sync_cb(log) {
    const r = new Readable({ read() { r.push('xxxx'); } });
    const w = new Writable({ write(d, e, cb) { cb(null); } });
    w.on('error', (e) => log('w error', errText(e)));
    r.on('error', (e) => log('r error', errText(e)));
    w.on('close', () => log('w close'));
    r.on('close', () => log('r close'));
    w.on('unpipe', () => log('unpipe'));
    r.pipe(w);
    w.end();
    setTimeout(() => log('r flowing', r.readableFlowing, r.destroyed), 5);
  },
  async_cb(log) {
    const r = new Readable({ read() { r.push('x'); } });
    const w = new Writable({ write(d, e, cb) { setImmediate(cb); } });
    w.on('error', (e) => log('w error', errText(e)));
    r.pipe(w);
    w.end();
    w.on('finish', () => log('finish'));
    w.on('close', () => log('close'));
    w.on('unpipe', () => log('unpipe'));
  },
});
