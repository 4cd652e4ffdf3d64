// Twin of spec/iter/stream2_readable_wrap_empty_spec.lua
// (test-stream2-readable-wrap-empty.js). Run: node test/twins/iter/stream2_readable_wrap_empty.js
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
runTimed({
  empty(log) {
    const old = oldStream();
    const r = new Readable().wrap(old);
    r.on('readable', () => log('readable')).on('end', () => log('end'));
    old.emit('end');
  },
}, 30);
