// examples/cat.lua's twin; run as `(node sigpipe_cat.js < BIGFILE; echo "rc=$?" >&2) | head -1`:
// stdout's reader is gone, the write fails with EPIPE (Node ignores SIGPIPE).
'use strict';
let status = 0;
function fail(err) { process.stderr.write('cat: ' + err.code + ' ' + err.syscall + '\n'); status = 1; }
process.stdin.on('error', fail);
process.stdout.on('error', fail);
process.stdin.pipe(process.stdout);
process.on('exit', () => { process.exitCode = status; });
