-- cstream.lines: bytes to lines (API.md §9 Lines).
--   stream.lines([opts])               a Transform: bytes in, one string per line out
--   for line in r:lines([opts]) do ... end   inside a coroutine
--
-- The splitting is C (src/cs_lines.c, readline's breaks); this file makes
-- it a Transform; requiring this module installs stream.lines and r:lines().
local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")

local type, pairs, error, tostring = type, pairs, error, tostring
local compat = require("cstream.compat")
local mathtype = compat.mathtype

local M = {}
local core = require("cstream.core")

local new = core.lines.new
local Transform, Readable = stream.Transform, stream.Readable

local function maxLengthOf(opts, fname)
  local max = opts.maxLength
  if max == nil then return nil end
  if type(max) ~= "number" then
    error(errors.new("ERR_INVALID_ARG_TYPE",
      ("bad argument #1 to '%s' (maxLength must be a number, got %s)"):format(fname, type(max))), 3)
  end
  if mathtype(max) ~= "integer" then
    if max ~= max or max < 0 or max ~= math.floor(max) then
      error(errors.new("ERR_OUT_OF_RANGE", ('The value of "maxLength" is out of range. '
        .. "It must be an integer >= 0. Received %s"):format(tostring(max))), 3)
    end
    max = max == math.huge and compat.maxinteger or compat.tointeger(max)
  elseif max < 0 then
    error(errors.new("ERR_OUT_OF_RANGE", ('The value of "maxLength" is out of range. '
      .. "It must be an integer >= 0. Received %d"):format(max)), 3)
  end
  return max
end

local function lines(opts, fname)
  fname = fname or "lines"
  if opts ~= nil and type(opts) ~= "table" then
    error(errors.new("ERR_INVALID_ARG_TYPE",
      ("bad argument #1 to '%s' (table expected, got %s)"):format(fname, type(opts))), 2)
  end
  local o = {}
  if opts then
    for k, v in pairs(opts) do o[k] = v end
  end
  local sp = new(maxLengthOf(o, fname))
  o.maxLength, o.objectMode, o.writableObjectMode = nil, nil, nil
  o.readableObjectMode = true
  o.transform = function(self, chunk, _, cb)
    cb(sp:feed(chunk, self.push, self))
  end
  o.flush = function(self, cb)
    sp:finish(self.push, self)
    cb()
  end
  return Transform.new(o)
end

-- A byte readable's lines, as `for await (const line of
-- readline.createInterface({ input: r }))`: r is piped into lines(), whose
-- iterator destroys both when the loop is left early; r's error is raised
-- by the loop.
local function readLines(r, opts)
  local t = lines(opts, "lines")
  stream.pipeline(r, t, function() end)
  return t:iter()
end

stream.lines = function(opts) return lines(opts) end
Readable.lines = readLines
if stream.Duplex and stream.Duplex.lines ~= readLines then stream.Duplex.lines = readLines end
return M
