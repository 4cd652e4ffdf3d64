// Twin of spec/iter/readable_from_iterator_closing_spec.lua (after Node's
// test/parallel/test-readable-from-iterator-closing.js): a for-await over
// Readable.from(an endless iterator) left by break. Prints `case<TAB>JSON
// array`; the case starts from a timer, as a spec body starts.
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common.js');

let atBreak;
runTimed({
  break_destroys(log) {
    let calls = 0;
    const r = Readable.from({
      [Symbol.iterator]() { return { next() { calls++; return { value: calls, done: false }; } }; },
    });
    r.on('close', () => log('close'));
    (async () => {
      for await (const c of r) {
        log('chunk:' + c);
        if (c === 2) break;
      }
      atBreak = calls;
      log(r.destroyed);
      setImmediate(() => { log('imm'); log(r.destroyed); log(calls === atBreak); });
    })().then(() => log('done'), (e) => log('rejected:' + (e.code || e.message)));
  },
  // How many times the iterator had been called at the break.
  calls_at_break(log) { log(atBreak); },
});
