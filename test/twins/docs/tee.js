// One readable piped into two writables; one fails at its first write.
// Prints the events, then the state 100 ms later: the healthy sink stalls
// (case "stall"), or goes on when the failed sink's 'error' unpipes it and
// resumes the source on the next tick (case "resume"). docs/API.md, Real I/O.
const { Readable, Writable } = require('stream');
for (const mode of ['stall', 'resume']) {
  let n = 0, got = 0;
  const log = [];
  const src = new Readable({ highWaterMark: 4, read() { n++; this.push(n <= 10 ? 'xxxx' : null); } });
  const good = new Writable({ highWaterMark: 4, write(c, e, cb) { got++; setImmediate(cb); } });
  const bad = new Writable({ highWaterMark: 4, write(c, e, cb) { cb(new Error('boom')); } });
  bad.on('error', (e) => {
    log.push('bad error ' + e.message);
    if (mode === 'resume') process.nextTick(() => { src.unpipe(bad); src.resume(); });
  });
  good.on('finish', () => log.push('good finish'));
  src.pipe(good); src.pipe(bad);
  setTimeout(() => {
    log.push(`${mode}: good got ${got}, finished ${good.writableFinished}, source ended ${src.readableEnded}`);
    console.log(log.join('\n'));
  }, 100 * (mode === 'stall' ? 1 : 2));
}
