// A 'data' listener that removes the next one, adds one and prepends one
// while a chunk is emitted: that emit runs the listeners it started with;
// the changes apply from the next chunk on.
const { Readable, PassThrough } = require('stream');
const out = [];
const r = new Readable({ read() {} });
const b = () => out.push('b');
const c = () => out.push('c');
let first = true;
r.on('data', (d) => {
  out.push('a:' + d);
  if (first) {
    first = false;
    r.removeListener('data', b);
    r.on('data', c);
    r.prependListener('data', () => out.push('p'));
  }
});
r.on('data', b);
// and the same through a pipe forwarder into a PassThrough
const pt = new PassThrough();
r.pipe(pt);
pt.on('data', (d) => out.push('pt:' + d));
r.push('x');
r.push('y');
r.push(null);
pt.on('end', () => console.log(out.join('\n')));
