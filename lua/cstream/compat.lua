-- The few 5.4 library functions cstream's modules use that Lua 5.3 or
-- LuaJIT 2.1 lack; on 5.4 each is the library's own.
local type, select, floor = type, select, math.floor

local M = {}

M.unpack = table.unpack or unpack
M.pack = table.pack or function(...) return { n = select("#", ...), ... } end

-- LuaJIT's numbers are all doubles: an integral one counts as an integer.
local function isint(v)
  return type(v) == "number" and v == floor(v) and v >= -2^63 and v < 2^63
end
M.mathtype = math.type or function(v)
  if type(v) ~= "number" then return nil end
  return isint(v) and "integer" or "float"
end
M.tointeger = math.tointeger or function(v)
  if isint(v) then return v end
  return nil
end
M.maxinteger = math.maxinteger or 2^53 -- the largest exact double of a run

-- 5.2 on: the running coroutine and whether it is the main one.  LuaJIT
-- without its 5.2 extensions gives the coroutine alone, nil in the main one.
local running = coroutine.running
if select("#", running()) == 2 then
  M.running = running
else
  M.running = function()
    local co = running()
    return co, co == nil
  end
end

-- coroutine.close (5.4). Before 5.4 a suspended coroutine cannot be
-- closed: it is left to the collector and its pending cleanup never runs
-- (docs/API.md, Lua versions); it is marked instead, and the waiters
-- (iter.lua) never resume a marked coroutine, so a wake-up meant for a
-- destroyed stream's generator finds it closed, as on 5.4.
local abandoned = setmetatable({}, { __mode = "k" })
M.coclose = coroutine.close or function(co)
  abandoned[co] = true
  return true
end
function M.closed(co) return abandoned[co] == true end

-- A finalized guard: setmetatable(t, mt) where tables run __gc (5.2 on).
-- LuaJIT runs __gc on userdata alone: there the guard is a proxy userdata
-- whose fields are t's, finalized with mt.__gc.
local newproxy = rawget(_G, "newproxy")
if newproxy then
  M.guard = function(t, mt)
    local p = newproxy(true)
    local m = getmetatable(p)
    m.__index, m.__newindex, m.__gc = t, t, mt.__gc
    return p
  end
else
  M.guard = setmetatable
end

return M
