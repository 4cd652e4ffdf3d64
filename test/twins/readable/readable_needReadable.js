// Twin of spec/readable/readable_needReadable_spec.lua
// (test-stream-readable-needReadable.js): one case per `it`; read()'s null
// is logged as "null". Run: node test/twins/readable/readable_needReadable.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  sync_pushes(log) {
    const r = new Readable({ read() {} });
    r.on('readable', () => { log('readable'); log(nullstr(r.read())); });
    r.push('foo');
    r.push(null);
    r.on('end', () => log('end'));
  },
  same_tick_batch(log) {
    const r = new Readable({ read() {} });
    r.on('readable', () => { log('readable'); log(nullstr(r.read())); });
    r.on('end', () => log('end'));
    process.nextTick(() => { log('push foooo'); r.push('foooo'); });
    process.nextTick(() => { log('push bar'); r.push('bar'); });
    setImmediate(() => { log('push null'); r.push(null); });
  },
  flowing_full_buffer(log) {
    const r = new Readable({ read() {} });
    r.push('foooo');
    r.push('bar');
    r.push('quo');
    process.nextTick(() => { log('push null'); r.push(null); });
    r.on('data', (d) => log('data:' + d));
    r.on('end', () => log('end'));
  },
  slow_producer(log) {
    const r = new Readable({ read() {} });
    r.on('readable', () => { log('readable'); log(nullstr(r.read(8))); });
    r.on('end', () => log('end'));
    process.nextTick(() => {
      r.push('foo');
      process.nextTick(() => {
        r.push('foo');
        process.nextTick(() => {
          r.push('foo');
          process.nextTick(() => r.push(null));
        });
      });
    });
  },
}, 50);
