// Twin of spec/events/stream_event_names_spec.lua (test-stream-event-names.js): one case per `it`.
// Run: node test/twins/events/stream_event_names.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  fresh(log) {
    for (const C of [Readable, Writable, Duplex, Transform, PassThrough]) log(JSON.stringify(new C().eventNames()));
  },
  readable(log) {
    const s = new Readable();
    s.on('foo', () => {}); s.on('data', () => {}); s.on('error', () => {});
    log(s.eventNames().join(','));
    s.removeAllListeners('data');
    log(s.eventNames().join(','));
  },
  writable(log) {
    const s = new Writable();
    s.on('foo', () => {}); s.on('drain', () => {}); s.on('prefinish', () => {});
    log(s.eventNames().join(','));
  },
  duplex(log) {
    const s = new Duplex();
    s.on('foo', () => {}); s.on('finish', () => {});
    log(s.eventNames().join(','));
  },
});
