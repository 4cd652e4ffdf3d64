// Twin of spec/readable/readable_emittedReadable_spec.lua
// (test-stream-readable-emittedReadable.js): one case per `it`; read()'s
// null is logged as "null". Run: node test/twins/readable/readable_emittedReadable.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  per_batch(log) {
    const r = new Readable({ read() {} });
    r.on('readable', () => { log('readable'); log(nullstr(r.read())); });
    r.on('end', () => log('end'));
    process.nextTick(() => r.push('foo'));
    process.nextTick(() => r.push('bar'));
    setImmediate(() => {
      log('imm');
      r.push('quo');
      process.nextTick(() => { log('push null'); r.push(null); });
    });
  },
  read0_in_readable(log) {
    const r = new Readable({ read() {} });
    r.once('readable', () => {
      log('readable1'); log(nullstr(r.read(0)));
      r.on('readable', () => { log('readable2'); log(nullstr(r.read(0))); });
    });
    r.on('end', () => log('end'));
    r.push('foo');
    r.push(null);
  },
  read0_state(log) {
    const r = new Readable({ read() {} });
    r.once('readable', () => {
      r.read(0);
      r.on('readable', () => r.read(0));
    });
    r.push('foo');
    r.push(null);
    setTimeout(() => { log(r.readableLength); log(r.readableEnded); }, 20);
  },
  read_in_data(log) {
    const r = new Readable({ read() {} });
    r.on('data', (d) => { log('data:' + d); log(nullstr(r.read())); });
    r.on('end', () => log('end'));
    r.push('foooo');
    r.push('bar');
    r.push('quo');
    process.nextTick(() => r.push(null));
  },
}, 50);
