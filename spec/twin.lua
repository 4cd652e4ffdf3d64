-- What a JS twin (test/twins/<area>/<name>.js) printed: { [case name] =
-- { entry, ... } }, from its `name<TAB>JSON array` lines. Read from the
-- <name>.expected beside it (node's output kept by `make twins`, checked
-- against node by `make check-twins`), so the specs need no node; a twin
-- without one is run with node, and nil when node is not installed, so that
-- a spec can go pending.
-- `local twin = require("spec.twin")`; twin.run(path) for the
-- `name<TAB>JSON array` twins, twin.lines(path) for the plain ones.

local M = {}

local ESC = { n = "\n", t = "\t", r = "\r", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }

-- A JSON array of strings (all the twins print), decoded.
local function strings(json)
  local out, i = {}, 1
  while true do
    i = json:find('"', i, true)
    if not i then return out end
    local buf, j = {}, i + 1
    while true do
      local c = json:sub(j, j)
      if c == '"' or c == "" then break end
      if c == "\\" then
        j = j + 1
        c = ESC[json:sub(j, j)] or json:sub(j, j)
      end
      buf[#buf + 1] = c
      j = j + 1
    end
    out[#out + 1] = table.concat(buf)
    i = j + 1
  end
end

function M.nodeAvailable()
  local p = io.popen("command -v node 2>/dev/null")
  local out = p and p:read("a") or ""
  if p then p:close() end
  return out ~= ""
end

function M.run(path)
  local p = io.open((path:gsub("%.js$", ".expected")), "r")
  if not p then
    if not M.nodeAvailable() then return nil end
    p = assert(io.popen("node " .. path .. " 2>&1"))
  end
  local res = {}
  for line in p:lines() do
    local name, json = line:match("^([%w_]+)\t(%[.*%])$")
    if name then res[name] = strings(json) end
  end
  p:close()
  return res
end

-- A spec's log as a twin prints it: each entry tostring'd.
function M.strings(log)
  local out = {}
  for i, v in ipairs(log) do out[i] = tostring(v) end
  return out
end

-- The lines a twin that prints plain lines (test/twins/exact/) printed, from
-- its .expected (or from node when there is none; nil without node).
function M.lines(path)
  local p = io.open((path:gsub("%.js$", ".expected")), "r")
  if not p then
    if not M.nodeAvailable() then return nil end
    p = assert(io.popen("node " .. path .. " 2>&1"))
  end
  local res = {}
  for line in p:lines() do res[#res + 1] = line end
  p:close()
  return res
end

return M
