// Twin of spec/pipe/pipe_await_drain_manual_resume_spec.lua
// (test-stream-pipe-await-drain-manual-resume.js): one case per `it`;
// awaitDrainWriters printed as null, w or setN.
// Run: node test/twins/pipe/pipe_await_drain_manual_resume.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed, AW } = require('../duplex/common');

runTimed({
  resume_while_buffering(log) {
    const writable = new Writable({ highWaterMark: 5 });
    let buffering = true;
    const queue = [];
    writable._write = (chunk, e, cb) => { log('write:' + chunk.length); if (buffering) queue.push(cb); else cb(); };
    const readable = new Readable({ read() {} });
    readable.pipe(writable);
    readable.once('pause', () => {
      log('pause1');
      process.nextTick(() => { log('resume'); readable.resume(); });
      readable.once('pause', () => {
        log('pause2:' + queue.length);
        buffering = false;
        for (const cb of queue) cb();
      });
    });
    const a = readable.push(Buffer.alloc(100)), b = readable.push(Buffer.alloc(100));
    const c = readable.push(Buffer.alloc(100)), d = readable.push(null);
    log(a); log(b); log(c); log(d);
    writable.on('finish', () => log('finish'));
    readable.on('end', () => log('end'));
  },
  await_drain_writers(log) {
    const writable = new Writable({ highWaterMark: 5 });
    let buffering = true;
    const queue = [];
    writable._write = (c, e, cb) => { if (buffering) queue.push(cb); else cb(); };
    const readable = new Readable({ read() {} });
    readable.pipe(writable);
    readable.once('pause', () => {
      log('pause1:' + AW(readable, writable));
      process.nextTick(() => readable.resume());
      readable.once('pause', () => {
        log('pause2:' + AW(readable, writable));
        buffering = false;
        for (const cb of queue) cb();
      });
    });
    readable.push(Buffer.alloc(100));
    readable.push(Buffer.alloc(100));
    readable.push(Buffer.alloc(100));
    readable.push(null);
    writable.on('finish', () => log('finish:' + AW(readable, writable)));
  },
}, 50);
