// Twin of spec/pipe/unpipe_event_spec.lua (test-stream-unpipe-event.js): one
// case per `it`; the source's 'data' listeners counted from an immediate.
// Run: node test/twins/pipe/unpipe_event.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

class NullWriteable extends Writable { _write(c, e, callback) { return callback(); } }
class QuickEndReadable extends Readable { _read() { this.push(null); } }
class NeverEndReadable extends Readable { _read() {} }
const run = (Src, opts, unpipe) => (log) => {
  const dest = new NullWriteable(), src = new Src();
  dest.on('pipe', () => log('pipe'));
  dest.on('unpipe', () => log('unpipe'));
  src.pipe(dest, opts);
  if (unpipe) src.unpipe(dest);
  setImmediate(() => log('data:' + src.listenerCount('data')));
};
runTimed({
  source_ends: run(QuickEndReadable),
  never_ends: run(NeverEndReadable),
  unpipe: run(NeverEndReadable, undefined, true),
  no_end_source_ends: run(QuickEndReadable, { end: false }),
  no_end_never_ends: run(NeverEndReadable, { end: false }),
  no_end_unpipe: run(NeverEndReadable, { end: false }, true),
}, 30);
