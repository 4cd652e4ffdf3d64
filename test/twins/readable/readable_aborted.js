// Twin of spec/readable/readable_aborted_spec.lua
// (test-stream-readable-aborted.js): the cases that assert a sequence.
// Run: node test/twins/readable/readable_aborted.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  destroy_before_end(log) {
    const r = new Readable({ read() {} });
    log(r.readableAborted);
    r.destroy();
    log(r.readableAborted);
  },
  destroy_after_end(log) {
    const r = new Readable({ read() {} });
    r.push('asd');
    r.push(null);
    log(r.readableAborted);
    r.on('end', () => {
      log('end'); log(r.readableAborted);
      r.destroy();
      log(r.readableAborted);
    });
    r.on('close', () => { log('close'); log(r.readableAborted); });
    r.resume();
  },
}, 30);
