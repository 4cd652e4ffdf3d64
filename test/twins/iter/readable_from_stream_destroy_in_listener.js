// Twin of spec/iter/readable_from_stream_destroy_in_listener_edge_cases_spec.lua:
// Readable.from(a stream) destroyed from its own 'data' or 'readable'
// listener. Node iterates the stream through an async generator: a destroy
// inside from()'s push returns it (its finally destroys the source first),
// which leaves it done, so from() pushes null and 'end' comes before 'close'
// unless the destroy carried an error.
// Run: node test/twins/iter/readable_from_stream_destroy_in_listener.js
'use strict';
const { Readable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

const E = (code) => Object.assign(new Error('boom'), { code });
const cases = {};
for (const objectMode of [true, false]) {
  for (const ended of [false, true]) {
    for (const how of ['data', 'readable']) {
      for (const err of [false, true]) {
        const name = `${objectMode ? 'objects' : 'bytes'}_${ended ? 'ended' : 'open'}_${how}${err ? '_err' : ''}`;
        cases[name] = (log) => {
          const src = new Readable({ objectMode, read() {} });
          src.on('error', (e) => log('source error:' + errText(e)));
          src.on('close', () => log('source close'));
          const s = Readable.from(src);
          watch(s, log, ['end', 'close', 'error']);
          const e = err ? E('EX') : undefined;
          if (how === 'data') {
            s.once('data', (c) => { log('data:' + String(c)); s.destroy(e); });
          } else {
            s.once('readable', () => { log('read', String(s.read())); s.destroy(e); log('read', String(s.read())); });
          }
          src.push('a');
          src.push('b');
          if (ended) src.push(null);
        };
      }
    }
  }
}
runTimed(cases);
