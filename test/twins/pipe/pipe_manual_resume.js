// Twin of spec/pipe/pipe_manual_resume_spec.lua
// (test-stream-pipe-manual-resume.js): one case per `it`.
// Run: node test/twins/pipe/pipe_manual_resume.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

const manual = (between) => (log) => {
  const n = 1000;
  let counter = n, reads = 0, writes = 0;
  const rs = new Readable({ objectMode: true, read() {
    reads++;
    if (--counter >= 0) rs.push({ counter }); else rs.push(null);
  } });
  const ws = new Writable({ objectMode: true, write(c, e, cb) { writes++; setImmediate(cb); } });
  setImmediate(() => between(rs, ws));
  rs.pipe(ws);
  ws.on('finish', () => { log('finish'); log(reads >= n); log(writes); });
};
runTimed({
  read_between: manual((rs) => rs.read()),
  resume_between: manual((rs) => rs.resume()),
  nothing_between: manual(() => {}),
}, 500);
