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

-- The values whose destroy() or close() destroyer is calling: a destroy
-- that is destroyer itself (stream.destroy(require("cstream")): Lua's method
-- call hands it its self again, where Node's `this` would not) or that
-- comes back to it for the same value is that call still running, not a
-- new one (it recursed until the C stack overflowed).
local running = setmetatable({}, { __mode = "k" })

local function close_or_destroy(s, err)
  if isFunction(field(s, "destroy")) then
    s:destroy(err)
  elseif isFunction(field(s, "close")) then
    s:close()
  end
end

-- Destroys anything stream-like; an unfinished stream gets an AbortError.
function M.destroyer(s, err)
  -- a closed Lua file is a destroyed one (its close() would raise)
  if s == nil or running[s] or isDestroyed(s) or io.type(s) == "closed file" then return end
  if err == nil and not isFinished(s) then err = abortError() end
  if isFunction(field(s, "destroy")) or isFunction(field(s, "close")) then
    running[s] = true
    local ok, e = pcall(close_or_destroy, s, err)
    running[s] = nil
    if not ok then error(e, 0) end
  elseif err ~= nil then
    nextTick(function() s:emit("error", err); s:emit("close") end)
  else
    nextTick(function() s:emit("close") end)
  end
  if field(s, "destroyed") ~= true then utils.markDestroyed(s) end
end

return M
