-- mk/rockspec.lua MODE ROCKSPEC 'C SOURCES' 'LUA MODULES'
-- The rockspec names its files one by one (no globs in rockspecs); this keeps
-- its two lists (C sources, Lua modules) equal to what is in the tree.
--   check   exit 1, naming the differences, when the lists differ from the tree
--   update  rewrite the lists between their "-- begin"/"-- end" markers
-- The Makefile passes the tree's lists (make check-rockspec, update-rockspec).
local mode, file, csrc, lmods = ...
local function words(s) local t = {} for w in s:gmatch("%S+") do t[#t + 1] = w end return t end
local want_c = words(csrc)
local want_l = {}
for _, f in ipairs(words(lmods)) do
  local name = f:match("^lua/cstream/(.+)%.lua$")
  want_l[#want_l + 1] = { name == "init" and "cstream" or "cstream." .. name, f }
end
table.sort(want_l, function(a, b) return a[1] < b[1] end)
local text = assert(io.open(file)):read("a")
if mode == "update" then
  local function block(tag, lines)
    local n
    text, n = text:gsub("(%-%- begin " .. tag .. "[^\n]*\n).-([ \t]*%-%- end " .. tag .. ")",
      function(head, tail) return head .. table.concat(lines, "") .. tail end)
    assert(n == 1, "marker '-- begin " .. tag .. "' not found in " .. file)
  end
  local c, l = {}, {}
  for _, f in ipairs(want_c) do c[#c + 1] = ("        %q,\n"):format(f) end
  for _, m in ipairs(want_l) do l[#l + 1] = ("    [%q] = %q,\n"):format(m[1], m[2]) end
  block("sources", c)
  block("modules", l)
  assert(io.open(file, "w")):write(text)
  return
end
local spec = {}
assert(load(text, "@" .. file, "t", spec))()
local have_c, have_l = {}, {}
for name, v in pairs(spec.build.modules) do
  if name == "cstream.core" then have_c = v.sources else have_l[#have_l + 1] = { name, v } end
end
table.sort(have_l, function(a, b) return a[1] < b[1] end)
local function show(t) local o = {} for i, v in ipairs(t) do o[i] = type(v) == "table" and v[1] .. "=" .. v[2] or v end return table.concat(o, " ") end
local ok = true
for _, p in ipairs({ { "C sources", have_c, want_c }, { "Lua modules", have_l, want_l } }) do
  if show(p[2]) ~= show(p[3]) then
    ok = false
    io.stderr:write(("%s: %s lists %s\n  the tree has %s\n"):format(p[1], file, show(p[2]), show(p[3])))
  end
end
if not ok then io.stderr:write("run `make update-rockspec`\n") os.exit(1) end
print(file .. " lists every C source and Lua module")
