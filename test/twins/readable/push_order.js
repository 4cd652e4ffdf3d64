// Twin of spec/readable/push_order_spec.lua (test-stream-push-order.js).
// Run: node test/twins/readable/push_order.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  in_order(log) {
    const list = ['1', '2', '3', '4', '5', '6'];
    const s = new Readable({ highWaterMark: 20, encoding: 'ascii', read() {
      const one = list.shift();
      if (!one) {
        s.push(null);
      } else {
        const two = list.shift();
        s.push(one);
        s.push(two);
      }
    } });
    s.read(0);
    setImmediate(() => {
      log(s.readableLength);
      let c;
      while (null !== (c = s.read(1))) log(c);
    });
  },
}, 30);
