// Twin of spec/writable/error_once_spec.lua (test-stream-error-once.js): one case per `it`.
// Run: node test/twins/writable/error_once.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  writable(log) {
    const w = new Writable();
    w.on('error', (e) => log('error', errText(e)));
    w.on('close', () => log('close'));
    w.end();
    log(w.write('h', (e) => log('cb1', errText(e))));
    log(w.write('h', (e) => log('cb2', errText(e))));
  },
  readable(log) {
    const r = new Readable();
    r.on('error', (e) => log('error', errText(e)));
    r.on('close', () => log('close'));
    r.push(null);
    log(r.push('h'));
    log(r.push('h'));
  },
});
