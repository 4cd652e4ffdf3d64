// Twin of spec/fs_error_shape_spec.lua: the errors of fs streams as Node's
// uvException makes them ("CODE: description, syscall 'path'", errno < 0,
// syscall, path), each case with the events around them. Scratch files live
// in the directory given as argv[3] (the spec's own), or a fresh one.
// Run: node test/twins/fs/error_shape.js
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('../duplex/common');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cstream-twin-'));
const P = (name) => path.join(dir, name);
// Paths are printed relative to the scratch directory.
const rel = (s) => String(s).split(dir).join('DIR');
const shape = (e) => ['error', e.code, e.errno, e.syscall, rel(e.path), rel(e.message)].join(' ');
const watch = (s, log, evs) => evs.forEach((ev) => s.on(ev, () => log(ev)));

run({
  read_enoent(log) {
    const r = fs.createReadStream(P('missing'));
    watch(r, log, ['open', 'ready', 'end', 'close']);
    r.on('error', (e) => log(shape(e)));
    r.on('data', () => log('data'));
    log('pending', r.pending);
  },
  read_eisdir(log) {
    const r = fs.createReadStream(dir);
    watch(r, log, ['open', 'ready', 'end', 'close']);
    r.on('error', (e) => log(shape(e)));
    r.resume();
  },
  write_wx_exists(log) {
    fs.writeFileSync(P('there'), 'xy');
    const w = fs.createWriteStream(P('there'), { flags: 'wx' });
    watch(w, log, ['open', 'ready', 'finish', 'close']);
    w.on('error', (e) => log(shape(e)));
    w.write('q', (e) => log('write cb', e && e.code));
  },
  write_enoent_dir(log) {
    const w = fs.createWriteStream(P('nodir/x'));
    watch(w, log, ['open', 'ready', 'finish', 'close']);
    w.on('error', (e) => log(shape(e)));
    w.end('q');
  },
}).then(() => fs.rmSync(dir, { recursive: true }));
