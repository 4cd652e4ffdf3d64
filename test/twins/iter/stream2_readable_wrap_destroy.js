// Twin of spec/iter/stream2_readable_wrap_destroy_spec.lua
// (test-stream2-readable-wrap-destroy.js): one case per event.
// Run: node test/twins/iter/stream2_readable_wrap_destroy.js
'use strict';
const { Readable } = require('stream');
const { runTimed, oldStream } = require('../duplex/common');

const cases = {};
for (const name of ['destroy', 'close']) {
  cases[name] = (log) => {
    const old = oldStream();
    const r = new Readable({ autoDestroy: false, destroy(err, cb) { log('_destroy'); cb(err); } }).wrap(old);
    r.on('close', () => log('close'));
    old.emit(name);
    log(r.destroyed);
  };
}
runTimed(cases, 30);
