// Twin of spec/transform/transform_extend_spec.lua: Transform:extend()
// subclasses are JS classes extending Transform. One case per `it`.
// Run: node test/twins/transform/transform_extend.js
'use strict';
const { Transform } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  transform_and_flush(log) {
    class Upper extends Transform {
      constructor(opts, suffix) { super(opts); this.suffix = suffix; }
      _transform(chunk, e, cb) { cb(null, String(chunk).toUpperCase()); }
      _flush(cb) { cb(null, this.suffix); }
    }
    const u = new Upper(undefined, '!');
    u.on('data', (d) => log(d));
    u.on('end', () => log('end'));
    u.write('ab');
    u.end('cd');
  },
  sub_subclass(log) {
    class Upper extends Transform {
      _transform(chunk, e, cb) { cb(null, String(chunk).toUpperCase()); }
    }
    class Counted extends Upper {
      _transform(chunk, enc, cb) { this.n = (this.n || 0) + 1; return super._transform(chunk, enc, cb); }
      _flush(cb) { this.push('#' + this.n); cb(); }
    }
    const c = new Counted();
    c.on('data', (d) => log(d));
    c.on('end', () => log('end'));
    c.write('x');
    c.write('y');
    c.end();
  },
  options_win(log) {
    class Upper extends Transform {
      _transform(chunk, e, cb) { cb(null, String(chunk).toUpperCase()); }
    }
    const u = new Upper({ transform(chunk, e, cb) { cb(null, String(chunk).repeat(2)); } });
    u.on('data', (d) => log(d));
    u.end('ab');
  },
}, 30);
