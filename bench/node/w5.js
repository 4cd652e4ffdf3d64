'use strict';
// W5: copy a file with file streams: createReadStream(in).pipe(createWriteStream(out)).
// usage: w5.js INPUT OUTPUT
const fs = require('fs');
const B = require('./common');

const [input, output] = process.argv.slice(2);
B.check(input && output, 'usage: w5.js INPUT OUTPUT');
const size = fs.statSync(input).size;
const t0 = B.now();
const rs = fs.createReadStream(input);
const ws = fs.createWriteStream(output);
let failed = null;
const fail = (err) => { failed = String(err); };
rs.on('error', fail);
ws.on('error', fail);
ws.on('close', () => {
  const dt = B.now() - t0;
  B.check(!failed, 'w5 error: ' + failed);
  B.check(fs.statSync(output).size === size, 'w5 size');
  B.result('w5', dt, size, { bytes: size });
});
rs.pipe(ws);
