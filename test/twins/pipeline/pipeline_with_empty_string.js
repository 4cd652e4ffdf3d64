// Twin of spec/pipeline/pipeline_with_empty_string_spec.lua
// (test-stream-pipeline-with-empty-string.js).
// Run: node test/twins/pipeline/pipeline_with_empty_string.js
'use strict';
const { pipeline, PassThrough } = require('stream');
const { runTimed, errText } = require('../duplex/common');

runTimed({
  empty_string(log) {
    pipeline('', new PassThrough({ objectMode: true }), (err) => log('cb', errText(err)));
  },
}, 30);
