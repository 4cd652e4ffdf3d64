// readable_text_spec.lua "Writable: 'drain' comes chunk for chunk as in Node"
'use strict';
const { Writable } = require('stream');
const log = [];
const w = new Writable({ decodeStrings: false, highWaterMark: 2,
  write(c, e, cb) { setImmediate(cb); } });
w.on('drain', () => log.push('drain'));
const words = ['é', 'é', '😀', 'ab', '中'];
let i = 0;
function next() {
  if (i === words.length) { w.end(() => { log.push('finished'); console.log('writable_drain\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v))))); }); return; }
  const word = words[i++];
  const ok = w.write(word);
  log.push(word + ' ' + ok + ' ' + w.writableLength);
  if (ok) next(); else w.once('drain', next);
}
next();
