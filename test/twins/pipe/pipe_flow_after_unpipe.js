// Twin of spec/pipe/pipe_flow_after_unpipe_spec.lua
// (test-stream-pipe-flow-after-unpipe.js), the counts taken once the loop is
// idle. Run: node test/twins/pipe/pipe_flow_after_unpipe.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  unblocks(log) {
    let reads = 0, writes = 0, chunks = 0;
    const rs = new Readable({ highWaterMark: 1, read() { reads++; rs.push('foo'); } });
    const ws = new Writable({ highWaterMark: 1, write() { writes++; setImmediate(() => rs.unpipe(ws)); } });
    rs.on('data', () => { if (++chunks >= 20) rs.pause(); });
    rs.pipe(ws);
    setTimeout(() => {
      log('reads>=20:' + (reads >= 20)); log('writes:' + writes); log('chunks:' + chunks); log(rs.isPaused());
    }, 30);
  },
}, 60);
