// Twin of spec/iter/stream2_readable_wrap_empty_spec.lua
// (test-stream2-readable-wrap-empty.js). Run: node test/twins/iter/stream2_readable_wrap_empty.js
'use strict';
const { Readable } = require('stream');
const { runTimed, oldStream } = require('../duplex/common');

runTimed({
  empty(log) {
    const old = oldStream();
    const r = new Readable().wrap(old);
    r.on('readable', () => log('readable')).on('end', () => log('end'));
    old.emit('end');
  },
}, 30);
