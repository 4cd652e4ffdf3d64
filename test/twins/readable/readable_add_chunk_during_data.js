// Twin of spec/readable/readable_add_chunk_during_data_spec.lua
// (test-stream-readable-add-chunk-during-data.js): one case per method.
// Run: node test/twins/readable/readable_add_chunk_during_data.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const cases = {};
for (const method of ['push', 'unshift']) {
  cases[method] = (log) => {
    const r = new Readable({ read() {} });
    r.once('data', (chunk) => {
      log('len:' + r.readableLength);
      r[method](chunk);
      log('len:' + r.readableLength);
      r.on('data', (c) => log('data:' + c));
    });
    r.push('Hello, world');
  };
}
runTimed(cases, 30);
