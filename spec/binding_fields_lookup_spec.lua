-- cstream behaviour Node's tests do not cover: the order of an instance's
-- lookup (its own fields, then properties, then the class chain) under the
-- summary of field keys __index keeps to skip the fields lookup (lcs_ud.fkeys).
-- Every key that was ever stored must still shadow the class, whatever its
-- length, bytes or type, and a field set to nil lets the class through again.
-- A string key __index has met is known from then on by its address
-- (lcs_state.kc, held so that no other object can take that address): the
-- same answers, for more keys than it holds, across collections and streams.
local cs = require("cstream")
local helper = require("spec.helper")

local function src()
  return cs.Readable.new{read = function() end}
end

describe("instance field lookup", function()
  it("a field set after creation shadows a method at once", function()
    local r = src()
    assert.equal("function", type(r.push))
    local orig = r.push
    r.push = "mine"
    assert.equal("mine", r.push)
    r.push = nil
    assert.equal(orig, r.push)
  end)

  it("long string keys, equal strings made apart, are found", function()
    local r = src()
    local k1 = string.rep("k", 60) .. "x"
    r[k1] = 1
    local k2 = string.rep("k", 30) .. string.rep("k", 30) .. "x"
    assert.equal(1, r[k2])
    assert.is_nil(r[string.rep("k", 61)])
  end)

  it("non-string keys are always looked up", function()
    local r = src()
    local t = {}
    r[1] = "one"
    r[t] = "tab"
    r[true] = "yes"
    r[2.5] = "float"
    assert.equal("one", r[1])
    assert.equal("one", r[1.0])
    assert.equal("tab", r[t])
    assert.equal("yes", r[true])
    assert.equal("float", r[2.5])
    assert.is_nil(r["1"])
  end)

  it("many fields: each key still found, the rest still reach the class", function()
    local r = src()
    for i = 1, 200 do r["f" .. i] = i end
    for i = 1, 200 do assert.equal(i, r["f" .. i]) end
    assert.equal(cs.Readable.push, r.push)
    assert.equal(0, r.readableLength)
    assert.is_nil(r.nosuchfield)
  end)

  it("the empty string and one-byte keys", function()
    local r = src()
    r[""] = "empty"
    r.a = "a"
    assert.equal("empty", r[""])
    assert.equal("a", r.a)
    assert.is_nil(r.b)
  end)

  it("a property name stays read-only and sets no field", function()
    local r = src()
    local ok, err = pcall(function() r.readableLength = 5 end)
    assert.is_false(ok)
    assert.equal("ERR_READ_ONLY_PROPERTY", err.code)
    assert.equal(0, r.readableLength)
  end)

  it("a class method added later is seen at once; a field still wins", function()
    local R = cs.Readable
    local r = src()
    assert.is_nil(r.laterMethod)
    R.laterMethod = function() return "class" end
    assert.equal("class", r:laterMethod())
    r.laterMethod = function() return "own" end
    assert.equal("own", r:laterMethod())
    R.laterMethod = nil
    assert.equal("own", r:laterMethod())
  end)
end)

describe("keys known by their address", function()
  it("a method met before, then shadowed by a field, then let through again", function()
    local a, b = src(), src()
    local read = a.read
    for _ = 1, 3 do assert.equal(read, a.read); assert.equal(read, b.read) end
    a.read = "mine"
    assert.equal("mine", a.read)
    assert.equal(read, b.read)       -- the other stream has no such field
    a.read = nil
    assert.equal(read, a.read)
  end)

  it("a property met before reads the stream's live value", function()
    local r = src()
    for i = 1, 5 do
      assert.equal((i - 1) * 3, r.readableLength)
      r:push("abc")
    end
    r:read(4)
    assert.equal(11, r.readableLength)
    assert.is_false(r.readableEnded)
  end)

  it("more keys than it holds, made, dropped, collected and made again", function()
    local r = src()
    for round = 1, 3 do
      for i = 1, 600 do r["f" .. round .. "_" .. i] = i end
      collectgarbage()
      collectgarbage()
      for i = 1, 600 do
        assert.equal(i, r["f" .. round .. "_" .. i])
        assert.is_nil(r["g" .. round .. "_" .. i])
      end
      assert.equal("function", type(r.push))
      assert.equal(0, r.readableLength)
    end
  end)

  it("a long key is looked up, not held", function()
    -- in a state of its own, where the key's entry is still empty
    local path = os.tmpname()
    local f = assert(io.open(path, "w"))
    f:write([[
      local r = require("cstream").Readable.new({ read = function() end })
      collectgarbage()
      collectgarbage()
      local before = collectgarbage("count")
      do
        local big = string.rep("k", 1000000)
        assert(r[big] == nil)
        r[big] = 1
        assert(r[big] == 1)
        r[big] = nil
        assert(r[big] == nil)
      end
      -- LuaJIT keeps string.rep's scratch buffer (1 MB here) and only
      -- halves it at each cycle: enough cycles to give it back
      for _ = 1, 8 do collectgarbage() end
      print(collectgarbage("count") < before + 100)
    ]])
    f:close()
    local out, rc = helper.sh(helper.LUA .. " " .. path .. " 2>&1")
    os.remove(path)
    assert.are.equal("true\n", out)
    assert.are.equal(0, rc)
  end)

  it("keys with a NUL byte, numbers, booleans and tables beside equal strings", function()
    local r = src()
    r["re\0ad"] = "nul"
    assert.equal("nul", r["re\0ad"])
    assert.equal("function", type(r.read))
    assert.is_nil(r["re"])
    r[4] = "four"
    r[true] = "t"
    local t = {}
    r[t] = "tab"
    for _ = 1, 2 do
      assert.equal("four", r[4])
      assert.equal("t", r[true])
      assert.equal("tab", r[t])
      assert.is_nil(r["4"])
      assert.is_nil(r["true"])
    end
  end)
end)
