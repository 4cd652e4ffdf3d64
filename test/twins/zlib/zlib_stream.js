// Twin of spec/zlib/zlib_stream_spec.lua, with node v20: each case prints
// the events its spec records, 'data' as data:<length> and 'error' as
// error:<code>:<errno>:<message>. Run: node test/twins/zlib/zlib_stream.js
'use strict';
const zlib = require('zlib');
const { run } = require('../duplex/common');

const record = (s, log) => {
  for (const name of ['data', 'end', 'finish', 'close', 'error']) {
    s.on(name, (a) => {
      if (name === 'data') log('data:' + a.length);
      else if (name === 'error') log('error:' + a.code + ':' + a.errno + ':' + a.message);
      else log(name);
    });
  }
};
const helloGz = zlib.gzipSync('hello world');
const garbage = (create) => (log) => {
  const g = create();
  record(g, log);
  g.end('garbage data here');
};

run({
  garbage_gunzip: garbage(zlib.createGunzip),
  garbage_inflate: garbage(zlib.createInflate),
  garbage_unzip: garbage(zlib.createUnzip),
  garbage_inflate_raw: garbage(zlib.createInflateRaw),
  truncated(log) {
    const g = zlib.createGunzip();
    record(g, log);
    g.end(helloGz.subarray(0, helloGz.length - 5));
  },
  garbage_after_member(log) {
    const g = zlib.createGunzip();
    record(g, log);
    g.write(helloGz);
    g.end('xyz garbage');
  },
  zero_padding_after_member(log) {
    const g = zlib.createGunzip();
    record(g, log);
    g.end(Buffer.concat([helloGz, Buffer.alloc(10)]));
  },
  inflate_extra_input(log) {
    const z = zlib.createInflate();
    record(z, log);
    z.write(zlib.deflateSync('x'));
    z.write('extra');
    z.end();
  },
  gzip_empty_write(log) {
    const g = zlib.createGzip();
    record(g, log);
    g.write('');
    g.end();
  },
  flush_between_writes(log) {
    const g = zlib.createGzip();
    record(g, log);
    g.write('abc');
    g.flush(() => log('flushcb'));
    g.write('def');
    g.end();
  },
});
