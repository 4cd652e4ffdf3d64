// Twin of spec/passthrough_options_spec.lua: a PassThrough given transform /
// flush (options, subclass methods, fields set on the instance) and final,
// with node v20. Run: node test/twins/duplex/passthrough_options.js
'use strict';
const { PassThrough, Transform } = require('stream');
const { watch, run } = require('./common');

const EV = ['data', 'prefinish', 'finish', 'end', 'close', 'error'];

run({
  flush_option(log) {
    const p = watch(new PassThrough({ flush(cb) { log('flush'); cb(null, 'F'); } }), log, EV);
    p.end('a');
  },
  flush_error(log) {
    const p = watch(new PassThrough({ flush(cb) { cb(new Error('boom')); } }), log, EV);
    p.end('a');
  },
  flush_push(log) {
    const p = watch(new PassThrough({
      flush(cb) { this.push('x'); this.push('y'); cb(null, 'z'); },
    }), log, EV);
    p.write('a');
    p.end('b');
  },
  transform_option(log) {
    const p = watch(new PassThrough({
      transform(c, e, cb) { log('transform ' + c + ' ' + e); cb(null, String(c).toUpperCase()); },
    }), log, EV);
    p.write('a');
    p.end('b');
  },
  transform_error(log) {
    const p = watch(new PassThrough({ transform(c, e, cb) { cb(new Error('bad ' + c)); } }), log, EV);
    p.write('a', (e) => log('cb ' + (e && e.message)));
  },
  subclass_methods(log) {
    class P extends PassThrough {
      _transform(c, e, cb) { cb(null, 'x' + c); }
      _flush(cb) { this.push('end'); cb(); }
    }
    const p = watch(new P(), log, EV);
    p.end('a');
  },
  subclass_super(log) {
    class P extends PassThrough {
      _transform(c, e, cb) { log('mine ' + c); super._transform(c, e, cb); }
    }
    const p = watch(new P(), log, EV);
    p.end('a');
  },
  instance_fields(log) {
    const p = new PassThrough();
    p._transform = function(c, e, cb) { cb(null, 'i' + c); };
    p._flush = function(cb) { cb(null, 'IF'); };
    watch(p, log, EV);
    p.end('a');
  },
  instance_field_midway(log) {
    const p = watch(new PassThrough(), log, EV);
    p.write('a');
    p._transform = function(c, e, cb) { cb(null, 'late ' + c); };
    p.end('b');
  },
  instance_field_removed(log) {
    const p = new PassThrough({ transform(c, e, cb) { cb(null, 'opt ' + c); } });
    watch(p, log, EV);
    p.write('a');
    delete p._transform;
    p.end('b');
  },
  final_and_flush(log) {
    const p = watch(new PassThrough({
      final(cb) { log('final'); cb(); },
      flush(cb) { log('flush'); cb(null, 'F'); },
    }), log, EV);
    p.end('a');
  },
  final_and_flush_error(log) {
    const p = watch(new PassThrough({
      final(cb) { log('final'); cb(); },
      flush(cb) { log('flush'); cb(new Error('fe')); },
    }), log, EV);
    p.end('a');
  },
  final_late_transform(log) {
    const t = watch(new Transform({
      transform(c, e, cb) { cb(null, c); },
      final(cb) { log('final'); setTimeout(() => { log('final cb'); cb(); }, 5); },
      flush(cb) { log('flush'); cb(null, 'F'); },
    }), log, EV);
    t.end('a');
  },
  flush_object_mode(log) {
    const p = new PassThrough({ objectMode: true, flush(cb) { cb(null, { n: 2 }); } });
    p.on('data', (c) => log('data:' + (typeof c === 'object' ? 'n=' + c.n : c)));
    watch(p, log, ['end', 'close', 'error']);
    p.end({ n: 1 });
  },
  prototype_method(log) {
    log('PassThrough _transform ' + typeof PassThrough.prototype._transform +
        ' _flush ' + typeof PassThrough.prototype._flush);
  },
});
