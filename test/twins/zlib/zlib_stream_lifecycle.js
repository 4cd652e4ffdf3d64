// Twin of spec/zlib/zlib_stream_lifecycle_spec.lua, with node v20: each case
// prints the events its spec records, 'data' as data:<length> and 'error' as
// error:<code>:<errno>:<message> (a missing errno as nil, as Lua prints it).
// Run: node test/twins/zlib/zlib_stream_lifecycle.js
'use strict';
const zlib = require('zlib');
const { run, recordSizes } = require('../duplex/common');

const helloGz = zlib.gzipSync('hello world');
const resetBeforeWrite = (fn) => (log) => {
  const deflate = zlib.createDeflate(), inflate = zlib.createInflate();
  deflate.pipe(inflate);
  const closed = recordSizes(inflate, log);
  fn(deflate, () => {
    fn(inflate, () => {
      deflate.write('abc');
      deflate.end();
    });
  });
  return closed;
};

run({
  output_cuts(log) {
    const g = zlib.createGunzip();
    const closed = recordSizes(g, log);
    g.write(helloGz);
    g.end(zlib.gzipSync('b'.repeat(40000)));
    return closed;
  },
  destroy(log) {
    const g = zlib.createGzip();
    const closed = recordSizes(g, log);
    g.write('abc');
    g.destroy();
    return closed;
  },
  destroy_error(log) {
    const d = zlib.createGunzip();
    const closed = recordSizes(d, log);
    d.write('something invalid');
    const e = new Error('asd');
    e.code = 'ERR_X';
    d.destroy(e);
    return closed;
  },
  reset_before_write: resetBeforeWrite((z, cb) => { z.reset(); cb(); }),
  params_before_write: resetBeforeWrite((z, cb) => z.params(0, zlib.constants.Z_DEFAULT_STRATEGY, cb)),
  close_after_error(log) {
    const d = zlib.createGunzip();
    const closed = new Promise((resolve) => d.on('close', () => setTimeout(resolve, 20)));
    d.on('error', (err) => {
      log(err.code);
      log(d._closed);
      try { d.close(); log(true); } catch (e) { log(false); }
    });
    log(d._closed);
    d.write('something invalid');
    return closed;
  },
  one_shot(log) {
    const res = [];
    return new Promise((resolve) => {
      let n = 0;
      const done = () => { if (++n === 4) { res.sort().forEach((x) => log(x)); resolve(); } };
      zlib.gzip('hello', (err, z) => {
        res.push(err || String(zlib.gunzipSync(z)));
        done();
        zlib.gunzip(z.subarray(0, -2), (err2) => { res.push(err2 && err2.code); done(); });
      });
      zlib.unzip(zlib.deflateSync('x'), {}, (err, s) => { res.push(err || String(s)); done(); });
      zlib.inflate(zlib.deflateSync('y'.repeat(100)), { maxOutputLength: 10 }, (err) => {
        res.push(err && err.code);
        done();
      });
    });
  },
});
