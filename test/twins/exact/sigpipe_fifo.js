// `mkfifo F; (head -c 1 F > /dev/null &); node sigpipe_fifo.js F`: a file write
// stream into a FIFO whose reader left gets EPIPE.
'use strict';
const fs = require('fs');
const w = fs.createWriteStream(process.argv[2]);
const log = [];
w.on('open', () => log.push('open'));
w.on('error', (e) => log.push('error ' + e.code + ' ' + e.syscall));
w.on('close', () => log.push('close'));
const chunk = 'y'.repeat(65536);
function pump() { while (w.write(chunk)); if (!w.destroyed) w.once('drain', pump); }
pump();
process.on('exit', () => process.stdout.write(log.join('\n') + '\n'));
