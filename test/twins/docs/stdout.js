// pipeline(src, process.stdout, cb), then one more write (docs/API.md,
// Real I/O; a declared difference). Run as `node stdout.js > file` and
// `node stdout.js | cat`: Node calls stdout.end() and 'finish' fires, yet
// writableEnded reads false after; into a file the later write still lands,
// into a pipe the pipe was shut down and the write fails with EPIPE.
const { pipeline, Readable } = require('stream');
const out = process.stdout;
out.on('finish', () => console.error('finish'));
pipeline(Readable.from(['a\n']), out, (err) => {
  console.error('pipeline', err ? err.code : 'ok', 'writableEnded', out.writableEnded);
  out.on('error', (e) => console.error('error', e.code));
  out.write('after\n', (e) => console.error('write', e ? e.code : 'ok'));
});
