// Twin of spec/handle_stdout_close_spec.lua: ended, process.stdout on a pipe
// emits 'finish' and then 'close' with no argument (its destroy keeps the
// fd), unlike a socket's 'close'(hadError). The child's stdout is a pipe.
// Run: node test/twins/handle/stdout_close.js
'use strict';
const { spawnSync } = require('child_process');

const child = `
const out = process.stdout;
out.on('finish', () => process.stderr.write('finish\\n'));
out.on('close', (...a) => process.stderr.write('close ' + a.length + '\\n'));
out.end('x\\n');
`;
const r = spawnSync(process.execPath, ['-e', child], { stdio: ['ignore', 'pipe', 'pipe'] });
console.log('stdout_pipe_close\t' + JSON.stringify([String(r.stdout), ...String(r.stderr).trim().split('\n')]));
