// Twin of spec/handle_socket_write_spec.lua: a socket write the kernel
// takes whole at once (libuv's try_write, as Node's stream_base) completes
// inside write(): writableLength is back to 0 when write() returns, which
// then returns true even for a chunk above highWaterMark; the callback
// still comes later. A write the kernel cannot take at once stays pending.
// Run: node test/twins/handle/socket_write.js
'use strict';
const net = require('net');
const { run } = require('../duplex/common');

function pair(onServer, onClient) {
  return new Promise((done) => {
    const srv = net.createServer((sock) => { srv.close(); onServer(sock); });
    srv.listen(0, '127.0.0.1', () => {
      const c = net.connect(srv.address().port, '127.0.0.1', () => { onClient(c); done(); });
    });
  });
}
const sink = (s) => { s.resume(); s.on('end', () => s.end()); };

run({
  small(log) {
    return pair(sink, (c) => {
      let sync = true;
      log('write', c.write('abc', () => log('cb', sync, c.bytesWritten)), c.writableLength, c.bytesWritten);
      sync = false;
      c.end(() => log('end cb', c.bytesWritten));
      c.resume();
    });
  },
  above_hwm(log) {
    return pair(sink, (c) => {
      log('hwm', c.writableHighWaterMark);
      log('write', c.write('x'.repeat(20000)), c.writableLength, c.writableNeedDrain, c.bytesWritten);
      c.end();
      c.resume();
    });
  },
  too_big(log) {
    return pair(sink, (c) => {
      const n = 32 << 20;
      log('write', c.write('y'.repeat(n)), c.writableLength === n, c.writableNeedDrain, c.bytesWritten);
      c.on('drain', () => log('drain', c.writableLength));
      c.end();
      c.resume();
    });
  },
});
