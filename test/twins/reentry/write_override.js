// spec/reentry_spec.lua "calls a dest.write override installed after pipe()":
// pipe() calls dest.write(chunk) for every chunk.  Node 20 prints:
//   called x,y
//   written x,y
const { Readable, Writable } = require('stream');
const src = new Readable({ read() {} });
const got = [];
const d = new Writable({ write(c, _, cb) { got.push(String(c)); cb(); } });
src.pipe(d);
const called = [];
const orig = d.write;
d.write = function (c, ...rest) { called.push(String(c)); return orig.call(this, c, ...rest); };
src.push('x');
src.push('y');
src.push(null);
d.on('finish', () => {
  console.log('called', called.join(','));
  console.log('written', got.join(','));
});
