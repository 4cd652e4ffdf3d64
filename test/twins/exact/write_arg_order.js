// The order of write()'s argument checks (Node 20's _write): null first, then
// (byte mode only) the encoding, then the chunk's type, then ending, then
// destroyed; end(chunk, ...) goes through the same checks. Object mode never
// looks at the encoding and hands _write what it was given.
'use strict';
const { Writable } = require('stream');
const log = [];
function mk(o) {
  const w = new Writable(Object.assign({
    write(c, e, cb) { log.push('  _write ' + (typeof c === 'object' && !Buffer.isBuffer(c) ? 'object' : String(c)) + ' ' + e); cb(); },
  }, o));
  w.on('error', (e) => log.push('  error ' + e.code));
  return w;
}
function T(tag, f) {
  try {
    const r = f();
    log.push(tag + ' -> ' + (r instanceof Error ? 'Error ' + r.code : (typeof r === 'object' ? 'stream' : r)));
  } catch (e) { log.push(tag + ' throws ' + e.code); }
}
const cases = [
  ['write(true, "bogus")', {}, (w) => w.write(true, 'bogus')],
  ['write(null, "bogus")', {}, (w) => w.write(null, 'bogus')],
  ['object write(null, "bogus")', { objectMode: true }, (w) => w.write(null, 'bogus')],
  ['object write(1, "utf8")', { objectMode: true }, (w) => w.write(1, 'utf8')],
  ['object write(1, "latin1")', { objectMode: true }, (w) => w.write(1, 'latin1')],
  ['object write(1)', { objectMode: true }, (w) => w.write(1)],
  ['ended write("a", "bogus")', {}, (w) => { w.end(); return w.write('a', 'bogus'); }],
  ['ended write(true)', {}, (w) => { w.end(); return w.write(true); }],
  ['ended write(null)', {}, (w) => { w.end(); return w.write(null); }],
  ['destroyed write(true)', {}, (w) => { w.destroy(); return w.write(true); }],
  ['destroyed write("a", "bogus")', {}, (w) => { w.destroy(); return w.write('a', 'bogus'); }],
  ['destroyed write("a")', {}, (w) => { w.destroy(); return w.write('a'); }],
  ['ended+destroyed write("a")', {}, (w) => { w.end(); w.destroy(); return w.write('a'); }],
  ['write("a", "UTF8")', {}, (w) => w.write('a', 'UTF8')],
  ['hex default write("616263", "")', { defaultEncoding: 'hex' }, (w) => w.write('616263', '')],
  ['end(true, "bogus")', {}, (w) => w.end(true, 'bogus')],
  ['end(true)', {}, (w) => w.end(true)],
  ['end("a", "bogus")', {}, (w) => w.end('a', 'bogus')],
  ['ended end(true)', {}, (w) => { w.end(); return w.end(true); }],
  ['ended end("a")', {}, (w) => { w.end(); return w.end('a'); }],
];
let i = 0;
(function next() {
  const c = cases[i++];
  if (!c) { console.log(log.join('\n')); return; }
  const w = mk(c[1]);
  T(c[0], () => c[2](w));
  setTimeout(next, 2);
})();
