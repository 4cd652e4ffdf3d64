// Twin of spec/iter/readable_async_iterators_destroy_on_return_spec.lua
// (test-stream-readable-async-iterators.js, its destroyOnReturn cases):
// the chunks read. Run: node test/twins/iter/readable_async_iterators_destroy_on_return.js
'use strict';
const { Readable } = require('stream');
const { setTimeout: sleep } = require('timers/promises');

const createReadable = () => Readable.from((async function* () {
  await sleep(1);
  yield 5;
  await sleep(1);
  yield 7;
  await sleep(1);
})());
const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map(String)));
(async () => {
  {
    const r = createReadable();
    const got = [];
    for await (const chunk of r.iterator({ destroyOnReturn: true })) { got.push(chunk); break; }
    out('destroy_true', got);
  }
  {
    const r = createReadable();
    const got = [];
    const opts = { destroyOnReturn: false };
    for await (const chunk of r.iterator(opts)) { got.push(chunk); break; }
    for await (const chunk of r.iterator(opts)) got.push(chunk);
    out('destroy_false', got);
  }
})();
