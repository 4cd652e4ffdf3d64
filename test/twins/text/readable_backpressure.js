// readable_text_spec.lua "backpressure on text is Node's, chunk for chunk"
'use strict';
const { Readable } = require('stream');
const log = [];
let pushes = 0;
const r = new Readable({
  highWaterMark: 3, encoding: 'utf8',
  read(n) {
    log.push('_read ' + n + ' ' + this.readableLength);
    setImmediate(() => {
      if (++pushes > 4) { this.push(null); return; }
      const ok = this.push(Buffer.from(pushes % 2 ? '€€' : 'aé中'));
      log.push('push ' + ok + ' ' + this.readableLength);
    });
  },
});
r.on('readable', () => {
  let c;
  while ((c = r.read(1)) !== null) log.push('read ' + Buffer.from(c).toString('hex') + ' ' + r.readableLength);
  log.push('null ' + r.readableLength);
});
r.on('end', () => { log.push('end'); console.log('readable_backpressure\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v))))); });
