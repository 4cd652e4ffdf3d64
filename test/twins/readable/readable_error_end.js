// Twin of spec/readable/readable_error_end_spec.lua (test-stream-readable-error-end.js;
// a string error as the spec's). Run: node test/twins/readable/readable_error_end.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  error_no_end(log) {
    const r = new Readable({ read() {} });
    r.on('data', () => log('data'));
    r.on('end', () => log('end'));
    r.on('error', (e) => log('error:' + e));
    r.on('close', () => log('close'));
    r.push('asd');
    r.push(null);
    r.destroy('kaboom');
  },
}, 30);
