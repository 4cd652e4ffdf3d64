// Twin of spec/transform/transform_callback_twice_spec.lua
// (test-stream-transform-callback-twice.js). Run: node test/twins/transform/transform_callback_twice.js
'use strict';
const { Transform } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  cb_twice(log) {
    const t = new Transform({ transform(chunk, enc, cb) { cb(); cb(); } });
    t.on('error', (e) => log('error:' + (e.code || 'null') + ':' + e.message));
    t.on('close', () => log('close'));
    t.write('foo');
  },
}, 30);
