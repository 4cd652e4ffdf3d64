// Twin of spec/iter/stream2_readable_wrap_destroy_spec.lua
// (test-stream2-readable-wrap-destroy.js): one case per event.
// Run: node test/twins/iter/stream2_readable_wrap_destroy.js
'use strict';
const { Readable } = require('stream');
const { EventEmitter } = require('events');
const { runTimed } = require('../duplex/common');

// A classic (pre-streams2) stream: an emitter with advisory pause/resume.
const oldStream = (onPause, onResume) => {
  const old = new EventEmitter();
  old.pause = () => { if (onPause) onPause(); };
  old.resume = () => { if (onResume) onResume(); };
  return old;
};
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
