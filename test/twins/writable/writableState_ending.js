// Twin of spec/writable/writableState_ending_spec.lua
// (test-stream-writableState-ending.js, the state read as writableEnded and
// writableFinished). Run: node test/twins/writable/writableState_ending.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  ending(log) {
    const w = new Writable();
    const st = () => `ending=${w.writableEnded} finished=${w.writableFinished}`;
    w._write = (c, e, cb) => { log('write ' + st()); cb(); };
    w.on('finish', () => log('finish ' + st()));
    const r = w.end('testing function end()', () => log('endcb ' + st()));
    log('sync self=' + (r === w) + ' ' + st());
  },
}, 30);
