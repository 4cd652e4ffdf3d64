// fuzz/reentry_rt.lua allows 'finish' after 'close': Node 20 emits it there when
// a Transform with its own _final has a _flush that fails.  Node prints:
//   prefinish error close finish (one a line)
const { Transform } = require('stream');
const t = new Transform({
  transform(c, e, cb) { cb(); },
  flush(cb) { cb(new Error('boom')); },
  final(cb) { cb(); },
});
for (const ev of ['prefinish', 'finish', 'close', 'error', 'end'])
  t.on(ev, () => console.log(ev));
t.write('x');
t.end();
