-- cstream.compose: Node's compose.js, on pipeline.lua's pipelineImpl.
local stream = require("cstream") -- first: init.lua registers it, then loads this module
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local destroy = require("cstream.destroy")
local eos = require("cstream.finished").finished
local P = require("cstream.pipeline")

local select, error = select, error
local field, isFunction, typeName = utils.field, utils.isFunction, utils.typeName
local isNodeStream, isReadable, isWritable = utils.isNodeStream, utils.isReadable, utils.isWritable
local destroyer, abortError = destroy.destroyer, destroy.abortError
local pipelineImpl, callEnd = P.pipelineImpl, P.callEnd

local function nop() end

local M = {}

------------------------------------------------------------ compose

-- compose(s1, ..., sN): one Duplex writing into s1 and reading out of sN
-- (Node's compose.js). A function first or last stage becomes
-- Duplex.from(fn), as in Node (a lone function: an object-mode PassThrough
-- followed by it); a last one that waits on its source is a sink, and the
-- Duplex is then writable only.
function M.compose(...)
  local n = select("#", ...)
  if n == 0 then
    error(errors.new("ERR_MISSING_ARGS", 'The "streams" argument must be specified'), 2)
  end
  local streams = { ... }
  if n == 1 then
    local s = streams[1]
    if isNodeStream(s) then return s end
    if not isFunction(s) then return stream.Readable.from(s) end
  end
  -- As Node, a function first or last stage is Duplex.from(fn): it runs in
  -- a coroutine of its own (so the first may loop over its source), and the
  -- stream before the last is piped into it, so that its source yields that
  -- stream's chunks one by one (iterating the stream itself would join what
  -- it holds into one read).
  if n == 1 then
    table.insert(streams, 1, stream.PassThrough.new({ objectMode = true }))
    n = 2
  elseif isFunction(streams[1]) then
    streams[1] = stream.Duplex.from(streams[1])
  end
  if n > 1 and isFunction(streams[n]) then
    streams[n] = stream.Duplex.from(streams[n])
  end

  for i = 1, n do
    local s = streams[i]
    if isNodeStream(s) then
      if i < n and not isReadable(s) then
        error(errors.new("ERR_INVALID_ARG_VALUE",
          ("The argument 'streams[%d]' must be readable. Received %s"):format(i, typeName(s))), 2)
      end
      if i > 1 and not isWritable(s) then
        error(errors.new("ERR_INVALID_ARG_VALUE",
          ("The argument 'streams[%d]' must be writable. Received %s"):format(i, typeName(s))), 2)
      end
    end
  end

  local d
  local ondrain, onfinish, onreadable, onclose
  local done = false -- Node's `onclose === null`: the pipeline has completed
  local readable, writable
  local lastKind

  local function onfinished(err, val)
    if err == nil and lastKind == "sink" and val ~= nil then
      err = errors.new("ERR_INVALID_RETURN_VALUE",
        'Expected nil to be returned from the "destination" function but got ' .. typeName(val) .. ".")
    end
    done = true
    local cb = onclose
    onclose = nil
    if cb then
      cb(err)
    elseif err ~= nil then
      d:destroy(err)
    elseif not readable and not writable then
      d:destroy()
    end
  end

  local head = streams[1]
  local tail
  tail, lastKind = pipelineImpl(streams, n, onfinished)
  writable = isWritable(head) == true
  local sink = lastKind == "sink"
  readable = isReadable(tail) == true and not sink
  -- Behind a sink, tail is the pipeline's unread PassThrough (Node has a
  -- writable-only stream there): it is done when the sink is, and its
  -- errors are the pipeline's, reported to d.
  if sink then tail:on("error", nop) end

  local opts = {
    writableObjectMode = field(head, "writableObjectMode") == true,
    readableObjectMode = field(tail, "readableObjectMode") == true,
    writable = writable,
    readable = readable,
  }

  if writable then
    opts.write = function(_, chunk, encoding, callback)
      local ok
      if encoding == nil or encoding == "buffer" then
        ok = head:write(chunk)
      else
        ok = head:write(chunk, encoding)
      end
      if ok then callback() else ondrain = callback end
    end
    opts.final = function(_, callback)
      callEnd(head)
      onfinish = callback
    end
    head:on("drain", function()
      if ondrain then
        local cb = ondrain
        ondrain = nil
        cb()
      end
    end)
    eos(tail, not readable and { readable = false } or nil, function()
      if onfinish then
        local cb = onfinish
        onfinish = nil
        cb()
      end
    end)
  end

  if readable then
    tail:on("readable", function()
      if onreadable then
        local cb = onreadable
        onreadable = nil
        cb()
      end
    end)
    tail:on("end", function() d:push(nil) end)
    local function read()
      while true do
        local chunk = tail:read()
        if chunk == nil then
          onreadable = read
          return
        end
        if not d:push(chunk) then return end
      end
    end
    opts.read = read
  end

  opts.destroy = function(_, err, callback)
    if err == nil and not done then err = abortError() end
    onreadable, ondrain, onfinish = nil, nil, nil
    if sink then
      if not tail.destroyed then tail:destroy(err) end
    elseif isNodeStream(tail) then
      destroyer(tail, err)
    end
    if done then callback(err) else onclose = callback end
  end

  d = stream.Duplex.new(opts)
  return d
end

return M
