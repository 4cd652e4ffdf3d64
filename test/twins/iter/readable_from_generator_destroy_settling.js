// Twin of spec/iter/readable_from_generator_destroy_settling_edge_cases_spec.lua:
// Readable.from(an async generator) destroyed while from()'s
// `await iterator.next()` is settling with what the generator already gave.
// from() still takes that result: a value goes to no one, the end still
// ends the stream ('end' before 'close', unless the destroy carried an
// error). (The Lua generators are coroutine.wrap functions.)
// Run: node test/twins/iter/readable_from_generator_destroy_settling.js
'use strict';
const { Readable } = require('stream');
const { runTimed, watch } = require('../duplex/common');

const E = (code) => Object.assign(new Error('boom'), { code });
const cases = {};
for (const items of [[], ['a'], ['a', 'b']]) {
  for (const err of [false, true]) {
    for (const how of ['data', 'resume']) {
      const name = `items${items.length}_${how}${err ? '_err' : ''}`;
      cases[name] = (log) => {
        const gen = (async function* () {
          try {
            for (const x of items) { log('yield ' + x); yield x; }
          } finally { log('finally'); }
        })();
        const s = Readable.from(gen);
        watch(s, log, ['end', 'close', 'error']);
        if (how === 'data') s.on('data', (c) => log('data:' + c));
        else s.resume();
        process.nextTick(() => {
          log('destroy');
          s.destroy(err ? E('EX') : undefined);
        });
      };
    }
  }
}
runTimed(cases);
