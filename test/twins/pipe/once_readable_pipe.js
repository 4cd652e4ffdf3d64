// Twin of spec/pipe/once_readable_pipe_spec.lua (test-stream-once-readable-pipe.js): one case per `it`.
// Run: node test/twins/pipe/once_readable_pipe.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  before(log) {
    const w = new Writable({ write: (c, e, cb) => { log('w', String(c)); cb(); } });
    const r = new Readable({ read: () => {} });
    r.once('readable', () => log('readable'));
    r.pipe(w);
    r.push('foo'); r.push('bar'); r.push('baz'); r.push(null);
    w.on('finish', () => log('finish'));
    r.on('end', () => log('end'));
  },
  after(log) {
    const w = new Writable({ write: (c, e, cb) => { log('w', String(c)); cb(); } });
    const r = new Readable({ read: () => {} });
    r.pipe(w);
    r.push('foo'); r.push('bar'); r.push('baz'); r.push(null);
    r.once('readable', () => log('readable'));
    w.on('finish', () => log('finish'));
    r.on('end', () => log('end'));
  },
});
