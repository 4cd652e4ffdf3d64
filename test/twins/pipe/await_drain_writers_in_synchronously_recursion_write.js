// Twin of spec/pipe/await_drain_writers_in_synchronously_recursion_write_spec.lua
// (test-stream-await-drain-writers-in-synchronously-recursion-write.js);
// each one-byte chunk logged as its byte.
// Run: node test/twins/pipe/await_drain_writers_in_synchronously_recursion_write.js
'use strict';
const { PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  recursion_write(log) {
    const encode = new PassThrough({ highWaterMark: 1 });
    const decode = new PassThrough({ highWaterMark: 1 });
    const send = (b) => { const ret = encode.write(Buffer.from([b])); log('send:' + b + ':' + ret); };
    let i = 0;
    encode.pipe(decode).on('data', (d) => {
      log('data:' + d[0]);
      if (++i === 2) { send(3); send(4); }
    });
    send(1);
    send(2);
  },
}, 50);
