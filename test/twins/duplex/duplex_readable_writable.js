// Twin of spec/duplex/duplex_readable_writable_spec.lua
// (test-stream-duplex-readable-writable.js): one case per `it`.
// Run: node test/twins/duplex/duplex_readable_writable.js
'use strict';
const { Duplex } = require('stream');
const { runTimed, watch } = require('./common');

runTimed({
  readable_false(log) {
    const d = new Duplex({ readable: false });
    log(String(d.readable));
    d.push('asd');
    watch(d, log, ['error', 'data', 'end', 'close']);
  },
  writable_false(log) {
    const d = new Duplex({ writable: false, write() { log('write'); } });
    log(String(d.writable));
    d.write('asd');
    watch(d, log, ['error', 'finish', 'close']);
  },
  readable_false_iterate(log) {
    const d = new Duplex({ readable: false });
    watch(d, log, ['data', 'end', 'close']);
    (async () => {
      for await (const _ of d) log('chunk'); // eslint-disable-line no-unused-vars
      log('done');
    })();
  },
}, 50);
