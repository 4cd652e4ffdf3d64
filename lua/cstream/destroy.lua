-- cstream.destroy: Node's destroy.js destroyer(), which destroys anything
-- stream-like (a cstream stream, a legacy emitter, something with close()).
local core = require("cstream.core")
local errors = require("cstream.errors")
local utils = require("cstream.utils")

local field, isFunction = utils.field, utils.isFunction
local isDestroyed, isFinished = utils.isDestroyed, utils.isFinished
local nextTick = core.nextTick

local M = {}

function M.abortError()
  return errors.new("ABORT_ERR", "The operation was aborted", { name = "AbortError" })
end
local abortError = M.abortError

-- Destroys anything stream-like; an unfinished stream gets an AbortError.
function M.destroyer(s, err)
  if s == nil or isDestroyed(s) then return end
  if err == nil and not isFinished(s) then err = abortError() end
  if isFunction(field(s, "destroy")) then
    s:destroy(err)
  elseif isFunction(field(s, "close")) then
    s:close()
  elseif err ~= nil then
    nextTick(function() s:emit("error", err); s:emit("close") end)
  else
    nextTick(function() s:emit("close") end)
  end
  if field(s, "destroyed") ~= true then utils.markDestroyed(s) end
end

return M
