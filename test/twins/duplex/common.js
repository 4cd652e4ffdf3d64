// Shared by the twins in this directory: each twin is a table of named
// cases run one after another; a case gets log(entry) and returns (or
// resolves) once it has set things up. After each case the loop runs for
// a while, then the twin prints `name<TAB>JSON array of entries`, the
// sequence its busted spec (spec/*_spec.lua) asserts for cstream.
'use strict';
const { Writable } = require('stream');
const { EventEmitter } = require('events');

const errText = (e) => (e == null ? 'nil' : e.code || e.message || String(e));

// Logs the named events of s: 'data' as data:<chunk>, 'error' as
// error:<code or message>, others by name.
function watch(s, log, names) {
  for (const ev of names) {
    if (ev === 'data') s.on('data', (c) => log('data:' + String(c)));
    else if (ev === 'error') s.on('error', (e) => log('error:' + errText(e)));
    else s.on(ev, () => log(ev));
  }
  return s;
}

const later = (ms) => new Promise((r) => setTimeout(r, ms));

async function run(cases) {
  const only = process.argv[2];
  for (const [name, fn] of Object.entries(cases)) {
    if (only && name !== only) continue;
    const entries = [];
    const log = (...a) => entries.push(a.map(String).join(' '));
    await fn(log);
    await later(30);
    console.log(name + '\t' + JSON.stringify(entries));
  }
}

// As run, but each case starts from a timer's callback, outside any tick and
// promise chain, as a busted spec body starts (so that nextTick against
// microtask orders come out as the spec sees them); ms: how long the loop
// runs after each case (default 30).
function runTimed(cases, ms) {
  const only = process.argv[2];
  const names = Object.keys(cases).filter((n) => !only || n === only);
  (function next(i) {
    if (i === names.length) return;
    const entries = [];
    const log = (...a) => entries.push(a.map(String).join(' '));
    setTimeout(() => {
      cases[names[i]](log);
      setTimeout(() => {
        console.log(names[i] + '\t' + JSON.stringify(entries));
        next(i + 1);
      }, ms || 30);
    }, 1);
  })(0);
}

// test-stream3-cork-end.js and -cork-uncork.js, one body: writes a chunk,
// corks, writes four more a setImmediate apart, then ends (useEnd) or
// uncorks, logging what the Writable did and holds at each step.
const corkTest = (useEnd) => (log) => {
  let seenEnd = false;
  const w = new Writable();
  w._write = (chunk, encoding, cb) => { log('write:' + chunk + '/' + encoding + (seenEnd ? ' AFTER-FINISH' : '')); cb(); };
  w.on('finish', () => { seenEnd = true; log('finish'); });
  log('ret=' + w.write('stuff'));
  w.cork();
  log('corked');
  const input = ['please', 'buffer', 'me', 'kindly'];
  const nextChunk = () => {
    const c = input.shift();
    if (c) {
      setImmediate(() => { log('ret=' + w.write(c)); nextChunk(); });
    } else {
      log('len=' + w.writableLength);
      if (useEnd) w.end(); else w.uncork();
      log(`after ${useEnd ? 'end' : 'uncork'} len=${w.writableLength} corked=${w.writableCorked}`);
      setImmediate(() => log('imm seenEnd=' + seenEnd));
    }
  };
  nextChunk();
};

// _readableState.awaitDrainWriters of src, as the await-drain twins print
// it: null, w (when it is the destination w) or setN (a SafeSet of N).
const AW = (src, w) => {
  const a = src._readableState.awaitDrainWriters;
  if (a == null) return 'null';
  if (a === w) return 'w';
  if (typeof a.size === 'number') return 'set' + a.size; // a SafeSet
  return '?';
};

// A classic (pre-streams2) stream: an emitter with advisory pause/resume.
const oldStream = (onPause, onResume) => {
  const old = new EventEmitter();
  old.pause = () => { if (onPause) onPause(); };
  old.resume = () => { if (onResume) onResume(); };
  return old;
};

// As runTimed (no case filter), but a case gets the log array itself and
// pushes entries as they are; they print through String. ms: how long the
// loop runs after each case, or a function of the case's name giving it.
function runTimedArray(cases, ms) {
  const names = Object.keys(cases);
  (function next(i) {
    if (i === names.length) return;
    const log = [];
    setTimeout(() => {
      cases[names[i]](log);
      setTimeout(() => {
        console.log(names[i] + '\t' + JSON.stringify(log.map(String)));
        next(i + 1);
      }, typeof ms === 'function' ? ms(names[i]) : ms);
    }, 1);
  })(0);
}

// Logs the named events of s: 'error' as error:<code or message>, others
// (none of them 'data') by name.
const on = (s, log, ...names) => {
  for (const n of names) {
    if (n === 'error') s.on('error', (e) => log('error:' + errText(e)));
    else s.on(n, () => log(n));
  }
};
const writeOk = (c, e, cb) => cb();

// The zlib twins' recorder (spec.helper's record_sizes): 'data' as
// data:<length>, 'error' as error:<code>:<errno>:<message> (a missing errno
// as nil, as Lua prints it). Returns a promise settled a little after s's
// 'close', which the case returns, so that a slow threadpool cannot cut it short.
const recordSizes = (s, log) => {
  const closed = new Promise((resolve) => s.on('close', () => setTimeout(resolve, 20)));
  for (const name of ['data', 'end', 'finish', 'close', 'error']) {
    s.on(name, (a) => {
      if (name === 'data') log('data:' + a.length);
      else if (name === 'error') log('error:' + a.code + ':' + (a.errno === undefined ? 'nil' : a.errno) + ':' + a.message);
      else log(name);
    });
  }
  return closed;
};

module.exports = {
  errText, watch, on, writeOk, later, run, runTimed, runTimedArray, corkTest, AW, oldStream, recordSizes,
};
