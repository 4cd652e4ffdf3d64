// destroy(e2) while _construct is pending, then construct calls back with e1:
// Node's destroy waits for kDestroy and calls
// _destroy(aggregateTwoErrors(e1, e2)): an AggregateError of [e2, e1] with
// e2's code and message (e2's errors list grown when it has one), or
// whichever error exists, or e2 when both are the same. errored keeps e2.
'use strict';
const { Readable, Writable } = require('stream');
function E(code, message) { return Object.assign(new Error(message), { code }); }
function show(e) {
  if (e == null) return 'null';
  if (typeof e !== 'object') return 'value ' + e;
  const name = e.name === 'AggregateError' ? 'AggregateError' : '-';
  const errs = Array.isArray(e.errors) ?
    '[' + e.errors.map((x) => (x && typeof x === 'object') ? (x.code || x.message) : String(x)).join(',') + ']' : '-';
  return [name, e.code === undefined ? '-' : e.code, JSON.stringify(e.message), errs].join(' ');
}
const shared = E('ES', 'same');
const agg = Object.assign(new Error('outer'), { code: 'EAGG', errors: [E('E0', 'zero')] });
const cases = [
  ['both', E('E2', 'two'), E('E1', 'one')],
  ['same', shared, shared],
  ['destroy-only', E('E2', 'two'), null],
  ['construct-only', null, E('E1', 'one')],
  ['strings', 'two', 'one'],
  ['no-code', new Error('two'), new Error('one')],
  ['outer-has-errors', agg, E('E1', 'one')],
];
const log = [];
let i = 0;
function next() {
  const c = cases[i++];
  if (!c) { console.log(log.join('\n')); return; }
  const [tag, e2, e1] = c;
  const Kind = i % 2 ? Readable : Writable;
  const s = new Kind({
    read() {}, write(ch, enc, cb) { cb(); },
    construct(cb) { setTimeout(() => cb(e1), 1); },
    destroy(err, cb) { log.push(tag + ' _destroy ' + show(err)); cb(err); },
  });
  s.on('error', (e) => log.push(tag + ' error ' + show(e)));
  s.on('close', () => {
    log.push(tag + ' close errored ' + show(s.errored));
    setTimeout(next, 1);
  });
  s.destroy(e2, (e) => log.push(tag + ' destroy-cb ' + show(e)));
}
next();
