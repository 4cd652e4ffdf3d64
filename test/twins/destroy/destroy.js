// Twin of spec/destroy_spec.lua (test-stream-destroy.js): one case per `it`.
// Run: node test/twins/destroy/destroy.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  readable(log) {
    const r = new Readable({ read() {} });
    stream.destroy(r);
    log(r.destroyed, stream.isDestroyed(r));
    r.on('error', (e) => log('error', e.name, errText(e)));
    r.on('close', () => log('close'));
  },
  readable_err(log) {
    const r = new Readable({ read() {} });
    stream.destroy(r, new Error('asd'));
    log(r.destroyed);
    r.on('error', (e) => log('error', errText(e)));
    r.on('close', () => log('close'));
  },
  writable(log) {
    const w = new Writable({ write() {} });
    log(stream.isDestroyed(w));
    stream.destroy(w);
    log(w.destroyed, stream.isDestroyed(w));
    w.on('error', (e) => log('error', e.name, errText(e)));
    w.on('close', () => log('close'));
  },
  writable_err(log) {
    const w = new Writable({ write() {} });
    stream.destroy(w, new Error('asd'));
    log(w.destroyed);
    w.on('error', (e) => log('error', errText(e)));
    w.on('close', () => log('close'));
  },
  after_end(log) {
    const r = new Readable({ read() {} });
    r.on('end', () => { log('end'); stream.destroy(r); log(r.destroyed); });
    r.on('error', (e) => log('error', errText(e)));
    r.on('close', () => log('close'));
    r.resume(); r.push(null);
  },
  twice(log) {
    const r = new Readable({ read() {}, destroy(e, cb) { log('_destroy', errText(e)); cb(e); } });
    r.on('error', (e) => log('error', errText(e)));
    stream.destroy(r, new Error('a'));
    stream.destroy(r, new Error('b'));
    log(stream.isDestroyed(r));
  },
  legacy(log) {
    const EE = require('events');
    const e = new EE(); e.pipe = () => {}; e.write = () => {};
    e.on('error', (x) => log('error', errText(x)));
    e.on('close', () => log('close'));
    log(stream.isDestroyed(e));
    stream.destroy(e);
    log(stream.isDestroyed(e));
  },
});
