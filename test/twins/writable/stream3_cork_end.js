// Twin of spec/writable/stream3_cork_end_spec.lua (test-stream3-cork-end.js).
// Run: node test/twins/writable/stream3_cork_end.js
'use strict';
const { runTimed, corkTest } = require('../duplex/common');

runTimed({ end: corkTest(true) }, 50);
