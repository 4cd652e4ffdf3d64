// Twin of spec/handle_socket_close_spec.lua: a socket (net.Socket, cstream's
// fromHandle over a TCP handle) emits 'close' with hadError from its
// handle's close callback (emitClose is false), while the destroy itself
// completes at once: 'error' comes on the next tick, before a setImmediate,
// and 'close' after it.
// Run: node test/twins/handle/socket_close.js
'use strict';
const net = require('net');
const { run } = require('../duplex/common');

function pair(log, onServer, onClient) {
  return new Promise((done) => {
    const srv = net.createServer((sock) => { srv.close(); onServer(sock); });
    srv.listen(0, '127.0.0.1', () => {
      const c = net.connect(srv.address().port, '127.0.0.1', () => { onClient(c); done(); });
    });
  });
}
const watch = (s, log, tag) => {
  for (const ev of ['end', 'finish', 'error', 'close']) {
    s.on(ev, (x) => log(tag, ev, ev === 'error' ? x.message : ev === 'close' ? x : ''));
  }
};

run({
  ends(log) {
    return pair(log, (s) => { watch(s, log, 'S'); s.end('bye'); }, (c) => { watch(c, log, 'C'); c.resume(); });
  },
  destroy(log) {
    return pair(log, (s) => { watch(s, log, 'S'); }, (c) => {
      watch(c, log, 'C');
      c.destroy();
      log('destroyed', c.destroyed, c.closed);
      setImmediate(() => log('immediate'));
    });
  },
  destroy_error(log) {
    return pair(log, (s) => { watch(s, log, 'S'); }, (c) => {
      watch(c, log, 'C');
      c.destroy(new Error('boom'));
      log('destroyed', c.destroyed, c.closed);
      setImmediate(() => log('immediate'));
    });
  },
});
