// Twin of spec/iter/stream2_readable_wrap_error_spec.lua
// (test-stream2-readable-wrap-error.js): one case per `it`.
// Run: node test/twins/iter/stream2_readable_wrap_error.js
'use strict';
const { Readable } = require('stream');
const { runTimed, oldStream } = require('../duplex/common');

const errorCase = (autoDestroy) => (log) => {
  const old = oldStream();
  const err = new Error('x');
  const r = new Readable({ autoDestroy }).wrap(old)
    .on('error', (e) => { log('error'); log(e === err); log(r.destroyed); log(r.errored === err); });
  r.on('close', () => log('close'));
  old.emit('error', err);
  log('sync'); log(r.destroyed);
};
runTimed({ auto_destroy: errorCase(true), no_auto_destroy: errorCase(false) }, 30);
