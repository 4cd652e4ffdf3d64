// Twin of spec/zlib/zlib_stream_spec.lua, with node v20: each case prints
// the events its spec records, 'data' as data:<length> and 'error' as
// error:<code>:<errno>:<message>. Run: node test/twins/zlib/zlib_stream.js
'use strict';
const zlib = require('zlib');
const { run, recordSizes } = require('../duplex/common');

const helloGz = zlib.gzipSync('hello world');
const garbage = (create) => (log) => {
  const g = create();
  const closed = recordSizes(g, log);
  g.end('garbage data here');
  return closed;
};

run({
  garbage_gunzip: garbage(zlib.createGunzip),
  garbage_inflate: garbage(zlib.createInflate),
  garbage_unzip: garbage(zlib.createUnzip),
  garbage_inflate_raw: garbage(zlib.createInflateRaw),
  truncated(log) {
    const g = zlib.createGunzip();
    const closed = recordSizes(g, log);
    g.end(helloGz.subarray(0, helloGz.length - 5));
    return closed;
  },
  garbage_after_member(log) {
    const g = zlib.createGunzip();
    const closed = recordSizes(g, log);
    g.write(helloGz);
    g.end('xyz garbage');
    return closed;
  },
  zero_padding_after_member(log) {
    const g = zlib.createGunzip();
    const closed = recordSizes(g, log);
    g.end(Buffer.concat([helloGz, Buffer.alloc(10)]));
    return closed;
  },
  inflate_extra_input(log) {
    const z = zlib.createInflate();
    const closed = recordSizes(z, log);
    z.write(zlib.deflateSync('x'));
    z.write('extra');
    z.end();
    return closed;
  },
  gzip_empty_write(log) {
    const g = zlib.createGzip();
    const closed = recordSizes(g, log);
    g.write('');
    g.end();
    return closed;
  },
  flush_between_writes(log) {
    const g = zlib.createGzip();
    const closed = recordSizes(g, log);
    g.write('abc');
    g.flush(() => log('flushcb'));
    g.write('def');
    g.end();
    return closed;
  },
});
