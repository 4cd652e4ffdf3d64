// Twin of spec/events/stream_shape_mode_beyond_node_spec.lua: Node 20's
// streams fill _events with fixed keys in their constructors (kShapeMode),
// so removing a name's only listener keeps its key and emits no
// 'removeListener'; eventNames() lists keys in _events' order.
// Run: node test/twins/events/stream_shape_mode.js
'use strict';
const { Readable, Writable, Duplex, finished } = require('stream');
const { EventEmitter } = require('events');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map(String)));
const f = () => {};
const g = () => {};
const heard = (e, log) => e.on('removeListener', (name) => log.push('-' + name));
const names = (e) => e.eventNames().join(',');
{
  const log = [];
  const r = new Readable({ read() {} });
  r.on('foo', f); r.on('end', f); r.on('close', f); r.on('data', f);
  log.push(names(r));
  r.off('close', f); log.push(names(r));
  r.on('close', g); log.push(names(r));
  r.off('foo', f); r.on('bar', f); r.on('foo', f); log.push(names(r));
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.on('x', f); w.on('drain', f); w.on('error', f); log.push(names(w));
  const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  d.on('x', f); d.on('readable', f); d.on('finish', f); d.on('data', f); log.push(names(d));
  out('event_names', log);
}
{
  const log = [];
  const r = new Readable({ read() {} });
  heard(r, log);
  r.on('foo', f); r.on('foo', g); r.on('bar', f);
  r.off('foo', g); log.push('a');
  r.off('foo', f); log.push('b');
  r.off('bar', f); log.push('c');
  r.once('baz', f); r.emit('baz'); log.push('d');
  r.on('q', f); r.on('q', g); r.removeAllListeners('q'); log.push('e');
  log.push(names(r));
  out('lone_removal', log);
}
{
  const log = [];
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  heard(r, log); heard(w, log);
  r.pipe(w);
  r.unpipe(w);
  log.push('unpiped');
  const c = finished(w, f);
  c();
  out('pipe_and_finished', log);
}
{
  const log = [];
  const r = new Readable({ read() {} });
  r.on('foo', f); r.on('x', f);
  r.removeAllListeners('foo');
  log.push(names(r));
  heard(r, log);
  r.on('bar', f); r.off('bar', f); log.push('after');
  r.on('close', f); r.on('foo', f); log.push(names(r));
  out('left_by_remove_all_name', log);
}
{
  const log = [];
  const r = new Readable({ read() {} });
  r.removeAllListeners('zzz');
  r.on('x', f); r.on('close', f);
  log.push(names(r));
  heard(r, log);
  r.on('bar', f); r.off('bar', f); log.push('after');
  out('left_without_listeners', log);
}
{
  const log = [];
  const r = new Readable({ read() {} });
  r.on('close', f); r.on('foo', f); r.on('foo', g);
  heard(r, log);
  r.removeAllListeners();
  log.push('names ' + names(r));
  r.on('x', f); r.on('close', f); log.push(names(r));
  heard(r, log);
  r.off('x', f); log.push('after');
  out('left_by_remove_all', log);
}
{
  const log = [];
  const r = new Readable({ read() {} });
  heard(r, log);
  r.on('foo', f); r.on('foo', g); r.on('bar', f);
  r.removeAllListeners('foo'); log.push('a');
  r.off('bar', f); log.push('b');
  out('kept_by_remove_all_heard', log);
}
{
  const log = [];
  const e = new EventEmitter();
  heard(e, log);
  e.on('foo', f); e.off('foo', f);
  e.once('x', f); e.emit('x');
  e.on('a', f); e.on('b', f); e.off('a', f); e.on('a', f);
  log.push(e.eventNames().join(','));
  out('plain_emitter', log);
}
