// A child that closed its stdin: writing to it is EPIPE on child.stdin.
'use strict';
const { spawn } = require('child_process');
const log = [];
const c = spawn('sh', ['-c', 'exec 0<&-; sleep 0.3']);
c.stdin.on('error', (e) => log.push('stdin error ' + e.code + ' ' + e.syscall));
c.stdin.on('close', () => log.push('stdin close'));
setTimeout(() => {
  c.stdin.write('x'.repeat(100000), (e) => log.push('write-cb ' + (e && e.code)));
}, 100);
c.on('exit', (code) => log.push('exit ' + code));
process.on('exit', () => console.log(log.join('\n')));
