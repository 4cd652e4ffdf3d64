-- cstream.class: the one class model (API.md §3), for the stream classes
-- (userdata instances the core makes) and the table emitters
-- (EventEmitter, AbortSignal, ChildProcess).
--
-- A class is its instances' metatable.  It finds its parent's methods
-- through __index on its own metatable and names it `super`; metamethods
-- are copied from the parent, since Lua reads them raw from the metatable.
-- A table class (instances index the class itself: __index == class) gets
-- its own __index.  `new` is made per class by the caller's maker(C).
local type, pairs, getmetatable, setmetatable = type, pairs, getmetatable, setmetatable
local rawget, rawequal = rawget, rawequal

local M = {}

function M.extend(parent, name, maker)
  local C = setmetatable({}, { __index = parent })
  for k, v in pairs(parent) do
    if type(k) == "string" and k:sub(1, 2) == "__" then C[k] = v end
  end
  if rawequal(rawget(parent, "__index"), parent) then C.__index = C end
  if name then C.__name = name end
  C.super = parent
  C.new = maker(C)
  return C
end

-- The parent of class c: `super`, or for a class made by hand,
-- setmetatable(c, { __index = parent }).
local function parentOf(c)
  local p = rawget(c, "super")
  if p == nil then
    local m = getmetatable(c)
    p = type(m) == "table" and rawget(m, "__index") or nil
  end
  if type(p) == "table" then return p end
  return nil
end

-- Is x an instance of C or of a class below it?
function M.isInstance(C, x)
  local c = getmetatable(x)
  while type(c) == "table" do
    if rawequal(c, C) then return true end
    c = parentOf(c)
  end
  return false
end

-- The maker of table classes: C.new(...) is a table with C as metatable,
-- given to C.initialize when there is one.
function M.tableNew(C)
  return function(...)
    local o = setmetatable({}, C)
    local init = o.initialize
    if init then init(o, ...) end
    return o
  end
end

return M
