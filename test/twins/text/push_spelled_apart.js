// readable_text_spec.lua "push(str, enc) compares encoding names, as Node"
'use strict';
const { Readable } = require('stream');
const log = [];
let n = 0;
function done() { if (++n === 5) console.log('push_spelled_apart\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v))))) }
for (const enc of ['utf8', 'utf-8', 'UTF8']) {
  const r = new Readable({ read() {}, encoding: enc });
  r.push(Buffer.from([0xe2])); r.push('x', 'utf8'); r.push(null);
  const out = [];
  r.on('data', (c) => out.push(Buffer.from(c).toString('hex')));
  r.on('end', () => { log.push(enc + ' ' + out.join(' ')); done(); });
}
for (const enc of ['hex', 'HEX']) {
  const r = new Readable({ read() {}, encoding: enc });
  r.push('zz', 'hex'); r.push('6162', 'hex'); r.unshift('41', 'hex'); r.push(null);
  const out = [];
  r.on('data', (c) => out.push(c));
  r.on('end', () => { log.push(enc + ' ' + out.join(' ')); done(); });
}
