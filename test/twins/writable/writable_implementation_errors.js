// Twin of spec/writable/writable_implementation_errors_spec.lua: a Lua error
// raised in _write or _writev destroys the stream with it (API.md section 3),
// so here those functions call destroy(err) where the spec raises; node
// catches a throw from _construct and _destroy itself. One case per `it`.
// Run: node test/twins/writable/writable_implementation_errors.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

const E = (m) => new Error(m);
const writeOk = (c, e, cb) => cb();
runTimed({
  raised_in_write(log) {
    const w = new Writable({ write(c, e, cb) { log('write'); this.destroy(E('boom')); } });
    watch(w, log, ['error', 'close', 'finish']);
    w.write('x', (err) => log('cb:' + errText(err)));
    log('sync destroyed=' + w.destroyed);
  },
  string_raised_in_write(log) {
    const w = new Writable({ write() { this.destroy(E('fhqwhgads')); } });
    w.on('error', () => {});
    watch(w, log, ['close']);
    w.write('x');
  },
  raised_in_write_during_end(log) {
    const w = new Writable({ write() { log('write'); this.destroy(E('boom')); } });
    watch(w, log, ['error', 'close', 'finish']);
    w.end('x', (err) => log('endcb:' + errText(err)));
    log('sync destroyed=' + w.destroyed);
  },
  raised_with_write_buffered(log) {
    const w = new Writable({ write(c, e, cb) {
      log('write:' + c);
      if (String(c) === 'a') return this.destroy(E('boom'));
      cb();
    } });
    watch(w, log, ['error', 'close', 'finish']);
    w.write('a', (err) => log('cb1:' + errText(err)));
    w.write('b', (err) => log('cb2:' + errText(err)));
    log('sync');
  },
  raised_in_writev(log) {
    const w = new Writable({
      writev(chunks) { log('writev:' + chunks.length); this.destroy(E('boom')); },
      write: writeOk,
    });
    watch(w, log, ['error', 'close', 'finish']);
    w.cork();
    w.write('a', (err) => log('cb1:' + errText(err)));
    w.write('b', (err) => log('cb2:' + errText(err)));
    w.uncork();
    log('sync');
  },
  raised_in_construct(log) {
    const w = new Writable({
      construct() { log('construct'); throw E('boom'); },
      write: writeOk,
    });
    watch(w, log, ['error', 'close', 'finish']);
    w.write('x', (err) => log('cb:' + errText(err)));
    log('sync');
  },
  raised_in_destroy(log) {
    const w = new Writable({
      destroy() { log('_destroy'); throw E('boom'); },
      write: writeOk,
    });
    watch(w, log, ['error', 'close']);
    try { w.destroy(); } catch (err) { log('threw:' + errText(err)); }
  },
}, 50);
