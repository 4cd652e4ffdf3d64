// Twin of spec/duplex/duplex_writable_finished_spec.lua
// (test-stream-duplex-writable-finished.js). Run: node test/twins/duplex/duplex_writable_finished.js
'use strict';
const { Duplex } = require('stream');
const { runTimed } = require('./common');

runTimed({
  writable_finished(log) {
    const d = new Duplex();
    d._write = (c, e, cb) => { log('write:' + d.writableFinished); cb(); };
    d.on('finish', () => log('finish:' + d.writableFinished));
    d.end('testing finished state', () => log('endcb:' + d.writableFinished));
  },
}, 30);
