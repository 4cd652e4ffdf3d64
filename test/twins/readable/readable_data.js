// Twin of spec/readable/readable_data_spec.lua (test-stream-readable-data.js).
// Run: node test/twins/readable/readable_data.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  data_after_readable(log) {
    const r = new Readable({ read() {} });
    const read = () => {};
    r.setEncoding('utf8');
    r.on('readable', read);
    r.removeListener('readable', read);
    process.nextTick(() => {
      r.on('data', (d) => log('data:' + d));
      r.push('hello');
    });
  },
}, 30);
