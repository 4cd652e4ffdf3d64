// Twin of spec/writable/writable_constructor_set_methods_spec.lua
// (test-stream-writable-constructor-set-methods.js retold as logs), with node
// v20: each case prints the log its spec asserts. A _writev batch prints as
// chunk/encoding|..., bytes as hex. The spec's two cases without _write that
// write data are a declared difference (node throws out of write()/end()) and
// have no twin. Run: node test/twins/writable/writable_constructor_set_methods.js
'use strict';
const { Writable } = require('stream');
const { errText, run } = require('../duplex/common');

const on = (s, log, ...names) => {
  for (const n of names) {
    if (n === 'error') s.on('error', (e) => log('error:' + errText(e)));
    else s.on(n, () => log(n));
  }
};
const batch = (chunks) => chunks.map((c) =>
  (c.encoding === 'buffer' ? c.chunk.toString('hex') : c.chunk) + '/' + c.encoding).join('|');
const joined = (chunks) => chunks.map((c) => String(c.chunk)).join(',');

run({
  instance_write(log) {
    const w = new Writable();
    w._write = function(chunk, enc, cb) { log('write:' + chunk + '/' + (this === w)); cb(); };
    on(w, log, 'finish', 'error');
    w.end('blerg');
  },
  no_write_end_empty(log) {
    const w = new Writable();
    on(w, log, 'error', 'finish', 'close');
    w.end();
  },
  write_and_writev(log) {
    const w = new Writable({
      write(c, e, cb) { log('write:' + c); cb(); },
      writev(chunks, cb) { log('writev:' + joined(chunks)); cb(); },
    });
    on(w, log, 'finish', 'close');
    w.write('blerg');
    w.cork();
    w.write('blerg2');
    w.write('blerg3');
    w.end();
    log('sync');
  },
  writev_alone(log) {
    const w = new Writable({ writev(chunks, cb) { log('writev:' + batch(chunks)); cb(); } });
    on(w, log, 'finish', 'close');
    w.write('a');
    w.write('b');
    w.write('c');
    w.end();
    log('sync');
  },
  subclass_methods(log) {
    class W extends Writable {
      _write(c, e, cb) { log('write:' + c); cb(); }
      _writev(chunks, cb) { log('writev:' + joined(chunks)); cb(); }
    }
    const w = new W();
    on(w, log, 'finish');
    w.write('x');
    w.cork();
    w.write('y');
    w.write('z');
    w.end();
  },
});
