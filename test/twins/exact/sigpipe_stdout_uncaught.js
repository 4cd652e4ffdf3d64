// `(node sigpipe_stdout_uncaught.js; echo "rc=$?" >&2) | head -1`: EPIPE on stdout
// with no 'error' listener is an uncaught error (a failure exit), never SIGPIPE.
'use strict';
let n = 0;
function more() { n++; process.stdout.write('x'.repeat(1000) + '\n'); if (n < 2000) setImmediate(more); }
more();
