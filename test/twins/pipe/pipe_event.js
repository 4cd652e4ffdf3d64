// Twin of spec/pipe/pipe_event_spec.lua (test-stream-pipe-event.js, retold
// with Readable/Writable). Run: node test/twins/pipe/pipe_event.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  pipe_event(log) {
    const w = new Writable({ write(c, e, cb) { cb(); } });
    const r = new Readable({ read() {} });
    w.on('pipe', (src) => log('pipe:' + (src === r)));
    r.pipe(w);
    log('after');
  },
}, 30);
