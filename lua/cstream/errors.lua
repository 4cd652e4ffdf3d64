-- Error values made by cstream: { code = "ERR_...", message = "..." }.
-- The C binding creates the same shape with the same metatable (it looks the
-- metatable up as "cstream.Error" in the registry), so errors from either
-- side compare and print alike.
local M = {}

local Error = debug.getregistry()["cstream.Error"]
if not Error then
  Error = { __name = "cstream.Error" }
  Error.__index = Error
  debug.getregistry()["cstream.Error"] = Error
end
Error.__tostring = function(e)
  return "Error [" .. tostring(e.code) .. "]: " .. tostring(e.message)
end
M.Error = Error

function M.new(code, message, fields)
  local e = { code = code, message = message }
  if fields then
    for k, v in pairs(fields) do e[k] = v end
  end
  return setmetatable(e, Error)
end

-- tostring(v) for printing a value the library did not make (an error a user
-- raised): a __tostring that raises, or returns something else than a
-- string, must not replace the error being reported.
function M.tostring(v)
  if type(v) == "string" then return v end
  local ok, s = pcall(tostring, v)
  if ok and type(s) == "string" then return s end
  local mt = getmetatable(v)
  local name = type(mt) == "table" and rawget(mt, "__name")
  return ("(error object is a %s value)"):format(type(name) == "string" and name or type(v))
end

-- luv reports failures as `nil, "ENOENT: no such file ...", "ENOENT"`.
function M.fromLuv(message, name)
  return M.new(name or "EIO", message or name or "I/O error")
end

function M.is(e, code)
  return type(e) == "table" and rawequal(getmetatable(e), Error) and
         (code == nil or rawequal(rawget(e, "code"), code))
end

-- A field of an error value as JS reads one: strings, numbers and such have
-- none; a table's __index may raise, which reads as no field.
local function field(x, k)
  local t = type(x)
  if t ~= "table" and t ~= "userdata" then return nil end
  local ok, v = pcall(function() return x[k] end)
  if ok then return v end
  return nil
end

-- Node's aggregateTwoErrors(innerError, outerError): two different errors
-- become { name = "AggregateError", code = outer.code, message =
-- outer.message or "", errors = { outer, inner } }; an outer error that
-- already has an `errors` list gets inner appended and is returned (Node's
-- ArrayIsArray(outerError.errors)); otherwise whichever is given.
function M.aggregateTwoErrors(inner, outer)
  if inner ~= nil and outer ~= nil and inner ~= false and outer ~= false
     and not rawequal(inner, outer) then
    local list = field(outer, "errors")
    if type(list) == "table" then
      list[#list + 1] = inner
      return outer
    end
    local message = field(outer, "message")
    return M.new(field(outer, "code"), message == nil and "" or M.tostring(message),
                 { name = "AggregateError", errors = { outer, inner } })
  end
  if inner ~= nil and inner ~= false then return inner end
  return outer
end

return M
