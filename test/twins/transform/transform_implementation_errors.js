// Twin of spec/transform/transform_implementation_errors_spec.lua: a Lua
// error raised in _transform or _flush destroys the stream with it (API.md
// section 3), so here those functions call destroy(err) where the spec
// raises; a string error is passed as is. One case per `it`.
// Run: node test/twins/transform/transform_implementation_errors.js
'use strict';
const { Transform } = require('stream');
const { runTimed, watch } = require('../duplex/common');

const EV = ['error', 'finish', 'end', 'close'];
runTimed({
  raised_in_transform(log) {
    const t = new Transform({ transform() { this.destroy('bad chunk'); } });
    watch(t, log, EV);
    t.write('x');
    log('destroyed:' + t.destroyed);
  },
  raised_in_flush(log) {
    const t = new Transform({
      transform(c, e, cb) { cb(null, c); },
      flush() { this.destroy(new Error('flush failed')); },
    });
    t.on('data', (d) => log(String(d)));
    watch(t, log, EV);
    t.end('x');
  },
  transform_cb_error(log) {
    const t = new Transform({ transform(c, e, cb) { cb('nope'); } });
    watch(t, log, EV);
    t.write('x');
  },
  flush_cb_error(log) {
    const t = new Transform({ transform(c, e, cb) { cb(); }, flush(cb) { cb('late'); } });
    t.resume();
    watch(t, log, EV);
    t.end('x');
  },
}, 30);
