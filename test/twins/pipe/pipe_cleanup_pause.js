// Twin of spec/pipe/pipe_cleanup_pause_spec.lua (test-stream-pipe-cleanup-pause.js).
// Run: node test/twins/pipe/pipe_cleanup_pause.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  repipe_in_write(log) {
    const reader = new Readable();
    const writer1 = new Writable();
    const writer2 = new Writable();
    const buffer = Buffer.allocUnsafe(560000);
    reader._read = () => {};
    writer1._write = function(chunk, e, cb) { log('w1:' + chunk.length); this.emit('chunk-received'); cb(); };
    writer1.once('chunk-received', () => {
      reader.unpipe(writer1);
      reader.pipe(writer2);
      reader.push(buffer);
      setImmediate(() => {
        reader.push(buffer);
        setImmediate(() => reader.push(buffer));
      });
    });
    writer2._write = (chunk, e, cb) => { log('w2:' + chunk.length); cb(); };
    reader.pipe(writer1);
    reader.push(buffer);
  },
}, 50);
