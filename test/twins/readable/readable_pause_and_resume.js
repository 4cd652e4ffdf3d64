// Twin of spec/readable/readable_pause_and_resume_spec.lua
// (test-stream-readable-pause-and-resume.js): one case per `it`.
// Run: node test/twins/readable/readable_pause_and_resume.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  no_data_while_paused(log) {
    let ticks = 18, expectedData = 19, dataCalls = 0;
    const rs = new Readable({ objectMode: true, read() {
      if (ticks-- > 0) return process.nextTick(() => rs.push({}));
      rs.push({});
      rs.push(null);
    } });
    rs.on('end', () => { log('end'); log(dataCalls); });
    function readAndPause() {
      let calls = 0;
      const ondata = () => {
        calls++;
        dataCalls++;
        if (calls > 1) log('extra');
        rs.pause();
        expectedData--;
        if (expectedData <= 0) return;
        setImmediate(() => {
          rs.removeListener('data', ondata);
          readAndPause();
          rs.resume();
        });
      };
      rs.on('data', ondata);
    }
    readAndPause();
  },
  pause_in_data(log) {
    const r = new Readable({ read() {} });
    r.push('a');
    r.push('b');
    r.on('data', (d) => {
      log('data:' + d); log(r.isPaused());
      r.pause();
      setImmediate(() => { log('imm'); r.resume(); });
    });
    r.on('pause', () => log('pause'));
    r.on('resume', () => log('resume'));
    setTimeout(() => r.push(null), 20);
    r.on('end', () => log('end'));
  },
}, 100);
