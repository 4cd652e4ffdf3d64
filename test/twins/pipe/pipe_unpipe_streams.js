// Twin of spec/pipe/pipe_unpipe_streams_spec.lua
// (test-stream-pipe-unpipe-streams.js, the pipes' state as listener counts):
// one case per `it`. Run: node test/twins/pipe/pipe_unpipe_streams.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

const DST = ['close', 'finish', 'drain', 'error', 'unpipe'];
const LC = (st, names) => names.map((n) => st.listenerCount(n)).join(',');
const noop = () => {};
runTimed({
  reverse_order(log) {
    const source = new Readable({ read: noop });
    const dest1 = new Writable({ write: noop });
    const dest2 = new Writable({ write: noop });
    source.pipe(dest1);
    source.pipe(dest2);
    dest1.on('unpipe', () => log('unpipe1'));
    dest2.on('unpipe', () => log('unpipe2'));
    log(source.listenerCount('data'));
    source.unpipe(dest2);
    log(source.listenerCount('data'));
    source.unpipe(dest2);
    source.unpipe(dest1);
    log(source.listenerCount('data'));
    log(source.readableFlowing);
  },
  unpipe_all(log) {
    const source = new Readable({ read: noop });
    const dest1 = new Writable({ write: noop });
    const dest2 = new Writable({ write: noop });
    let destCount = 0;
    const check = (d, id) => {
      destCount++;
      source.pipe(d);
      const unpipeChecker = () => {
        log('unpipe' + id + ':' + d.listenerCount('unpipe'));
        d.removeListener('unpipe', unpipeChecker);
        log(LC(d, DST));
        if (--destCount === 0) log('src:' + LC(source, ['end', 'data']) + ':' + source.readableFlowing);
      };
      d.on('unpipe', unpipeChecker);
    };
    check(dest1, 1);
    check(dest2, 2);
    source.unpipe();
  },
  destroy_source(log) {
    const src = new Readable({ read: noop });
    const dest = new Writable({ write: noop });
    src.pipe(dest);
    src.on('close', () => log('close:' + src.listenerCount('end') + ':' + src.listenerCount('data')));
    src.destroy();
  },
}, 30);
