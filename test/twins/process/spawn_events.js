// Twin of spec/process_spawn_events_spec.lua: a child process that cannot
// run (ENOENT, EACCES) still has its stdio streams: stdout and stderr end
// (and finish: net.Socket's writable side), 'close' waits for them to
// close, and stdin, destroyed by onexit, closes last (libuv runs close
// callbacks in reverse order). And the stdio sockets' sides as Node makes
// them: stdout and stderr are Duplex sockets that are also writable.
// Run: node test/twins/process/spawn_events.js
'use strict';
const { spawn } = require('child_process');
const { run } = require('../duplex/common');

const S = (x) => (x == null ? 'nil' : String(x));
function watchAll(c, log) {
  c.on('spawn', () => log('spawn'));
  c.on('exit', (code, sig) => log('exit', S(code), S(sig)));
  c.on('close', (code, sig) => log('close', S(code), S(sig)));
  c.on('error', (e) => log('error', e.code, e.errno, e.syscall, e.path, e.message, e.spawnargs.join(',')));
  for (const [name, s] of [['in', c.stdin], ['out', c.stdout], ['err', c.stderr]]) {
    for (const ev of ['end', 'finish', 'close', 'error']) s.on(ev, () => log(name, ev));
  }
}

run({
  enoent_flowing(log) {
    const c = spawn('no-such-command-here', ['a', 'b']);
    watchAll(c, log);
    c.stdout.on('data', (d) => log('out data', String(d)));
    log('pid', S(c.pid));
  },
  enoent_untouched(log) {
    const c = spawn('no-such-command-here');
    watchAll(c, log);
  },
  eacces(log) {
    const c = spawn('/etc/passwd', []);
    watchAll(c, log);
  },
  write_after_failure(log) {
    const c = spawn('no-such-command-here');
    c.on('error', () => log('error'));
    c.on('close', () => {
      log('stdin', c.stdin.destroyed, c.stdin.writable);
      c.stdin.write('x', (e) => log('write cb', e && e.code));
    });
    c.stdin.on('error', (e) => log('stdin error', e.code));
  },
  sides(log) {
    const c = spawn('true');
    for (const [name, s] of [['in', c.stdin], ['out', c.stdout], ['err', c.stderr]]) {
      log(name, s.readable, s.writable);
    }
    c.on('close', (code) => log('close', code));
  },
});
