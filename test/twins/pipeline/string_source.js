// Twin of spec/pipeline/pipeline_string_source_spec.lua: a string as
// pipeline's source (or returned by its first function) is iterated, one
// chunk per character, where Readable.from takes a string as one chunk.
// Run: node test/twins/pipeline/string_source.js
'use strict';
const { Readable, Writable, pipeline } = require('stream');
const { run } = require('../duplex/common');

const sink = (log, objectMode) => new Writable({
  objectMode,
  write(c, e, cb) { log('write', String(c)); cb(); },
});

run({
  string_source(log) {
    pipeline('ab€', sink(log), (e) => log('cb', e == null ? 'nil' : e.code));
  },
  string_source_objects(log) {
    pipeline('xy', sink(log, true), (e) => log('cb', e == null ? 'nil' : e.code));
  },
  first_function_returns_string(log) {
    pipeline(function () { return 'cd'; }, sink(log), (e) => log('cb', e == null ? 'nil' : e.code));
  },
  readable_from_string(log) {
    pipeline(Readable.from('ab€'), sink(log), (e) => log('cb', e == null ? 'nil' : e.code));
  },
});
