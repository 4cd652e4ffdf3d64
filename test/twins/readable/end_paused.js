// Twin of spec/readable/end_paused_spec.lua (test-stream-end-paused.js): one
// case per `it`. Run: node test/twins/readable/end_paused.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  zero_length(log) {
    const r = new Readable();
    r._read = function() { log('_read'); this.push(null); };
    r.on('data', () => log('data'));
    r.pause();
    setTimeout(() => {
      r.on('end', () => log('end'));
      r.resume();
    }, 1);
  },
  empty(log) {
    const r = new Readable({ read() { log('read'); this.push(null); } });
    r.on('data', () => log('DATA!'));
    r.pause();
    setTimeout(() => {
      r.on('end', () => log('end'));
      r.resume();
      log('resumed');
    }, 1);
  },
}, 30);
