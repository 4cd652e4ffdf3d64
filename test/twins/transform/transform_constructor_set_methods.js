// Twin of spec/transform/transform_constructor_set_methods_spec.lua (after
// Node's test/parallel/test-stream-transform-constructor-set-methods.js); the
// case without _transform is a declared difference and stays in the spec.
// Prints `case<TAB>JSON array`; the case starts from a timer.
'use strict';
const { Transform } = require('stream');
const { runTimed } = require('../duplex/common.js');

runTimed({
  options_become_methods(log) {
    const _transform = (c, e, n) => { log('_transform'); n(); };
    const _flush = (n) => { log('_flush'); n(); };
    const t = new Transform({ transform: _transform, flush: _flush });
    t.end(Buffer.from('blerg'));
    t.resume();
    log(t._transform === _transform); log(t._flush === _flush);
    t.on('end', () => log('end'));
  },
});
