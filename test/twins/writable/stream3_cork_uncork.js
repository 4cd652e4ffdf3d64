// Twin of spec/writable/stream3_cork_uncork_spec.lua (test-stream3-cork-uncork.js).
// Run: node test/twins/writable/stream3_cork_uncork.js
'use strict';
const { runTimed, corkTest } = require('../duplex/common');

runTimed({ uncork: corkTest(false) }, 50);
