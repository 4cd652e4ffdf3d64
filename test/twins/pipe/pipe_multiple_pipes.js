// Twin of spec/pipe/pipe_multiple_pipes_spec.lua
// (test-stream-pipe-multiple-pipes.js), chunks as hex.
// Run: node test/twins/pipe/pipe_multiple_pipes.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  five_destinations(log) {
    const readable = new Readable({ read() {} });
    const writables = [];
    for (let i = 0; i < 5; i++) {
      const target = new Writable({ write(chunk, encoding, callback) { target.output.push(chunk.toString('hex')); callback(); } });
      target.output = [];
      target.on('pipe', () => log('pipe' + i));
      readable.pipe(target);
      writables.push(target);
    }
    readable.push(Buffer.from([1, 2, 3, 4, 5]));
    process.nextTick(() => {
      writables.forEach((target, i) => {
        log(target.output.join('|'));
        target.on('unpipe', () => log('unpipe' + i));
        readable.unpipe(target);
      });
      readable.push('something else');
      readable.push(null);
      readable.resume();
    });
    readable.on('end', () => {
      log('end');
      for (const t of writables) log(t.output.join('|'));
    });
  },
}, 50);
