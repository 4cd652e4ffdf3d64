#!/usr/bin/env python3
"""Random differential scenarios for Duplex.from and duplexPair, in Node and
in cstream (the same prelude, log format and comparison as test/diff/run).

  test/diff/duplexify.py              N=200 scenarios from seed START (default 1)
  SEED=42 test/diff/duplexify.py      replay one seed and print both logs' diff
  JOBS=2, OUT=/tmp/dupscen, QUIET=1 as test/diff/run.

A scenario builds one Duplex: Duplex.from of a { readable, writable } pair, a
Readable, a Writable, a generator stage (a function returning a coroutine.wrap
over source:iter(); Node: an async generator function), a waiting sink (Node:
an async function), an array or a string; or one side of duplexPair. It then
writes, ends, reads ('data', a 'readable' loop or a pipe), and may destroy, at
random points in ticks and timers. Not part of `make test`.
"""
import concurrent.futures
import difflib
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen  # noqa: E402

OUT = os.environ.get("OUT", "/tmp/dupscen")
ENV = dict(os.environ, LUA_PATH_5_4="./lua/?.lua;./lua/?/init.lua;;", LUA_CPATH_5_4="./?.so;;")
ITEMS = ["a", "bc", "def", "Z", "xyz"]
MODES = ["sync", "tick", "later"]
BODIES = ["pair", "pair", "readable", "writable", "gen", "gen", "sink", "array", "string",
          "duplexPair"]


class Scen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.js, self.lua = [], []

    def pick(self, xs):
        return self.rng.choice(xs)

    def chance(self, p):
        return self.rng.random() < p

    def both(self, js, lua):
        self.js.append(js)
        self.lua.append(lua)

    def later(self, mode, js, lua):
        """js/lua run now, on the next tick, or from a later() timer."""
        if mode == "sync":
            self.both(js, lua)
        elif mode == "tick":
            self.both("process.nextTick(() => { %s });" % js,
                      "stream.nextTick(function() %s end)" % lua)
        else:
            self.both("later(() => { %s });" % js, "later(function() %s end)" % lua)

    def watch(self, sid, events):
        for ev in events:
            if ev == "data":
                self.both("%s.on('data', (c) => L('%s data', V(c)));" % (sid, sid),
                          "%s:on('data', function(c) L('%s data', V(c)) end)" % (sid, sid))
            elif ev == "error":
                self.both("%s.on('error', (e) => L('%s error', EC(e)));" % (sid, sid),
                          "%s:on('error', function(e) L('%s error', EC(e)) end)" % (sid, sid))
            else:
                self.both("%s.on('%s', () => L('%s %s'));" % (sid, ev, sid, ev),
                          "%s:on('%s', function() L('%s %s') end)" % (sid, ev, sid, ev))

    def cbcode(self, mode, js, lua):
        if mode == "sync":
            return js, lua
        if mode == "tick":
            return ("process.nextTick(() => { %s });" % js,
                    "stream.nextTick(function() %s end)" % lua)
        return "later(() => { %s });" % js, "later(function() %s end)" % lua

    def inner_readable(self, sid, om):
        items = [self.pick(ITEMS) for _ in range(self.rng.randint(0, 4))]
        mode = self.pick(MODES)
        err_at = self.rng.randint(1, 3) if self.chance(0.1) else None
        hwm = self.pick([1, 2, 16])
        js_items = "[%s]" % ", ".join(gen.js_str(x) for x in items)
        lua_items = "{%s}" % ", ".join(gen.lua_str(x) for x in items)
        jerr = ("if (%s_n === %d) { L('%s read-error'); %s.destroy(E('EREAD')); return; } " %
                (sid, err_at - 1, sid, sid)) if err_at else ""
        lerr = ("if %s_n == %d then L('%s read-error'); %s:destroy(E('EREAD')); return end " %
                (sid, err_at - 1, sid, sid)) if err_at else ""
        jstep = ("%sif (%s_n < %s_items.length) { const c = %s_items[%s_n++]; L('%s push', V(c), %s.push(c)); }"
                 " else if (%s_n++ === %s_items.length) { L('%s push null', %s.push(null)); }"
                 % (jerr, sid, sid, sid, sid, sid, sid, sid, sid, sid, sid))
        lstep = ("%sif %s_n < #%s_items then %s_n = %s_n + 1; local c = %s_items[%s_n]; L('%s push', V(c), %s:push(c))"
                 " elseif %s_n == #%s_items then %s_n = %s_n + 1; L('%s push null', %s:push(nil)) end"
                 % (lerr, sid, sid, sid, sid, sid, sid, sid, sid, sid, sid, sid, sid, sid, sid))
        j, l = self.cbcode(mode, jstep, lstep)
        self.both("const %s_items = %s; let %s_n = 0;" % (sid, js_items, sid),
                  "local %s_items = %s; local %s_n = 0" % (sid, lua_items, sid))
        self.both("const %s = new stream.Readable({ objectMode: %s, highWaterMark: %d, read() { L('%s _read'); %s } });"
                  % (sid, "true" if om else "false", hwm, sid, j),
                  "%s = stream.Readable.new({ objectMode = %s, highWaterMark = %d, read = function() L('%s _read'); %s end })"
                  % (sid, "true" if om else "false", hwm, sid, l))
        self.both("names.set(%s, '%s');" % (sid, sid), "names[%s] = '%s'" % (sid, sid))
        self.watch(sid, ["end", "close", "error"])

    def inner_writable(self, sid, om):
        mode = self.pick(MODES)
        hwm = self.pick([1, 3, 16])
        err_at = self.rng.randint(1, 3) if self.chance(0.1) else None
        jcb = "cb(%s);" % ("k === %d ? E('EWRITE') : null" % err_at if err_at else "")
        lcb = "cb(%s)" % ("k == %d and E('EWRITE') or nil" % err_at if err_at else "")
        j, l = self.cbcode(mode, jcb, lcb)
        self.both("let %s_k = 0;" % sid, "local %s_k = 0" % sid)
        self.both("const %s = new stream.Writable({ objectMode: %s, highWaterMark: %d, write(c, e, cb) { const k = ++%s_k; L('%s _write', V(c)); %s } });"
                  % (sid, "true" if om else "false", hwm, sid, sid, j),
                  "%s = stream.Writable.new({ objectMode = %s, highWaterMark = %d, write = function(_, c, e, cb) %s_k = %s_k + 1; local k = %s_k; L('%s _write', V(c)); %s end })"
                  % (sid, "true" if om else "false", hwm, sid, sid, sid, sid, l))
        self.both("names.set(%s, '%s');" % (sid, sid), "names[%s] = '%s'" % (sid, sid))
        self.watch(sid, ["finish", "close", "error"])

    def body(self):
        b = self.pick(BODIES)
        self.both("// body " + b, "-- body " + b)
        if b == "pair":
            has_r = self.chance(0.8)
            has_w = not has_r or self.chance(0.7)
            parts_js, parts_lua = [], []
            if has_r:
                self.inner_readable("r", self.chance(0.3))
                parts_js.append("readable: r")
                parts_lua.append("readable = r")
            if has_w:
                self.inner_writable("w", self.chance(0.3))
                parts_js.append("writable: w")
                parts_lua.append("writable = w")
            self.both("const d = stream.Duplex.from({ %s });" % ", ".join(parts_js),
                      "d = stream.Duplex.from({ %s })" % ", ".join(parts_lua))
        elif b == "readable":
            self.inner_readable("r", self.chance(0.3))
            self.both("const d = stream.Duplex.from(r);", "d = stream.Duplex.from(r)")
        elif b == "writable":
            self.inner_writable("w", self.chance(0.3))
            self.both("const d = stream.Duplex.from(w);", "d = stream.Duplex.from(w)")
        elif b == "gen":
            per = self.pick([0, 1, 1, 2])
            tail = self.chance(0.4)
            jy = "".join("yield c + '%d'; " % i for i in range(per))
            ly = "".join("coroutine.yield(c .. '%d') " % i for i in range(per))
            self.both("const d = stream.Duplex.from(async function* (source) { for await (const c of source) { L('stage got', V(c)); %s} %s});"
                      % (jy, "yield 'tail'; " if tail else ""),
                      "d = stream.Duplex.from(function(source) return coroutine.wrap(function() for c in source:iter() do L('stage got', V(c)) %s end %s end) end)"
                      % (ly, "coroutine.yield('tail')" if tail else ""))
        elif b == "sink":
            ret = self.chance(0.15)
            self.both("const d = stream.Duplex.from(async function (source) { for await (const c of source) L('sink got', V(c)); L('sink done'); %s });"
                      % ("return 1;" if ret else ""),
                      "d = stream.Duplex.from(function(source) for c in source:iter() do L('sink got', V(c)) end L('sink done') %s end)"
                      % ("return 1" if ret else ""))
        elif b == "array":
            items = [self.pick(ITEMS) for _ in range(self.rng.randint(0, 4))]
            self.both("const d = stream.Duplex.from([%s]);" % ", ".join(gen.js_str(x) for x in items),
                      "d = stream.Duplex.from({%s})" % ", ".join(gen.lua_str(x) for x in items))
        elif b == "string":
            self.both("const d = stream.Duplex.from('str');", "d = stream.Duplex.from('str')")
        else:
            hwm = self.pick([1, 2, 16])
            self.both("const [d, o] = stream.duplexPair({ highWaterMark: %d });" % hwm,
                      "d, o = stream.duplexPair({ highWaterMark = %d })" % hwm)
            self.both("names.set(o, 'o');", "names[o] = 'o'")
            self.watch("o", ["data", "end", "finish", "close", "error"])
            if self.chance(0.5):
                self.later(self.pick(MODES), "T(() => L('o write', o.write('back')));",
                           "T(function() L('o write', o:write('back')) end)")
            if self.chance(0.5):
                self.later(self.pick(MODES), "T(() => o.end());", "T(function() o:finish() end)")
        self.both("names.set(d, 'd');", "names[d] = 'd'")
        self.both("L('d sides', d.readable, d.writable);", "L('d sides', d.readable, d.writable)")

    def consumer(self):
        c = self.pick(["data", "data", "readable", "pipe", "none"])
        if c == "data":
            self.watch("d", ["data"])
        elif c == "readable":
            self.both("d.on('readable', () => { let c; while ((c = d.read()) !== null) L('d read', V(c)); });",
                      "d:on('readable', function() while true do local c = d:read(); if c == nil then break end; L('d read', V(c)) end end)")
        elif c == "pipe":
            self.inner_writable("s", True)
            self.both("T(() => d.pipe(s));", "T(function() d:pipe(s) end)")

    def actions(self):
        n = self.rng.randint(0, 4)
        for i in range(n):
            x = self.pick(ITEMS)
            self.later(self.pick(["sync", "sync", "tick", "later"]),
                       "T(() => L('d write %s', d.write(%s, (e) => L('d write-cb %s', EC(e)))));" % (x, gen.js_str(x), x),
                       "T(function() L('d write %s', d:write(%s, function(e) L('d write-cb %s', EC(e)) end)) end)" % (x, gen.lua_str(x), x))
        if self.chance(0.7):
            self.later(self.pick(["sync", "tick", "later"]),
                       "T(() => d.end(() => L('d end-cb')));",
                       "T(function() d:finish(function() L('d end-cb') end) end)")
        if self.chance(0.2):
            err = self.chance(0.5)
            self.later(self.pick(["sync", "tick", "later"]),
                       "T(() => d.destroy(%s));" % ("E('EDESTROY')" if err else ""),
                       "T(function() d:destroy(%s) end)" % ("E('EDESTROY')" if err else ""))

    def build(self):
        self.body()
        self.watch("d", ["end", "finish", "prefinish", "close", "error", "drain"])
        self.consumer()
        self.actions()
        end_js = ("process.on('exit', () => L('END d', 'readable=' + d.readable, 'writable=' + d.writable, "
                  "'destroyed=' + d.destroyed, 'readableEnded=' + d.readableEnded, "
                  "'writableFinished=' + d.writableFinished, 'errored=' + EC(d.errored)));")
        end_lua = ("local function fin() L('END d', 'readable=' .. tostring(d.readable), 'writable=' .. tostring(d.writable), "
                   "'destroyed=' .. tostring(d.destroyed), 'readableEnded=' .. tostring(d.readableEnded), "
                   "'writableFinished=' .. tostring(d.writableFinished), 'errored=' .. EC(d.errored)) end")
        js = gen.JS_PRELUDE + "\n".join(self.js) + "\n" + end_js + "\n"
        lua = gen.LUA_PRELUDE + "local r, w, s, d, o\n" + "\n".join(self.lua) + "\n" + end_lua + "\nuv.run()\ntimer:close()\nuv.run()\nfin()\n"
        return js, lua


def run1(cmd, path):
    try:
        p = subprocess.run(cmd + [path], cwd=os.environ.get("TREE", ROOT), env=ENV,
                           capture_output=True, timeout=5)
        out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
        err = p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out, rc, err = (e.stdout or b"").decode("utf-8", "replace"), "TIMEOUT", ""
    if rc not in (0, "TIMEOUT"):
        rc = "failed"
    return out + "EXIT %s\n" % rc, err


def known(jo, lo):
    """The declared difference (docs/API.md): destroying a stage that waits
    for input, Node never emits 'error'/'close'; cstream does."""
    changed = [l for l in difflib.ndiff(jo.splitlines(), lo.splitlines()) if l[:2] in ("+ ", "- ")]
    return bool(changed) and all(l.startswith("+ d error ") or l.startswith("+ d close")
                                 for l in changed)


def one(seed):
    js, lua = Scen(seed).build()
    d = os.path.join(OUT, str(seed))
    os.makedirs(d, exist_ok=True)
    jp, lp = os.path.join(d, "s.js"), os.path.join(d, "s.lua")
    with open(jp, "w") as f:
        f.write(js)
    with open(lp, "w") as f:
        f.write(lua)
    jo, je = run1(["node"], jp)
    lo, le = run1(["lua5.4"], lp)
    return seed, jo, lo, jp, lp, je, le


def main():
    if os.environ.get("SEED"):
        seed, jo, lo, jp, lp, je, le = one(int(os.environ["SEED"]))
        print("same" if jo == lo else "".join(difflib.unified_diff(
            jo.splitlines(True), lo.splitlines(True), "node " + jp, "cstream " + lp)))
        if le:
            print(le)
        return
    n, start = int(os.environ.get("N", 200)), int(os.environ.get("START", 1))
    bad, nknown = [], 0
    with concurrent.futures.ThreadPoolExecutor(int(os.environ.get("JOBS", 1))) as ex:
        for seed, jo, lo, jp, lp, je, le in ex.map(one, range(start, start + n)):
            if jo == lo:
                continue
            if known(jo, lo):
                nknown += 1
                print("MISMATCH seed %d  [known: generator-close-hang]" % seed)
                continue
            bad.append(seed)
            print("MISMATCH seed %d" % seed)
            if not os.environ.get("QUIET"):
                print("".join(difflib.unified_diff(jo.splitlines(True), lo.splitlines(True),
                                                   "node " + jp, "cstream " + lp)))
    print("%d scenarios, %d known differences, %d mismatches: %s"
          % (n, nknown, len(bad), " ".join(map(str, bad))))


if __name__ == "__main__":
    main()
