// Twin of spec/loop_spec.lua's tick-queue orders (process.nextTick,
// queueMicrotask and timers): one case per `it`, each started from a timer
// as a busted body starts outside any tick. Run: node test/twins/loop/loop.js
'use strict';
const { runTimed } = require('../duplex/common');

runTimed({
  fifo(log) {
    process.nextTick(() => {
      log('a');
      process.nextTick(() => { log('a1'); process.nextTick(() => log('a2')); });
    });
    process.nextTick(() => { log('b'); process.nextTick(() => log('b1')); });
  },
  ticks_before_microtasks(log) {
    process.nextTick(() => {
      log('t1');
      queueMicrotask(() => {
        log('m2');
        process.nextTick(() => log('t3'));
        queueMicrotask(() => log('m3'));
      });
    });
    queueMicrotask(() => log('m1'));
    process.nextTick(() => log('t2'));
  },
  ticks_before_due_timer(log) {
    setTimeout(() => log('timer'), 0);
    process.nextTick(() => log('tick'));
  },
  timer_callback_ticks(log) {
    setTimeout(() => { log('timer1'); process.nextTick(() => log('tick')); }, 1);
    setTimeout(() => log('timer2'), 60);
  },
}, 100);
