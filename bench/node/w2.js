'use strict';
// W2: 16,384 chunks of 64 KiB -> 3 PassThrough -> counting Writable.
require('./common').passthrough3('w2', 16384, 65536);
