// Twin of spec/readable/readable_invalid_chunk_spec.lua
// (test-stream-readable-invalid-chunk.js): one case per `it`.
// Run: node test/twins/readable/readable_invalid_chunk.js
'use strict';
const { Readable } = require('stream');
const { runTimed, errText } = require('../duplex/common');

const check = (method, chunk) => (log) => {
  const r = new Readable({ read() {} });
  r.on('error', (e) => { log('error:' + errText(e)); log(r.destroyed); });
  r.on('close', () => log('close'));
  try { log(r[method](chunk)); } catch (e) { log('raised:' + errText(e)); }
};
runTimed({
  push_table: check('push', {}),
  push_number: check('push', 0),
  push_boolean: check('push', true),
  unshift_table: check('unshift', {}),
}, 30);
