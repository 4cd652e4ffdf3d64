// Twin of spec/abort_spec.lua "pipeline options": { end = false } and a signal aborted before.
// A rejection is logged after false, as the spec's pcall returns it.
const { PassThrough, Readable, Writable } = require('stream');
const { pipeline } = require('stream/promises');
(async () => {
  const dst = new PassThrough();
  dst.on('finish', () => console.log('dst finish'));
  dst.on('close', () => console.log('dst close'));
  await pipeline(Readable.from(['a', 'b']), dst, { end: false });
  console.log('done', dst.writableEnded, dst.destroyed, dst.read().toString());
  dst.end('c');
  dst.resume();
  const sig = AbortSignal.abort('pre');
  const a = new PassThrough();
  try { await pipeline(a, new PassThrough(), { signal: sig }); } catch (e) { console.log('pre', false, e.name, e.cause, a.destroyed); }
})();
