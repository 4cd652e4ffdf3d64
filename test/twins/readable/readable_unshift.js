// Twin of spec/readable/readable_unshift_spec.lua
// (test-stream-readable-unshift.js): one case per `it`. A Buffer chunk is a
// Lua string (its type logged as "string", its bytes as text).
// Run: node test/twins/readable/readable_unshift.js
'use strict';
const { Readable } = require('stream');
const { runTimed, errText } = require('../duplex/common');

const cases = {
  unshift_string(log) {
    const r = new Readable({ read() {} });
    r.on('data', (c) => { log(Buffer.isBuffer(c) ? 'string' : typeof c); log(c); });
    r.unshift('abc');
  },
  front_of_pushed(log) {
    const r = new Readable({ read() {} });
    r.on('data', (c) => log(c));
    r.push('back');
    r.unshift('front');
  },
  unshift_base64(log) {
    const r = new Readable({ read() {} });
    r.on('data', (c) => log(c));
    r.unshift('YWJj', 'base64');
  },
};
for (const how of ['setEncoding', 'option']) {
  const make = () => {
    if (how === 'option') return new Readable({ read() {}, encoding: 'base64' });
    const r = new Readable({ read() {} });
    r.setEncoding('base64');
    return r;
  };
  cases['unshift_into_base64_' + how] = (log) => {
    const r = make();
    r.on('data', (c) => log(c));
    for (const enc of ['utf8', 'binary', 'hex', 'base64']) r.unshift('abc', enc);
  };
  cases['push_and_unshift_' + how] = (log) => {
    const r = make();
    r.on('data', (c) => log(c));
    r.push('abc');
    r.unshift('abc');
  };
}
Object.assign(cases, {
  // The spec checks the first two by identity; these are the last two.
  object_mode_last_two(log) {
    const r = new Readable({ objectMode: true, read() {} });
    let n = 0;
    r.on('data', (c) => { if (++n > 2) log(c); });
    for (const c of ['a', 1, {}, []]) r.unshift(c);
  },
  above_hwm_27192(log) {
    const hwm = 50;
    const items = [];
    for (let i = 0; i < hwm * 2; i++) items.push(String(i));
    const st = new Readable({ highWaterMark: hwm, read() {
      while (items.length > 0) {
        const chunk = items.shift();
        if (items.length === 0) {
          this.push(chunk);
          this.push(null);
          return;
        }
        if (!this.push(chunk)) return;
      }
    } });
    function onRead() {
      const c = st.read();
      if (c !== null) {
        log('read:' + c.length);
        st.removeListener('readable', onRead);
        st.unshift('a');
        st.on('data', (chunk) => log('data:' + chunk.length));
      }
    }
    st.once('readable', onRead);
    st.on('end', () => log('end'));
  },
  after_end(log) {
    const r = new Readable({ read() {} });
    r.on('end', () => { log('end'); r.unshift('x'); });
    r.on('error', (e) => log('error:' + errText(e)));
    r.on('close', () => log('close'));
    r.resume();
    r.push(null);
  },
  after_eof_before_end(log) {
    const r = new Readable({ read() {} });
    r.push('b');
    r.push(null);
    r.unshift('a');
    r.on('data', (c) => log(c));
    r.on('end', () => log('end'));
    r.on('error', (e) => log('error:' + errText(e)));
  },
});
runTimed(cases, 50);
