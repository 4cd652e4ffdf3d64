// Twin of spec/zlib/zlib_info_option_spec.lua: the `info` option of the
// one-shot helpers, sync and with a callback. Each case prints what the
// result holds: its keys, the bytes (hex) or their length, and the engine's
// state (class, bytesWritten, destroyed, writable).
// Run: node test/twins/zlib/zlib_info.js
'use strict';
const zlib = require('zlib');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map(String)));
const engine = (e) => [e.constructor.name, e.bytesWritten, e.destroyed, e.writable];
const keys = (r) => (Buffer.isBuffer(r) ? 'buffer' : Object.keys(r).sort().join(','));

const r1 = zlib.deflateSync('abcabc', { info: true });
out('sync_deflate', [keys(r1), r1.buffer.toString('hex'), ...engine(r1.engine)]);
// The engine counts the input zlib took: the zeros after the gzip member are left.
const padded = Buffer.concat([zlib.gzipSync('abc'), Buffer.alloc(5)]);
const r2 = zlib.gunzipSync(padded, { info: true });
out('sync_gunzip_padded', [keys(r2), r2.buffer.toString(), ...engine(r2.engine)]);
out('sync_no_info', [keys(zlib.deflateSync('abc', { info: false })), keys(zlib.deflateSync('abc', {}))]);
zlib.gzip('abc', { info: true }, (err, r) => {
  out('async_gzip', [err, keys(r), r.buffer.length, ...engine(r.engine)]);
  zlib.inflate(zlib.deflateSync('hello'), { info: true }, (err2, r3) => {
    out('async_inflate', [err2, keys(r3), r3.buffer.toString(), ...engine(r3.engine)]);
  });
});
