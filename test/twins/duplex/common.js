// Shared by the twins in this directory: each twin is a table of named
// cases run one after another; a case gets log(entry) and returns (or
// resolves) once it has set things up. After each case the loop runs for
// a while, then the twin prints `name<TAB>JSON array of entries`, the
// sequence its busted spec (spec/*_spec.lua) asserts for cstream.
'use strict';

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

module.exports = { errText, watch, later, run };
