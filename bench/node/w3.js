'use strict';
// W3: 1,000,000 small objects through an object-mode Transform written in JS.
const { Readable, Transform, Writable } = require('stream');
const B = require('./common');

const N = B.scaled(1000000);
let i = 0;
const src = new Readable({
  objectMode: true,
  read() {
    while (i < N) {
      i++;
      if (!this.push({ id: i, name: 'item' })) return;
    }
    this.push(null);
  },
});
const map = new Transform({
  objectMode: true,
  transform(o, _enc, cb) {
    cb(null, { id: o.id, name: o.name, double: o.id * 2 });
  },
});
let items = 0, sum = 0;
const sink = new Writable({
  objectMode: true,
  write(o, _enc, cb) {
    items++;
    sum += o.double;
    cb();
  },
});
const t0 = B.now();
sink.on('finish', () => {
  const dt = B.now() - t0;
  B.check(items === N && sum === N * (N + 1), 'w3 items');
  B.result('w3', dt, N, { items });
});
src.pipe(map).pipe(sink);
