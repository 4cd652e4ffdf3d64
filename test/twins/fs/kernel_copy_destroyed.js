// Twin of spec/fs_kernel_copy_beyond_node_spec.lua, "a destination destroyed
// mid-copy": a file piped into a file, both destroyed once the destination
// has written something. The write in flight ends in ERR_STREAM_DESTROYED,
// which the destination's destroy reports before 'close'.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cstream-kcopy-'));
const big = path.join(dir, 'big.bin');
const lines = [];
for (let i = 0; i < Math.floor((5 * 1024 * 1024 + 12344) / 8); i++)
  lines.push(i.toString(16).padStart(7, '0') + '\n');
fs.writeFileSync(big, lines.join(''));
const r = fs.createReadStream(big);
const w = fs.createWriteStream(path.join(dir, 'destroyed.bin'));
const rec = [];
for (const n of ['finish', 'close', 'error'])
  w.on(n, (e) => rec.push(n === 'error' ? 'error:' + e.code : n));
r.pipe(w);
const t = setInterval(() => {
  if (w.bytesWritten > 0) { clearInterval(t); w.destroy(); r.destroy(); }
}, 1);
w.on('close', () => setTimeout(() => {
  console.log(JSON.stringify(rec), r.destroyed);
  fs.rmSync(dir, { recursive: true });
}, 50));
