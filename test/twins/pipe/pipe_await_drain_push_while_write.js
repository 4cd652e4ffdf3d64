// Twin of spec/pipe/pipe_await_drain_push_while_write_spec.lua
// (test-stream-pipe-await-drain-push-while-write.js): one case per `it`;
// awaitDrainWriters printed as null, w or setN.
// Run: node test/twins/pipe/pipe_await_drain_push_while_write.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed, AW } = require('../duplex/common');

runTimed({
  push_in_write(log) {
    const bufs = [Buffer.alloc(32 * 1024), Buffer.alloc(33 * 1024)];
    const readable = new Readable({ read() { while (bufs.length > 0) log('push:' + this.push(bufs.shift())); } });
    const writable = new Writable({ write(chunk, e, cb) {
      log('write:' + chunk.length);
      if (chunk.length === 32 * 1024) log('push34k:' + readable.push(Buffer.alloc(34 * 1024)));
      cb();
    } });
    readable.pipe(writable);
    writable.on('drain', () => log('drain'));
  },
  awaits_after_write(log) {
    const bufs = [Buffer.alloc(32 * 1024), Buffer.alloc(33 * 1024)];
    const readable = new Readable({ read() { while (bufs.length > 0) this.push(bufs.shift()); } });
    const writable = new Writable({ write(chunk, e, cb) {
      log('write:' + chunk.length + ':' + AW(readable, writable));
      if (chunk.length === 32 * 1024) {
        readable.push(Buffer.alloc(34 * 1024));
        process.nextTick(() => log('tick:' + AW(readable, writable)));
      }
      process.nextTick(cb);
    } });
    readable.pipe(writable);
    writable.on('finish', () => log('finish'));
  },
}, 50);
