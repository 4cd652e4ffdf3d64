// `(node sigpipe_pipeline.js < BIGFILE; echo "rc=$?" >&2) | head -1`, and the same
// fed by a pipe (`cat BIGFILE | ...`): the pipeline callback gets EPIPE.
'use strict';
const { pipeline } = require('stream');
pipeline(process.stdin, process.stdout, (err) => {
  process.stderr.write('pipeline-cb ' + (err ? err.code + ' ' + err.syscall : 'null') + '\n');
});
