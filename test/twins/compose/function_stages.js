// Twin of spec/compose_function_stages_spec.lua: compose() makes a function
// first or last stage a Duplex.from(fn), so the last one's source yields the
// chunks of the stream before it one by one as they are piped in, and a
// first one runs as its own generator.
// Run: node test/twins/compose/function_stages.js
'use strict';
const { PassThrough, compose } = require('stream');
const { run } = require('../duplex/common');

const watch = (s, log, evs) => evs.forEach((ev) => s.on(ev, (e) => log(ev === 'error' ? 'error ' + e.message : ev)));

run({
  last_gets_each_chunk(log) {
    const c = compose(new PassThrough(), async function* (src) {
      for await (const x of src) yield String(x).toUpperCase();
    });
    watch(c, log, ['finish', 'end', 'close', 'error']);
    c.on('data', (d) => log('data', d));
    c.write('ab');
    c.end('cd');
  },
  first_generator_throws(log) {
    const c = compose(async function* (src) {
      for await (const x of src) throw new Error('ce ' + x);
    }, new PassThrough());
    watch(c, log, ['finish', 'end', 'close', 'error']);
    c.write('ab');
    c.resume();
  },
  first_and_last(log) {
    const c = compose(async function* (src) {
      for await (const x of src) yield x + '1';
    }, new PassThrough({ objectMode: true }), async function* (src) {
      for await (const x of src) yield x + '2';
    });
    watch(c, log, ['finish', 'end', 'close', 'error']);
    c.on('data', (d) => log('data', d));
    c.write('a');
    c.write('b');
    c.end();
  },
});
