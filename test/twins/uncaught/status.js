// Twin of spec/uncaught_spec.lua's exit status: a node child whose error
// nobody catches (thrown by a tick, a timer, a listener, an 'error' event
// with no listener, a failed spawn) exits with status 1 every time.
'use strict';
const { spawnSync } = require('child_process');

const cases = {
  tick: "process.nextTick(() => { throw new Error('boom'); })",
  timer: "setTimeout(() => { throw new Error('boom'); }, 1)",
  listener: "const { Readable } = require('stream'); " +
    "Readable.from(['x']).on('data', () => { throw new Error('boom'); })",
  errorEvent: "const { Readable } = require('stream'); " +
    "new Readable({ read() {} }).destroy(new Error('bad'))",
  spawn: "require('child_process').spawn('no-such-command-here', ['x'])",
};
for (const [name, src] of Object.entries(cases)) {
  const r = spawnSync(process.execPath, ['-e', src], { encoding: 'utf8' });
  const first = r.stderr.split('\n').find((l) => /^\w*Error/.test(l));
  console.log(name + '\t' + r.status + '\t' + first);
}
