'use strict';
// W1: 1,000,000 chunks of 100 bytes -> 3 PassThrough -> counting Writable.
require('./common').passthrough3('w1', 1000000, 100);
