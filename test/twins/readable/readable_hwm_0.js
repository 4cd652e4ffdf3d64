// Twin of spec/readable/readable_hwm_0_spec.lua (test-stream-readable-hwm-0.js);
// read()'s null logged as "null". Run: node test/twins/readable/readable_hwm_0.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  hwm0(log) {
    const r = new Readable({ highWaterMark: 0, read() { log('_read'); } });
    r.on('readable', () => { log('readable'); log(nullstr(r.read())); });
    r.on('end', () => log('end'));
    process.nextTick(() => { log(nullstr(r.read())); log('push-null'); r.push(null); });
  },
}, 30);
