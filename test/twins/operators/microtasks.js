// Twin of spec/operators/microtask_positions_spec.lua: a chain of 400
// microtasks counts, and each value or event records where it came. `node
// microtasks.js OP` prints OP's line; ticks (end, close) come after the chain.
// Without OP it runs itself once per operator (each needs a fresh count) and
// prints `OP<TAB>["line"]`.
const { Readable } = require('stream');
const { execFileSync } = require('child_process');
let n = 0; let running = true;
function step() { n++; if (running && n < 400) queueMicrotask(step); }
const which = process.argv[2];
const log = [];
const mk = () => Readable.from([1, 2, 3]);
const ops = {
  map: () => mk().map((x) => x),
  mapAsync: () => mk().map(async (x) => x),
  filter: () => mk().filter((x) => true),
  take: () => mk().take(2),
  drop: () => mk().drop(1),
  flatMap: () => mk().flatMap((x) => [x]),
  flatMap3: () => Readable.from([1, 2]).flatMap((x) => (x === 1 ? [x, x, x] : [x])),
};
const all = ['map', 'mapAsync', 'filter', 'take', 'drop', 'flatMap', 'flatMap3',
  'toArray', 'forEach', 'some', 'reduce', 'find'];
if (!which) {
  for (const op of all) {
    const line = execFileSync(process.execPath, [__filename, op]).toString().trim();
    console.log(op + '\t' + JSON.stringify([line]));
  }
} else if (ops[which]) {
  const s = ops[which]();
  s.on('data', (v) => log.push('d' + v + '@' + n));
  s.on('end', () => { log.push('end@' + n); });
  s.on('close', () => { log.push('close@' + n); console.log(log.join(' ')); });
} else {
  const p = { toArray: () => mk().toArray(), forEach: () => mk().forEach((x) => log.push('f' + x + '@' + n)),
    some: () => mk().some((x) => x === 2), reduce: () => mk().reduce((a, b) => a + b, 0),
    find: () => mk().find((x) => x === 3) }[which]();
  p.then((v) => { log.push('v@' + n); console.log(log.join(' ')); });
}
if (which) queueMicrotask(step);
