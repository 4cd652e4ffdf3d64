// The codes Node gives for a bad encoding argument (spec/binding_args_spec.lua).
const { Readable, Writable } = require('stream');
const r = new Readable({ read() {} });
const w = new Writable({ write(c, e, cb) { cb(); } });
const cases = [
  ['push', () => r.push('x', 'bogus')],
  ['unshift', () => r.unshift('x', 'bogus')],
  ['setEncoding', () => r.setEncoding('bogus')],
  ['write', () => w.write('x', 'bogus')],
  ['end', () => new Writable({ write(c, e, cb) { cb(); } }).end('x', 'bogus')],
  ['setDefaultEncoding', () => w.setDefaultEncoding('bogus')],
  ['new Readable', () => new Readable({ encoding: 'bogus' })],
];
for (const [name, f] of cases) {
  try { f(); console.log(name, 'ok'); } catch (e) { console.log(name, e.code); }
}
