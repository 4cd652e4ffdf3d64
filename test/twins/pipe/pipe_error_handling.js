// Twin of spec/pipe/pipe_error_handling_spec.lua (after Node's
// test/parallel/test-stream-pipe-error-handling.js, on Readable/Writable as
// spec/README.md says). Prints `case<TAB>JSON array`; each case starts from a
// timer, as a spec body starts outside any tick.
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common.js');

runTimed({
  source_listener(log) {
    const source = new Readable({ read() {} });
    const dest = new Writable({ write(c, e, cb) { cb(); } });
    source.pipe(dest);
    source.on('error', (err) => log('got:' + err));
    source.emit('error', 'This stream turned into bacon.');
  },
  other_listener_removed(log) {
    const r = new Readable();
    const w = new Writable();
    r._read = () => {
      log('_read');
      setTimeout(() => {
        w.emit('error', 'fail');
        log('emitted');
      }, 1);
    };
    w.on('error', (e) => log('onerror:' + e));
    w._write = () => {};
    r.pipe(w);
    w.removeListener('error', () => {});
    w.on('close', () => log('close'));
  },
});
