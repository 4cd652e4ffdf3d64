// Twin of spec/transform/transform_destroy_spec.lua (test-stream-transform-
// destroy.js retold as logs), with node v20: each case prints the log its
// spec asserts; record() logs 'end', 'finish', 'close' and 'error' as
// helper.record does. Run: node test/twins/transform/transform_destroy.js
'use strict';
const { Transform } = require('stream');
const { run } = require('../duplex/common');

const text = (e) => (e == null ? 'null' : typeof e === 'object' ? (e.code || e.message) : String(e));
const record = (s, log) => {
  for (const n of ['end', 'finish', 'close', 'error']) {
    if (n === 'error') s.on('error', (e) => log('error:' + text(e)));
    else s.on(n, () => log(n));
  }
};
const never = () => {};

run({
  destroy_close_only(log) {
    const t = new Transform({ transform: never });
    t.resume();
    record(t, log);
    t.destroy();
  },
  destroy_err(log) {
    const t = new Transform({ transform: never });
    t.resume();
    record(t, log);
    t.destroy('kaboom');
  },
  method_passes_error(log) {
    const t = new Transform({ transform: never });
    t._destroy = function(err, cb) { log('_destroy:' + text(err)); cb(err); };
    record(t, log);
    t.destroy('kaboom');
  },
  option_swallows(log) {
    const t = new Transform({
      transform: never,
      destroy(err, cb) { log('_destroy:' + text(err)); cb(); },
    });
    t.resume();
    record(t, log);
    t.destroy('kaboom');
  },
  destroy_nil_error(log) {
    const t = new Transform({ transform: never });
    t._destroy = function(err, cb) { log('_destroy:' + text(err)); cb(); };
    record(t, log);
    t.destroy();
  },
  push_end_in_async_destroy(log) {
    const t = new Transform({ transform: never });
    t.resume();
    t._destroy = function(err, cb) {
      log('_destroy:' + text(err));
      process.nextTick(() => {
        this.push(null);
        this.end();
        log('cb');
        cb();
      });
    };
    const fail = () => log('fail');
    t.on('finish', fail);
    t.on('end', fail);
    t.destroy();
    t.removeListener('end', fail);
    t.removeListener('finish', fail);
    record(t, log);
  },
  destroy_turned_error(log) {
    const t = new Transform({ transform: never });
    t._destroy = function(err, cb) { log('_destroy:' + text(err)); cb('kaboom'); };
    record(t, log);
    t.destroy();
  },
});
