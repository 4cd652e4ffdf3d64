-- docs/GUIDE.md's runnable snippets: each ```lua block after a
-- `<!-- runnable -->` line runs in a child helper.LUA, in an empty directory of its
-- own, and what it prints must be the ```text block that follows it (when
-- there is one), with exit status 0 and nothing on stderr.

local helper = require("spec.helper")

local function readAll(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function shq(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- The snippets, in order: { line = n, code = "...", expected = "..." or nil }.
local function snippets(text)
  local list, lines = {}, {}
  for l in (text .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = l end
  local i = 1
  while i <= #lines do
    if lines[i]:match("^<!%-%- runnable %-%->$") then
      assert(lines[i + 1] == "```lua", "GUIDE.md:" .. i .. ": a runnable mark not before ```lua")
      local start, code = i + 1, {}
      i = i + 2
      while lines[i] ~= "```" do
        assert(i <= #lines, "GUIDE.md:" .. start .. ": unterminated block")
        code[#code + 1] = lines[i]
        i = i + 1
      end
      local item = { line = start, code = table.concat(code, "\n") .. "\n" }
      if lines[i + 1] == "```text" then
        local out = {}
        i = i + 2
        while lines[i] ~= "```" do
          assert(i <= #lines, "GUIDE.md:" .. start .. ": unterminated output block")
          out[#out + 1] = lines[i]
          i = i + 1
        end
        item.expected = table.concat(out, "\n") .. "\n"
      end
      list[#list + 1] = item
    end
    i = i + 1
  end
  return list
end

local pwd = io.popen("pwd")
local root = pwd:read("l")
pwd:close()
local env = helper.lua_env(root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;;",
  helper.CPATH(root))

local function run(code)
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir " .. shq(dir)))
  local f = assert(io.open(dir .. "/snippet.lua", "wb"))
  f:write(code)
  f:close()
  local ok, how, status = helper.execute(("cd %s && %s timeout 20 %s snippet.lua > out 2> err < /dev/null")
    :format(shq(dir), env, helper.LUA))
  local out, err = readAll(dir .. "/out"), readAll(dir .. "/err")
  os.execute("rm -rf " .. shq(dir))
  return out, err, ok and 0 or status, how
end

describe("docs/GUIDE.md", function()
  local list = snippets(readAll("docs/GUIDE.md"))

  it("has runnable snippets, each with its output", function()
    assert.is_true(#list >= 10)
    for _, s in ipairs(list) do
      assert.is_not_nil(s.expected, "GUIDE.md:" .. s.line .. " has no ```text output block")
    end
  end)

  for _, s in ipairs(list) do
    it("snippet at line " .. s.line .. " runs and prints what the guide says", function()
      local out, err, status = run(s.code)
      assert.are.equal("", err)
      assert.are.equal(0, status)
      assert.are.equal(s.expected, out)
    end)
  end
end)
