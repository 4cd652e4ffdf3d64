// spec/reentry_spec.lua "C recursion through pipe()": write() into a chain of
// N Transforms whose _transform calls back at once, joined by pipe(), and
// the same chain calling back on the next tick.  Node 20 delivers through
// 150 and 250 synchronous stages (cstream: 150, and ERR_STACK_OVERFLOW at
// 250, past Lua's C-call limit: docs/API.md) and through 250 asynchronous
// ones (each stage unwinds the stack: both deliver).
const { Readable, Transform } = require('stream');
function chain(N, async) {
  const src = new Readable({ read() {} });
  let last = src;
  for (let i = 0; i < N; i++) {
    last = last.pipe(new Transform({
      transform(c, e, cb) { if (async) process.nextTick(cb, null, c); else cb(null, c); },
    }));
  }
  const got = [];
  last.on('data', (c) => got.push(String(c)));
  last.on('end', () => console.log(N, async ? 'async' : 'sync', 'end', got.join('')));
  src.push('hello');
  src.push(null);
}
chain(150, false);
chain(250, false);
chain(250, true);
