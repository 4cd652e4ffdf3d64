// Twin of spec/pipeline/pipeline_queued_end_in_destroy_spec.lua
// (test-stream-pipeline-queued-end-in-destroy.js).
// Run: node test/twins/pipeline/pipeline_queued_end_in_destroy.js
'use strict';
const { Readable, Duplex, pipeline } = require('stream');
const { runTimed, errText } = require('../duplex/common');

runTimed({
  queued_end(log) {
    const readable = new Readable({ read() { log('read'); } });
    const duplex = new Duplex({
      write(chunk, enc, cb) {},
      read() {},
      destroy(err, cb) { this.end(); cb(err); },
    });
    duplex.on('finished', () => log('finished'));
    pipeline(readable, duplex, (err) => log('cb', errText(err)));
    readable.push('foo');
    setImmediate(() => readable.destroy());
  },
}, 50);
