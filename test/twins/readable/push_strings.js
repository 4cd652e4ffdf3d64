// Twin of spec/readable/push_strings_spec.lua (test-stream-push-strings.js):
// the program run twice, for the 'end' log and for the chunks read.
// Run: node test/twins/readable/push_strings.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

class MyStream extends Readable {
  constructor(options) { super(options); this._chunks = 3; }
  _read(n) {
    switch (this._chunks--) {
      case 0: return this.push(null);
      case 1: return setTimeout(() => this.push('last chunk'), 100);
      case 2: return this.push('second to last chunk');
      case 3: return process.nextTick(() => this.push('first chunk'));
      default: throw new Error('?');
    }
  }
}
const program = (log, results) => {
  const ms = new MyStream();
  ms.on('readable', () => {
    let c;
    while (null !== (c = ms.read())) results(String(c));
  });
  ms.on('end', () => { log('end'); log(ms._chunks); });
};
runTimed({
  end(log) { program(log, () => {}); },
  results(log) { program(() => {}, log); },
}, 200);
