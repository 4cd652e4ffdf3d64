// Twin of spec/readable/readable_hwm_0_async_spec.lua
// (test-stream-readable-hwm-0-async.js). Run: node test/twins/readable/readable_hwm_0_async.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  hwm0_async(log) {
    let count = 5;
    const r = new Readable({ highWaterMark: 0, read() {
      log('_read');
      process.nextTick(() => { if (count--) r.push('a'); else r.push(null); });
    } });
    r.on('end', () => log('end'));
    r.on('data', (c) => log('data:' + c));
  },
}, 30);
