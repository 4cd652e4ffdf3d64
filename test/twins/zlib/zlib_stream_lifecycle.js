// Twin of spec/zlib/zlib_stream_lifecycle_spec.lua, with node v20: each case
// prints the events its spec records, 'data' as data:<length> and 'error' as
// error:<code>:<errno>:<message> (a missing errno as nil, as Lua prints it).
// Run: node test/twins/zlib/zlib_stream_lifecycle.js
'use strict';
const zlib = require('zlib');
const { run } = require('../duplex/common');

const record = (s, log) => {
  for (const name of ['data', 'end', 'finish', 'close', 'error']) {
    s.on(name, (a) => {
      if (name === 'data') log('data:' + a.length);
      else if (name === 'error') log('error:' + a.code + ':' + (a.errno === undefined ? 'nil' : a.errno) + ':' + a.message);
      else log(name);
    });
  }
};
const helloGz = zlib.gzipSync('hello world');
const resetBeforeWrite = (fn) => (log) => {
  const deflate = zlib.createDeflate(), inflate = zlib.createInflate();
  deflate.pipe(inflate);
  record(inflate, log);
  fn(deflate, () => {
    fn(inflate, () => {
      deflate.write('abc');
      deflate.end();
    });
  });
};

run({
  output_cuts(log) {
    const g = zlib.createGunzip();
    record(g, log);
    g.write(helloGz);
    g.end(zlib.gzipSync('b'.repeat(40000)));
  },
  destroy(log) {
    const g = zlib.createGzip();
    record(g, log);
    g.write('abc');
    g.destroy();
  },
  destroy_error(log) {
    const d = zlib.createGunzip();
    record(d, log);
    d.write('something invalid');
    const e = new Error('asd');
    e.code = 'ERR_X';
    d.destroy(e);
  },
  reset_before_write: resetBeforeWrite((z, cb) => { z.reset(); cb(); }),
  params_before_write: resetBeforeWrite((z, cb) => z.params(0, zlib.constants.Z_DEFAULT_STRATEGY, cb)),
});
