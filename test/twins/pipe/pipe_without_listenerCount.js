// Twin of spec/pipe/pipe_without_listenerCount_spec.lua
// (test-stream-pipe-without-listenerCount.js, retold with Readable/Writable).
// Run: node test/twins/pipe/pipe_without_listenerCount.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  errors_from_pipe_listener(log) {
    const r = new Readable({ read() {} });
    const w = new Writable({ write(c, e, cb) { cb(); } });
    w.on('pipe', () => { r.emit('error', 'Readable Error'); w.emit('error', 'Writable Error'); });
    r.on('error', (e) => log('r:' + e));
    w.on('error', (e) => log('w:' + e));
    r.pipe(w);
    log('piped:' + w.destroyed);
  },
}, 30);
