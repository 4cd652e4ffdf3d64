// Twin of spec/pipe/pipe_needDrain_spec.lua (test-stream-pipe-needDrain.js).
// Run: node test/twins/pipe/pipe_needDrain.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  pauses_at_once(log) {
    const w = new Writable({ write(buf, encoding, callback) { process.nextTick(callback); }, highWaterMark: 1 });
    let n = 0;
    while (w.write('asd')) n++;
    log(n); log(w.writableNeedDrain);
    const r = new Readable({ read() { this.push('asd'); this.push(null); } });
    r.on('pause', () => log('pause'));
    r.on('end', () => log('end'));
    w.on('drain', () => log('drain'));
    r.pipe(w);
  },
}, 50);
