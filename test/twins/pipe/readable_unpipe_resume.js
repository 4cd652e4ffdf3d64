// Twin of spec/pipe/readable_unpipe_resume_spec.lua (test-stream-readable-unpipe-resume.js): one case per `it`.
// Run: node test/twins/pipe/readable_unpipe_resume.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  unpipe_resume(log) {
    const r = new Readable({ read() {} });
    const t = new Transform({ transform(c, e, cb) { log('transform', String(c)); r.unpipe(); r.resume(); } });
    r.on('end', () => log('end'));
    r.on('data', (c) => log('data', String(c)));
    r.pipe(t).resume();
    r.push('a'); r.push('b'); r.push('c'); r.push(null);
  },
});
