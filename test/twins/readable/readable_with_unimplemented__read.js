// Twin of spec/readable/readable_with_unimplemented__read_spec.lua
// (test-stream-readable-with-unimplemented-_read.js): one case per `it`.
// Run: node test/twins/readable/readable_with_unimplemented__read.js
'use strict';
const { Readable } = require('stream');
const { runTimed, errText } = require('../duplex/common');

runTimed({
  read(log) {
    const r = new Readable();
    r.on('error', (e) => { log('error:' + errText(e)); log(r.destroyed); });
    r.on('close', () => log('close'));
    try { const v = r.read(); log(v === null ? 'null' : String(v)); } catch (e) { log('raised:' + errText(e)); }
    log('sync');
  },
  flowing(log) {
    const r = new Readable();
    r.on('error', (e) => { log('error:' + errText(e)); log(r.destroyed); });
    r.on('close', () => log('close'));
    r.on('data', () => log('data'));
    log('sync');
  },
}, 30);
