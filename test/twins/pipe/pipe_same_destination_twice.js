// Twin of spec/pipe/pipe_same_destination_twice_spec.lua
// (test-stream-pipe-same-destination-twice.js): one case per `it`.
// Run: node test/twins/pipe/pipe_same_destination_twice.js
'use strict';
const { Writable, PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

const dest = (log) => new Writable({ write(chunk, e, cb) { log('write:' + chunk); cb(); } });
runTimed({
  twice_unpipe_once(log) {
    const pt = new PassThrough();
    const d = dest(log);
    pt.pipe(d);
    pt.pipe(d);
    log(pt.listenerCount('data'));
    pt.unpipe(d);
    log(pt.listenerCount('data'));
    pt.write('foobar');
    pt.pipe(d);
  },
  twice_writes_twice(log) {
    const pt = new PassThrough();
    const d = dest(log);
    pt.pipe(d);
    pt.pipe(d);
    log(pt.listenerCount('data'));
    pt.write('foobar');
  },
  twice_unpipe_twice(log) {
    const pt = new PassThrough();
    const d = dest(log);
    pt.pipe(d);
    pt.pipe(d);
    pt.unpipe(d);
    pt.unpipe(d);
    log(pt.listenerCount('data'));
    pt.write('foobar');
  },
}, 30);
