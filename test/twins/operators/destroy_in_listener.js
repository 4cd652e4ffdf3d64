// Twin of spec/operators/destroy_in_listener_edge_cases_spec.lua: an
// operator's stream (Readable.from of an async generator) destroyed from its
// own 'data' or 'readable' listener. From 'data' (inside from()'s push) the
// generator's return() leaves it done, so from() pushes null and 'end' comes
// before 'close' unless the destroy carried an error; from 'readable' no push
// is in progress and no 'end' comes.
// Run: node test/twins/operators/destroy_in_listener.js
'use strict';
const { Readable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

const ops = {
  map: (r) => r.map((x) => x + x),
  filter: (r) => r.filter(() => true),
  flatMap: (r) => r.flatMap((x) => [x, x]),
  drop: (r) => r.drop(1),
  take: (r) => r.take(3),
};
const E = (code) => Object.assign(new Error('boom'), { code });

const cases = {};
for (const op of Object.keys(ops)) {
  for (const err of [false, true]) {
    for (const how of ['data', 'readable']) {
      cases[`${op}_${how}${err ? '_err' : ''}`] = (log) => {
        const src = Readable.from(['a', 'b', 'c', 'd']);
        const s = ops[op](src);
        watch(s, log, ['end', 'close', 'error']);
        src.on('close', () => log('source close'));
        const e = err ? E('EX') : undefined;
        if (how === 'data') {
          s.once('data', (c) => { log('data:' + c); s.destroy(e); log('destroyed', s.destroyed); });
        } else {
          s.once('readable', () => {
            log('read', s.read());
            s.destroy(e);
            log('read', s.read());
            log('errored', errText(s.errored));
          });
        }
      };
    }
  }
}
runTimed(cases);
