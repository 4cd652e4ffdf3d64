// Twin of spec/readable/readable_resume_hwm_spec.lua (test-stream-readable-resume-hwm.js).
// Run: node test/twins/readable/readable_resume_hwm.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  no_read(log) {
    const r = new Readable({ read() { log('_read'); }, highWaterMark: 100 });
    for (let i = 0; i < 10; i++) r.push(Buffer.alloc(200, 'a'));
    r.resume();
    r.once('data', (d) => { log('data:' + d.length); r.pause(); });
    setImmediate(() => log('len:' + r.readableLength));
  },
}, 30);
