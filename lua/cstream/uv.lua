-- The luv module cstream runs on, and whether a host owns its loop.
--
-- Inside Neovim the loop is vim.uv (vim.loop before 0.10): Neovim runs it,
-- reports the errors of its callbacks, and has its own uv.run; cstream must
-- change neither.  Elsewhere it is require("luv"), or luvit's "uv".
local M = {}

local vim = rawget(_G, "vim")
local hosted = type(vim) == "table" and (vim.uv or vim.loop) or nil

if hosted then
  M.uv, M.hosted = hosted, true
else
  local ok, luv = pcall(require, "luv")
  if not ok then
    local found, uv = pcall(require, "uv")
    if not found then error(luv, 0) end -- luv's own message says more
    luv = uv
  end
  M.uv, M.hosted = luv, false
end

return M
