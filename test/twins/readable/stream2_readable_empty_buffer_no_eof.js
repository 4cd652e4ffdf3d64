// Twin of spec/readable/stream2_readable_empty_buffer_no_eof_spec.lua
// (test-stream2-readable-empty-buffer-no-eof.js): one case per `it`, the
// chunks read and "EOF". Run: node test/twins/readable/stream2_readable_empty_buffer_no_eof.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  empty_push_not_eof(log) {
    const buf = Buffer.alloc(5, 'x');
    let reads = 5;
    const r = new Readable({ read() {
      switch (reads--) {
        case 5: return setImmediate(() => r.push(buf));
        case 4: setImmediate(() => r.push(Buffer.alloc(0))); return setImmediate(r.read.bind(r, 0));
        case 3: setImmediate(r.read.bind(r, 0)); return process.nextTick(() => r.push(Buffer.alloc(0)));
        case 2: setImmediate(r.read.bind(r, 0)); return r.push(Buffer.alloc(0));
        case 1: return r.push(buf);
        case 0: return r.push(null);
        default: log('unreachable');
      }
    } });
    function flow() {
      let c;
      while (null !== (c = r.read())) log(String(c));
    }
    r.on('readable', flow);
    r.on('end', () => log('EOF'));
    flow();
  },
  base64_quanta(log) {
    let reads = 5;
    const r = new Readable({ encoding: 'base64', read() {
      if (!reads--) return r.push(null);
      return r.push(Buffer.from('x'));
    } });
    function flow() {
      let c;
      while (null !== (c = r.read())) log(c);
    }
    r.on('readable', flow);
    r.on('end', () => log('EOF'));
    flow();
  },
}, 50);
