// Twin of spec/fs_options_spec.lua: fs streams' start/end validation
// (validateInteger's three messages) and their flags: an unknown flag string
// fails the open ('error' ERR_INVALID_ARG_VALUE, then 'close'), and the
// synchronous appends ('as', 'sa+') append. Scratch files in a directory of
// the twin's own; paths are printed relative to it.
// Run: node test/twins/fs/options.js
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('../duplex/common');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cstream-twin-'));
const P = (name) => path.join(dir, name);

run({
  range_checks(log) {
    fs.writeFileSync(P('f'), 'abc');
    const bad = [{ start: -1 }, { start: 'x' }, { end: -1 }, { start: 1.5 }, { end: 2 ** 53 },
      { start: 3, end: 1 }];
    for (const o of bad) {
      try { fs.createReadStream(P('f'), o).destroy(); log('ok'); } catch (e) { log(e.code, e.message); }
    }
    for (const o of [{ start: -1 }, { start: 0.5 }]) {
      try { fs.createWriteStream(P('g'), o).destroy(); log('ok'); } catch (e) { log(e.code, e.message); }
    }
  },
  arg_types(log) {
    const calls = [() => fs.createReadStream(123), () => fs.createReadStream(true),
      () => fs.createReadStream(undefined), () => fs.createReadStream(P('f'), 5),
      () => fs.createReadStream(null, { fd: 'a' }), () => fs.createReadStream(null, { fd: 1.5 }),
      () => fs.createWriteStream({}), () => fs.createReadStream(null, { fd: -1 }),
      () => fs.createReadStream(null, { fd: 2 ** 31 }), () => fs.createReadStream(null, { fd: NaN })];
    for (const f of calls) {
      try { f().destroy(); log('ok'); } catch (e) { log(e.code, e.message); }
    }
  },
  unknown_flags(log) {
    const w = fs.createWriteStream(P('h'), { flags: 'zz' });
    w.on('open', () => log('open'));
    w.on('error', (e) => log('error', e.code, e.message));
    w.on('close', () => log('close'));
  },
  sync_append(log) {
    fs.writeFileSync(P('a'), 'x');
    const w = fs.createWriteStream(P('a'), { flags: 'sa+' });
    w.end('y', () => {
      log('content', fs.readFileSync(P('a'), 'utf8'));
      const w2 = fs.createWriteStream(P('a'), { flags: 'as' });
      w2.end('z', () => log('content', fs.readFileSync(P('a'), 'utf8')));
    });
  },
}).then(() => fs.rmSync(dir, { recursive: true }));
