// Twin of spec/readable/readable_constructor_set_methods_spec.lua
// (test-stream-readable-constructor-set-methods.js): one case per `it`.
// Run: node test/twins/readable/readable_constructor_set_methods.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  read_option(log) {
    const r = new Readable({ read(n) { log('_read:' + n); this.push(null); } });
    r.resume();
    r.on('end', () => log('end'));
  },
  destroy_option(log) {
    const r = new Readable({ read() {}, destroy(err, cb) { log('_destroy'); cb(err); } });
    r.on('close', () => log('close'));
    r.destroy();
  },
  subclass_read(log) {
    class C extends Readable {
      _read(n) { log('_read:' + n); this.push(null); }
    }
    const r = new C({ highWaterMark: 7 });
    r.resume();
    r.on('end', () => log('end'));
  },
}, 30);
