// Twin of spec/loop_raw_callbacks_spec.lua: two timers due in the same loop
// pass, the first queuing a tick and a microtask and writing through a
// pipe whose destination asked for 'drain': Node drains its queues after
// each timer's callback, so all of it runs before the second timer.
// Run: node test/twins/loop/raw_timers.js
'use strict';
const { Readable, Writable } = require('stream');
const { run } = require('../duplex/common');

run({
  ticks_between_timers(log) {
    setTimeout(() => {
      log('timer 1');
      process.nextTick(() => log('tick'));
      queueMicrotask(() => log('microtask'));
    }, 0);
    setTimeout(() => log('timer 2'), 0);
  },
  pipe_resumes_between_timers(log) {
    const cbs = [];
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { log('write', String(c)); cbs.push(cb); } });
    w.write('x');
    const r = new Readable({ read() {} });
    r.on('pause', () => log('pause'));
    r.on('resume', () => log('resume'));
    r.pipe(w);
    r.push('a');
    setTimeout(() => {
      setTimeout(() => { log('release'); cbs.shift()(); }, 0);
      setTimeout(() => log('next timer'), 0);
    }, 1);
  },
});
