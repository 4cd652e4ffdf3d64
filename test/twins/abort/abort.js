// Twin of spec/abort_spec.lua: AbortController/AbortSignal and the streams'
// signal options. Prints "<case>: <item>" lines; errors as name/code/cause.
'use strict';
const { PassThrough, Readable, Writable, finished, addAbortSignal } = require('stream');
const { pipeline } = require('stream/promises');
const out = (c, ...a) => console.log(c + ': ' + a.join(' '));
const code = (e) => e.code === 20 ? 'ABORT_ERR' : e.code === 23 ? 'TIMEOUT_ERR' : e.code;

// 1. controller: listeners run inside abort(), once; reason kept
{
  const ac = new AbortController();
  const s = ac.signal;
  out('controller', s.aborted);
  s.addEventListener('abort', () => out('controller', 'l1', s.aborted, s.reason));
  s.addEventListener('abort', () => out('controller', 'l2'));
  ac.abort('why');
  ac.abort('again');
  out('controller', 'after', s.reason);
  try { s.throwIfAborted(); } catch (e) { out('controller', 'thrown', e); }
}
// 2. default reason
{
  const s = AbortSignal.abort();
  out('default', s.aborted, s.reason.name, code(s.reason), s.reason.message);
}
// 3. any
{
  const a = new AbortController(), b = new AbortController();
  const s = AbortSignal.any([a.signal, b.signal]);
  s.addEventListener('abort', () => out('any', 'abort', s.reason));
  out('any', s.aborted);
  b.abort('b');
  a.abort('a');
  out('any', s.reason);
  out('any', AbortSignal.any([a.signal]).reason);
}
// 4. constructor signal
{
  const ac = new AbortController();
  const s = new PassThrough({ signal: ac.signal });
  s.on('error', (e) => out('ctor', 'error', e.name, code(e), e.message, e.cause));
  s.on('close', () => out('ctor', 'close'));
  ac.abort('r');
  out('ctor', 'destroyed', s.destroyed);
}
// 5. addAbortSignal on an aborted signal destroys at once
{
  const r = new Readable({ read() {} });
  addAbortSignal(AbortSignal.abort('early'), r);
  out('add', 'destroyed', r.destroyed);
  r.on('error', (e) => out('add', 'error', code(e), e.cause));
  r.on('close', () => out('add', 'close'));
}
// 6. finished with a signal: the stream stays
{
  const ac = new AbortController();
  const s = new PassThrough();
  finished(s, { signal: ac.signal }, (e) => out('finished', 'cb', e.name, code(e), e.cause, s.destroyed));
  ac.abort('stop');
  out('finished', 'sync');
}
// 7. pipeline with a signal destroys every stream
{
  const ac = new AbortController();
  const a = new PassThrough(), b = new PassThrough();
  a.on('close', () => out('pipeline', 'a close'));
  b.on('close', () => out('pipeline', 'b close'));
  pipeline(a, b, { signal: ac.signal }).catch((e) => out('pipeline', 'cb', e.name, code(e), e.cause));
  ac.abort(42);
}
// 8. timeout
{
  const s = AbortSignal.timeout(5);
  s.addEventListener('abort', () => out('timeout', s.reason.name, code(s.reason), s.reason.message));
  setTimeout(() => out('timeout', 'later'), 30);
}
