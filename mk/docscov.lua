-- mk/docscov.lua [API.md] [DEFS]: every name cstream exports is documented.
--
-- Loads require("cstream") (and what it loads lazily: fs, zlib, the process
-- and handle classes), walks what a user can reach, and checks each public
-- name against docs/API.md (the name as a word) and against the LuaLS
-- definition file types/cstream.lua (the name as a field or function of the
-- same class there, or of a class it inherits from), and every event name
-- (the core's and those the Lua modules emit) quoted in both.  Names
-- starting with "_" are private.  A name documented but not (yet) exported is fine: the
-- check only asks of what exists at run time.  Prints what is missing and
-- exits 1, or prints a count and exits 0.  As luv's docscov does for its docs.
local apiPath = arg[1] or "docs/API.md"
local defsPath = arg[2] or "types/cstream.lua"

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local stream = require("cstream")
local core = require("cstream.core")

-- Deliberate exclusions, with the reason.  By name, in every class:
local EXCLUDED_NAMES = {
  -- The hook `new` calls on a built-in class (API.md documents the hook for
  -- user classes); calling it again would re-initialize a live object.
  initialize = "constructor hook, run by new",
}
-- By "Class.name":
local EXCLUDED = {
  -- Node has no public `new AbortSignal()` either (it throws): signals come
  -- from AbortController.new() and the AbortSignal statics.
  ["cstream.AbortSignal.new"] = "Node's constructor is not public either",
}

-- ---- what the definition file declares --------------------------------------

-- classes[name] = { names = set, parents = { ... } }
local function parseDefs(text)
  local classes, alias, current = {}, {}, nil
  local function class(name)
    local c = classes[name]
    if not c then c = { names = {}, parents = {} }; classes[name] = c end
    return c
  end
  local pendingClass
  -- one match per line on every Lua (5.1's gmatch also matches the empty
  -- string after each line)
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    local cname, parents = line:match("^%-%-%-@class%s+([%w_.]+)%s*:?%s*(.*)$")
    if cname then
      current = class(cname)
      for p in parents:gmatch("[%w_.]+") do current.parents[#current.parents + 1] = p end
      pendingClass = cname
    else
      local field = line:match("^%-%-%-@field%s+([%w_]+)")
        or line:match("^%-%-%-@field%s+%[\"([%w_]+)\"%]")
      if field and current then current.names[field] = true end
      local var = line:match("^local%s+([%w_]+)%s*=")
      if var and pendingClass then alias[var] = pendingClass end
      if not line:match("^%-%-%-") then pendingClass = nil end
      local owner, name = line:match("^function%s+([%w_.]+)[.:]([%w_]+)%s*%(")
      if not owner then
        owner, name = line:match("^([%w_.]+)%.([%w_]+)%s*=")
      end
      if owner then class(alias[owner] or owner).names[name] = true end
      -- `C["end"] = ...`, for names that are Lua keywords
      owner, name = line:match("^([%w_.]+)%[\"([%w_]+)\"%]%s*=")
      if owner then class(alias[owner] or owner).names[name] = true end
    end
  end
  return classes
end

local function declares(classes, cname, name, seen)
  local c = classes[cname]
  if not c then return false end
  if c.names[name] then return true end
  seen = seen or {}
  if seen[cname] then return false end
  seen[cname] = true
  for _, p in ipairs(c.parents) do
    if declares(classes, p, name, seen) then return true end
  end
  return false
end

-- ---- what cstream exports -----------------------------------------------------

local items = {} -- { cls = "cstream.Readable", name = "read" }
local seenItem = {}
local function add(cls, name)
  if type(name) ~= "string" or name:sub(1, 1) == "_" then return end
  local key = cls .. "." .. name
  if seenItem[key] or EXCLUDED[key] or EXCLUDED_NAMES[name] then return end
  seenItem[key] = true
  items[#items + 1] = { cls = cls, name = name }
end
local function addKeys(cls, t)
  for k in pairs(t) do add(cls, k) end
end

local _ = stream.fs, stream.zlib -- loaded lazily

addKeys("cstream", stream)
for _, c in ipairs({ "Stream", "Readable", "Writable", "Duplex", "Transform", "PassThrough" }) do
  addKeys("cstream." .. c, stream[c])
end
-- Properties are served by the C __index from one table.
for k in pairs(core.properties) do add("cstream.Stream", k) end
addKeys("cstream.EventEmitter", stream.EventEmitter)
addKeys("cstream.AbortController", stream.AbortController)
addKeys("cstream.AbortSignal", stream.AbortSignal)
local ac = stream.AbortController.new()
addKeys("cstream.AbortController", ac)
addKeys("cstream.AbortSignal", ac.signal)
addKeys("cstream.await", stream.await)
addKeys("cstream.errors", stream.errors)
addKeys("cstream.ltn12", stream.ltn12)
addKeys("cstream.fs", stream.fs)
addKeys("cstream.fs.ReadStream", stream.fs.ReadStream)
addKeys("cstream.fs.WriteStream", stream.fs.WriteStream)
addKeys("cstream.zlib", stream.zlib)
-- zlib's classes come from its __index, made when first asked.
for _, c in ipairs({ "Zlib", "Deflate", "Inflate", "Gzip", "Gunzip", "DeflateRaw",
                     "InflateRaw", "Unzip" }) do
  if stream.zlib[c] ~= nil then
    add("cstream.zlib", c)
    addKeys("cstream.zlib.Zlib", stream.zlib[c])
  end
end
local proc = require("cstream.process")
addKeys("cstream.ChildProcess", proc.ChildProcess)
local handle = require("cstream.handle")
addKeys("cstream.Socket", handle.Socket)

-- ---- the check ------------------------------------------------------------------

local api = slurp(apiPath)
local classes = parseDefs(slurp(defsPath))

-- A word of API.md: not part of a longer identifier.
local function inApi(name)
  local s = 1
  while true do
    local i, j = api:find(name, s, true)
    if not i then return false end
    local before, after = api:sub(i - 1, i - 1), api:sub(j + 1, j + 1)
    if not before:match("[%w_]") and not after:match("[%w_]") then return true end
    s = j + 1
  end
end

table.sort(items, function(a, b)
  return a.cls .. "." .. a.name < b.cls .. "." .. b.name
end)
local missing = 0
for _, it in ipairs(items) do
  local where = {}
  if not inApi(it.name) then where[#where + 1] = apiPath end
  if not declares(classes, it.cls, it.name) then where[#where + 1] = defsPath end
  if #where > 0 then
    missing = missing + 1
    print(("missing: %s.%s (not in %s)"):format(it.cls, it.name, table.concat(where, ", ")))
  end
end
-- Event names: the core's (src/cs_destroy.c's evnames) and every name the
-- Lua modules emit; each must appear quoted in API.md and in the definitions.
local events = {}
do
  local c = slurp("src/cs_destroy.c"):match("evnames%b[]%s*=%s*(%b{})")
  assert(c, "src/cs_destroy.c: evnames not found")
  for name in c:gmatch('"([%w_]+)"') do events[name] = true end
  local p = io.popen("ls lua/cstream/*.lua")
  for file in p:lines() do
    for name in slurp(file):gmatch('emit%("([%w_]+)"') do events[name] = true end
  end
  p:close()
end
local defsText = slurp(defsPath)
local function quoted(text, name)
  return text:find("'" .. name .. "'", 1, true) or text:find('"' .. name .. '"', 1, true)
end
local evlist = {}
for name in pairs(events) do evlist[#evlist + 1] = name end
table.sort(evlist)
for _, name in ipairs(evlist) do
  local where = {}
  if not quoted(api, name) then where[#where + 1] = apiPath end
  if not quoted(defsText, name) then where[#where + 1] = defsPath end
  if #where > 0 then
    missing = missing + 1
    print(("missing: event '%s' (not in %s)"):format(name, table.concat(where, ", ")))
  end
end

-- The other way round, for information only (names documented ahead of the
-- branch that adds them are expected): declared module functions that the
-- module does not export.
local ahead = {}
for name in pairs(classes["cstream"] and classes["cstream"].names or {}) do
  if rawget(stream, name) == nil and stream[name] == nil then ahead[#ahead + 1] = name end
end
if #ahead > 0 then
  table.sort(ahead)
  print("declared, not exported (yet): cstream." .. table.concat(ahead, ", cstream."))
end
if missing > 0 then
  print(("%d of %d exported names and events undocumented"):format(missing, #items + #evlist))
  os.exit(1)
end
print(("all %d exported names and %d events are in %s and %s")
  :format(#items, #evlist, apiPath, defsPath))
