// Twin of spec/transform/passthrough_drain_spec.lua (test-stream-passthrough-drain.js);
// read()'s null logged as "null". Run: node test/twins/transform/passthrough_drain.js
'use strict';
const { PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  hwm0(log) {
    const pt = new PassThrough({ highWaterMark: 0 });
    pt.on('drain', () => log('drain'));
    log(pt.write('hello1'));
    log(nullstr(pt.read()));
    log(nullstr(pt.read()));
  },
}, 30);
