// Twin of spec/pipe/stream2_pipe_error_once_listener_spec.lua
// (test-stream2-pipe-error-once-listener.js).
// Run: node test/twins/pipe/stream2_pipe_error_once_listener.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  once_listener(log) {
    class Read extends Readable { _read() { this.push('x'); this.push(null); } }
    class Write extends Writable { _write() { this.emit('error', 'boom'); this.emit('alldone'); } }
    const read = new Read(), write = new Write();
    write.once('error', (e) => log('error:' + e));
    write.once('alldone', () => log('alldone'));
    write.on('close', () => log('close'));
    read.pipe(write);
  },
}, 30);
