// Twin of spec/readable/readable_end_destroyed_spec.lua
// (test-stream-readable-end-destroyed.js). Run: node test/twins/readable/readable_end_destroyed.js
'use strict';
const { Readable } = require('stream');
const { runTimed, errText } = require('../duplex/common');

runTimed({
  no_end_after_close(log) {
    const r = new Readable({ read() {} });
    r.on('end', () => log('end'));
    r.resume();
    r.destroy();
    r.on('close', () => { log('close'); r.push(null); });
    r.on('error', (e) => log('error:' + errText(e)));
  },
}, 30);
