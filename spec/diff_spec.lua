-- Mismatches found by the random differential scenarios (test/diff/run), each
-- minimised to a small program and asserting the log node v20 printed for its
-- JS twin (quoted above each case; all of them in test/twins/diff/diff.js). A case names the scenario seed
-- it was found with and the Node function it exercises.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex

local finish = helper.settle
local put = helper.put
local setTimeout = helper.setTimeout

local node = twin.run("test/twins/diff/diff.js")

describe("diff: Readable.prototype.pipe cleanup (seed 40)", function()
  -- const r = new Readable({ read() {} });
  -- const w = new Writable({ write(c, e, cb) { cb(); } });
  -- w.on('error', (e) => log.push('w error ' + e.code));
  -- r.pipe(w); r.on('data', (c) => log.push('data ' + c));
  -- w.end(); r.push('a');
  -- setTimeout(() => { r.push('b'); log.push('flowing ' + r.readableFlowing); }, 5);
  -- twin: pipe_cleanup_seed40
  it("a dest errored by write-after-end does not restart the source (needDrain is false)", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    w:on("error", function(e) put(log, "w error " .. e.code) end)
    r:pipe(w)
    r:on("data", function(c) put(log, "data " .. c) end)
    w:finish()
    r:push("a")
    setTimeout(function()
      r:push("b")
      put(log, "flowing " .. tostring(r.readableFlowing))
    end, 5)
    finish()
    assert.are.same(node.pipe_cleanup_seed40, log)
  end)
end)

describe("diff: Writable clearBuffer with _writev (seed 539)", function()
  -- const w = new Writable({
  --   write(c, e, cb) { log.push('_write ' + c); setTimeout(cb, 1); },
  --   writev(cs, cb) { log.push('_writev ' + cs.map((x) => String(x.chunk)).join(',')); cb(); },
  --   final(cb) { log.push('_final'); cb(); } });
  -- w.on('finish', () => log.push('finish'));
  -- w.write('a', (e) => log.push('write-cb a ' + e)); w.write('bc'); w.write('Z'); w.end();
  -- twin: clear_buffer_writev_seed539
  it("a synchronous _writev callback does not reach _final before the pending write's callback", function()
    local log = {}
    local w = Writable.new({
      write = function(_, c, _, cb)
        put(log, "_write " .. c)
        setTimeout(cb, 1)
      end,
      writev = function(_, cs, cb)
        local t = {}
        for i, x in ipairs(cs) do t[i] = x.chunk end
        put(log, "_writev " .. table.concat(t, ","))
        cb()
      end,
      final = function(_, cb)
        put(log, "_final")
        cb()
      end,
    })
    w:on("finish", function() put(log, "finish") end)
    w:write("a", function(e) put(log, "write-cb a " .. tostring(e == nil and "null" or e)) end)
    w:write("bc")
    w:write("Z")
    w:finish()
    finish()
    assert.are.same(node.clear_buffer_writev_seed539, log)
  end)
end)

describe("diff: Readable fromList, decoder branch (seeds 7570, 8784)", function()
  -- Node 20's fromList compares n with the buffer array's length, not the
  -- chunk's (fixed upstream in nodejs/node#61884); Node 20 is the reference.
  -- const r = new Readable({ read() {} }); r.setEncoding('utf8');
  -- r.push('a'); r.push('bcdef'); r.push('gh');
  -- log.push('read(4) ' + r.read(4), 'length ' + r.readableLength);
  -- twin: from_list_decoder
  it("read(n) takes the whole chunk when the rest of n equals the array length", function()
    local r = Readable.new({ read = function() end })
    r:setEncoding("utf8")
    r:push("a")
    r:push("bcdef")
    r:push("gh")
    local log = { "read(4) " .. tostring(r:read(4)), "length " .. r.readableLength }
    assert.are.same(node.from_list_decoder, log)
  end)

  -- const r = new Readable({ read() {} }); r.setEncoding('utf8');
  -- r.push('ab'); r.push('cd'); r.push('efgh'); r.push(null);
  -- log.push('read(4) ' + r.read(4));
  -- r.on('data', (c) => log.push('data ' + c)); r.on('end', () => log.push('end'));
  -- process.on('exit', () => log.push('length ' + r.readableLength, 'ended ' + r.readableEnded));
  -- twin: from_list_exact_fit
  it("an exact fit leaves an empty chunk in front, and flowing stalls on it", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:setEncoding("utf8")
    r:push("ab")
    r:push("cd")
    r:push("efgh")
    r:push(nil)
    put(log, "read(4) " .. tostring(r:read(4)))
    r:on("data", function(c) put(log, "data " .. c) end)
    r:on("end", function() put(log, "end") end)
    finish()
    put(log, "length " .. r.readableLength, "ended " .. tostring(r.readableEnded))
    assert.are.same(node.from_list_exact_fit, log)
  end)
end)

describe("diff: pipeline from a Duplex with readable false (seeds 20306, 20332, 21112)", function()
  -- Node's pipeline finds such a Duplex not a readable Node stream but an
  -- async iterable, and pumps it (pumpToNode) instead of throwing.
  -- const d = new Duplex({ readable: false, read() {}, write(c, e, cb) { cb(); } });
  -- const w = new Writable({ write(c, e, cb) { log.push('_write ' + c); cb(); } });
  -- w.on('finish', ...); w.on('close', ...); d.on('close', ...);
  -- pipeline(d, w, (e) => log.push('pipeline-cb ' + (e ? e.code : 'null'))); log.push('returned');
  -- twin: pipeline_duplex_not_readable
  it("pumps the ended readable side into the destination and calls back without error", function()
    local log = {}
    local d = Duplex.new({ readable = false, read = function() end,
                           write = function(_, _, _, cb) cb() end })
    local w = Writable.new({ write = function(_, c, _, cb)
      put(log, "_write " .. c)
      cb()
    end })
    w:on("finish", function() put(log, "w finish") end)
    w:on("close", function() put(log, "w close") end)
    d:on("close", function() put(log, "d close") end)
    local ok, err = pcall(stream.pipeline, d, w, function(e)
      put(log, "pipeline-cb " .. (e and e.code or "null"))
    end)
    put(log, ok and "returned" or ("throw " .. tostring(type(err) == "table" and err.code or err)))
    finish()
    assert.are.same(node.pipeline_duplex_not_readable, log)
  end)
end)

describe("diff: Readable fromList with length above what is buffered (seeds 60418, 60551)", function()
  -- After the decoder branch took more than n, Node's state.length exceeds the
  -- buffered text. With the buffer empty, fromList then returns "" when
  -- n >= length (the "read it all" branch) and throws a TypeError when
  -- n < length (buf[idx] is undefined).
  -- const r = new Readable({ read() {} }); r.setEncoding('utf8');
  -- r.push('a'); r.push('bcdef'); r.push('gh');
  -- for (const n of [4, 2, 2]) log.push(`read(${n}) ${JSON.stringify(r.read(n))} ${r.readableLength}`);
  local function q(c) return c == nil and "null" or '"' .. c .. '"' end

  -- twin: from_list_above_buffered
  it("read(n) with n >= length returns an empty string and zeroes the length", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:setEncoding("utf8")
    r:push("a")
    r:push("bcdef")
    r:push("gh")
    for _, n in ipairs({ 4, 2, 2 }) do
      local c = r:read(n)
      put(log, ("read(%d) %s %d"):format(n, q(c), r.readableLength))
    end
    assert.are.same(node.from_list_above_buffered, log)
  end)

  -- ... the same pushes; for (const n of [4, 1, 1, 1]) try { r.read(n) ... }
  -- catch (e) { log.push(`read(${n}) throw ${e.name}`) }
  -- Deliberately not reproduced: Node's fromList reads buf[idx].length of a
  -- missing chunk and throws a TypeError; cstream returns nil instead of
  -- crashing the caller.  Kept as a record of the difference.
  pending("read(n) with n < length raises (Node: TypeError from fromList)", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:setEncoding("utf8")
    r:push("a")
    r:push("bcdef")
    r:push("gh")
    for _, n in ipairs({ 4, 1, 1, 1 }) do
      local ok, c = pcall(r.read, r, n)
      put(log, ok and ("read(%d) %s %d"):format(n, q(c), r.readableLength)
        or ("read(%d) throw"):format(n))
    end
    assert.are.same({ 'read(4) "abcdef" 4', 'read(1) "g" 3', 'read(1) "h" 2', "read(1) throw" }, log)
  end)
end)

describe("diff: Writable errorBuffer with a re-entrant end() (seed 80506)", function()
  -- Node's errorBuffer calls each buffered write's callback while the entry is
  -- still in the buffer (resetBuffer comes after the loop): a callback that
  -- ends a corked stream uncorks it, clearBuffer writes that same entry, and
  -- its callback runs a second time; writableLength goes below zero.
  -- const w = new Writable({ write(c, e, cb) { log.push('_write ' + c); cb(String(c) === 'a' ? E : null); } });
  -- w.on('error', (e) => log.push('error ' + e.code));
  -- w.write('a', (e) => { log.push('cb a ' + code(e)); w.cork(); });
  -- w.write('b', (e) => { log.push('cb b ' + code(e)); w.end(); });
  -- process.on('exit', () => log.push('writableLength ' + w.writableLength));
  -- Deliberately not reproduced: in Node the same write's callback runs twice
  -- and writableLength goes negative; cstream removes each entry before
  -- calling its callback.  Kept as a record of the difference.
  pending("a buffered write's callback that calls end() sees its write done again", function()
    local log = {}
    local E = helper.E("boom")
    E.code = "EWRITE"
    local w
    w = Writable.new({ write = function(_, c, _, cb)
      put(log, "_write " .. c)
      cb(c == "a" and E or nil)
    end })
    w:on("error", function(e) put(log, "error " .. e.code) end)
    w:write("a", function(e)
      put(log, "cb a " .. (e and e.code or "null"))
      w:cork()
    end)
    w:write("b", function(e)
      put(log, "cb b " .. (e and e.code or "null"))
      w:finish()
    end)
    finish()
    put(log, "writableLength " .. w.writableLength)
    assert.are.same({ "_write a", "cb a EWRITE", "cb b EWRITE", "_write b", "cb b null",
                      "error EWRITE", "writableLength -1" }, log)
  end)
end)

describe("diff: Readable.prototype.pipe writes Buffers (seeds 120525, 121001)", function()
  -- The 'data' chunk of a byte-mode source without a decoder is a Buffer in
  -- Node, so dest.write(chunk) ignores the dest's default encoding and a
  -- dest with decodeStrings false gets 'buffer'; cstream wrote it as a string.
  -- const r = new Readable({ read() {} });
  -- const w = new Writable({ write(c, e, cb) { log.push('_write ' + c + ' ' + e); cb(); } });
  -- const w2 = new Writable({ decodeStrings: false, write(c, e, cb) { log.push('w2 _write ' + c + ' ' + e); cb(); } });
  -- w.setDefaultEncoding('hex'); r.pipe(w); r.pipe(w2); r.push('Z'); r.push('abc');
  -- twin: pipe_writes_buffers
  it("forwards bytes as 'buffer', whatever the dest's default encoding", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    local w = Writable.new({ write = function(_, c, e, cb)
      put(log, "_write " .. c .. " " .. e)
      cb()
    end })
    local w2 = Writable.new({ decodeStrings = false, write = function(_, c, e, cb)
      put(log, "w2 _write " .. c .. " " .. e)
      cb()
    end })
    w:setDefaultEncoding("hex")
    r:pipe(w)
    r:pipe(w2)
    r:push("Z")
    r:push("abc")
    finish()
    assert.are.same(node.pipe_writes_buffers, log)
  end)
end)

describe("diff: Readable.prototype.setEncoding with an empty buffer (seeds 91078, 92908)", function()
  -- Node's setEncoding sets state.length to the length of the re-decoded
  -- content, so a length left above an empty buffer (the decoder overshoot
  -- above) goes back to 0.
  -- const r = new Readable({ read() {} }); r.setEncoding('utf8');
  -- r.push('a'); r.push('bcdef'); r.push('gh');
  -- log.push(r.read(4), r.readableLength, r.read(2), r.readableLength);
  -- r.setEncoding('hex'); log.push(r.readableLength);
  -- twin: set_encoding_empty_buffer
  it("sets readableLength to what is buffered, 0 here", function()
    local r = Readable.new({ read = function() end })
    r:setEncoding("utf8")
    r:push("a")
    r:push("bcdef")
    r:push("gh")
    local log = {}
    put(log, r:read(4), r.readableLength, r:read(2), r.readableLength)
    r:setEncoding("hex")
    put(log, r.readableLength)
    assert.are.same(node.set_encoding_empty_buffer, twin.strings(log))
  end)
end)
