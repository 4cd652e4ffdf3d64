-- Error values made by cstream: { code = "ERR_...", message = "..." }.
-- The C binding creates the same shape with the same metatable, which it
-- exports as cstream.core.Error, so errors from either side compare and
-- print alike.  Every error the Lua modules raise or emit is made here:
-- new, _argError (Lua's wording for a bad argument) and fromLuv (luv's
-- `nil, message, name`).
local utils = require("cstream.utils")

local type, error, pairs, pcall = type, error, pairs, pcall
local getmetatable, setmetatable, rawget, rawequal = getmetatable, setmetatable, rawget, rawequal
local tostring = tostring
local field, typeName = utils.field, utils.typeName

local M = {}

local Error = require("cstream.core").Error
Error.__tostring = function(e)
  if type(e) ~= "table" then M._selfError("__tostring", "cstream error", e) end
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

-- Lua's own wording for a bad argument (API.md §4), raised as
-- ERR_INVALID_ARG_TYPE; the modules' one argError (private: "_", as this
-- table is exported as stream.errors).  level is error()'s, as seen by the function that
-- calls argError (default 2: that function's caller is blamed); none says
-- the argument is absent ("got no value").
function M._argError(n, fname, expected, got, level, none)
  error(M.new("ERR_INVALID_ARG_TYPE", ("bad argument #%d to '%s' (%s expected, got %s)")
    :format(n, fname, expected, none and "no value" or typeName(got))), (level or 2) + 1)
end

-- A method's self is not what it serves: the C methods' wording
-- (src/lcs_ud.c, selferror) as ERR_INVALID_ARG_TYPE: "calling 'f' on bad
-- self (...)" for a method call, "bad argument #1 to 'f' (...)" for a
-- plain one.  level as argError's.
function M._selfError(fname, expected, got, level)
  level = (level or 2) + 1
  local info = debug.getinfo(level - 1, "n")  -- the method's own frame
  local fmt = info and info.namewhat == "method"
    and "calling '%s' on bad self (%s expected, got %s)"
    or "bad argument #1 to '%s' (%s expected, got %s)"
  error(M.new("ERR_INVALID_ARG_TYPE", fmt:format(fname, expected, typeName(got))), level)
end

-- luv reports failures as `nil, "ENOENT: no such file ...", "ENOENT"`, and
-- hands callbacks either that message alone or the bare name ("ECONNRESET"):
-- { code = name, message = message }, with Node's syscall and path fields
-- when given.
function M.fromLuv(message, name, syscall, path)
  if not name and type(message) == "string" then
    name = message:match("^([%u%d_]+):") or message:match("^([%u%d_]+)$")
  end
  if syscall and message == name then message = syscall .. " " .. name end -- Node's wording
  local e = M.new(name or "EIO", message or name or "I/O error")
  e.syscall = syscall
  e.path = path
  return e
end

function M.is(e, code)
  return type(e) == "table" and rawequal(getmetatable(e), Error) and
         (code == nil or rawequal(rawget(e, "code"), code))
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
