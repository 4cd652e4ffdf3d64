// spec/reentry_spec.lua "C recursion through pipe()": push() into a chain of
// N PassThroughs joined by pipe().  Node 20 prints, for N = 400 and 60000:
//   400 pushed hello
//   60000 caught RangeError
const { Readable, PassThrough } = require('stream');
for (const N of [400, 60000]) {
  const src = new Readable({ read() {} });
  let last = src;
  for (let i = 0; i < N; i++) last = last.pipe(new PassThrough());
  const got = [];
  last.on('data', (c) => got.push(String(c)));
  src.resume(); // flowing starts on the next tick, as in the spec's uv.run("nowait")
  setImmediate(() => {
    try {
      src.push('hello');
      setImmediate(() => console.log(N, 'pushed', got.join('')));
    } catch (e) {
      console.log(N, 'caught', e.constructor.name);
    }
  });
}
