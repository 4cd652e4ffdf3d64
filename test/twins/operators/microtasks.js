// Twin of spec/operators_spec.lua "microtask positions": a chain of 400
// microtasks counts, and each value or event records where it came. `node
// microtasks.js OP`; ticks (end, close) come after the chain.
const { Readable } = require('stream');
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
if (ops[which]) {
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
queueMicrotask(step);
