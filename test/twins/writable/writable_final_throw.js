// Twin of spec/writable/writable_final_throw_spec.lua
// (test-stream-writable-final-throw.js; node catches the throw in _final as
// cstream catches the Lua error): one case per `it`.
// Run: node test/twins/writable/writable_final_throw.js
'use strict';
const { Writable, Duplex } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  writable(log) {
    const w = new Writable({
      write(c, e, cb) { log('write'); cb(); },
      final() { log('final'); throw new Error('fhqwhgads'); },
    });
    watch(w, log, ['error', 'close', 'finish', 'prefinish']);
    w.end('test', (err) => log('endcb:' + errText(err)));
    log('sync');
  },
  duplex_subclass(log) {
    class Foo extends Duplex {
      _final() { log('final'); throw new Error('fhqwhgads'); }
      _read() {}
    }
    const foo = new Foo();
    foo._write = (c, e, cb) => { log('write'); cb(); };
    watch(foo, log, ['error', 'close']);
    foo.end('test');
  },
}, 30);
