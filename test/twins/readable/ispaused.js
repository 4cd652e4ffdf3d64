// Twin of spec/readable/ispaused_spec.lua (test-stream-ispaused.js, test-stream-readableListening-state.js): one case per `it`.
// Run: node test/twins/readable/ispaused.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  ispaused(log) {
    const r = new Readable({ read() {} });
    log(r.isPaused(), r.readableFlowing);
    r.on('data', () => {});
    log(r.isPaused(), r.readableFlowing);
    r.pause();
    log(r.isPaused(), r.readableFlowing);
    r.pipe(new Writable({ write(c, e, cb) { cb(); } }));
    log(r.isPaused(), r.readableFlowing);
    r.resume();
    log(r.isPaused(), r.readableFlowing);
  },
  readable_listening(log) {
    const r = new Readable({ read: () => {} });
    r.on('readable', () => log('readable', r.readableFlowing, String(r.read())));
    r.push('Testing readableListening state');
  },
  data_listening(log) {
    const r = new Readable({ read: () => {} });
    r.on('data', (c) => log('data', r.readableFlowing, String(c)));
    r.push('Testing readableListening state');
  },
});
