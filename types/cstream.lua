---@meta cstream
-- LuaLS (lua-language-server) definitions for require("cstream").
-- Point the language server at this directory: in .luarc.json,
--   { "workspace.library": ["/path/to/cstream/types"] }
-- docs/API.md is the reference; `make test` checks that every name the
-- module exports is declared here (mk/docscov.lua).

---@alias cstream.Encoding
---| "utf8" | "utf-8" | "hex" | "base64" | "base64url" | "latin1" | "binary" | "ascii"
---| "utf16le" | "ucs2" | "ucs-2" | "utf-16le" | "buffer"

---A chunk: a Lua string in byte mode, any value but nil in object mode.
---@alias cstream.Chunk any

---Errors made by cstream: `{ code = "ERR_…", message = "…" }` with the
---`cstream.Error` metatable (`tostring` gives `Error [CODE]: message`). luv failures
---keep luv's name as `code` ("ENOENT", "EPIPE", …). Errors given by user code pass
---through unchanged, so a callback's `err` may be any value.
---@class cstream.Error
---@field code string "ERR_STREAM_PREMATURE_CLOSE", "ABORT_ERR", "ENOENT", …
---@field message string
---@field name? string "AbortError", "TimeoutError" for aborts
---@field cause? any an AbortError's signal reason
---@field syscall? string for I/O errors: "read", "write", "spawn <file>", …
---@field errno? integer a failed spawn's negative errno
---@field path? string a failed spawn's file
---@field spawnargs? string[] a failed spawn's arguments

---@alias cstream.Callback fun(err: any)

-- ---------------------------------------------------------------------------
-- Options

---@class cstream.StreamOptions
---@field highWaterMark? integer 16384 bytes, 16 objects in object mode; 0 is valid
---@field objectMode? boolean
---@field emitClose? boolean true
---@field autoDestroy? boolean true
---@field signal? cstream.AbortSignal aborting destroys the stream with an AbortError
---@field destroy? fun(self: cstream.Stream, err: any, callback: cstream.Callback)
---@field construct? fun(self: cstream.Stream, callback: cstream.Callback)

---@class cstream.ReadableOptions: cstream.StreamOptions
---@field encoding? cstream.Encoding chunks become decoded text
---@field read? fun(self: cstream.Readable, size: integer)

---@class cstream.WritableOptions: cstream.StreamOptions
---@field decodeStrings? boolean true: strings are turned into bytes by their encoding
---@field defaultEncoding? cstream.Encoding "utf8"
---@field write? fun(self: cstream.Writable, chunk: cstream.Chunk, encoding: string, callback: cstream.Callback)
---@field writev? fun(self: cstream.Writable, chunks: { chunk: cstream.Chunk, encoding: string }[], callback: cstream.Callback)
---@field final? fun(self: cstream.Writable, callback: cstream.Callback)

---@class cstream.DuplexOptions: cstream.ReadableOptions, cstream.WritableOptions
---@field allowHalfOpen? boolean true (false: the end of the readable side ends the writable side)
---@field readable? boolean false starts the readable side ended
---@field writable? boolean false starts the writable side ended
---@field readableObjectMode? boolean
---@field writableObjectMode? boolean
---@field readableHighWaterMark? integer
---@field writableHighWaterMark? integer

---@class cstream.TransformOptions: cstream.DuplexOptions
---@field transform? fun(self: cstream.Transform, chunk: cstream.Chunk, encoding: string, callback: fun(err?: any, data?: cstream.Chunk))
---@field flush? fun(self: cstream.Transform, callback: fun(err?: any, data?: cstream.Chunk))

---@class cstream.PipeOptions
---@field ["end"] boolean? false keeps the destination open when the source ends

---@class cstream.FinishedOptions
---@field readable? boolean false: do not wait for the readable side
---@field writable? boolean false: do not wait for the writable side
---@field error? boolean false: an 'error' does not finish
---@field signal? cstream.AbortSignal

---@class cstream.PipelineOptions
---@field signal? cstream.AbortSignal aborting destroys every stage
---@field ["end"] boolean? false neither ends nor destroys the last stream

---@class cstream.IterOptions
---@field destroyOnReturn? boolean true: leaving the loop early destroys the stream

---@class cstream.OperatorOptions
---@field concurrency? integer 1: how many calls of the function may wait at once
---@field highWaterMark? integer results kept ahead of the consumer (concurrency - 1)
---@field signal? cstream.AbortSignal

---@class cstream.LinesOptions: cstream.TransformOptions
---@field maxLength? integer a line longer than this many bytes is ERR_OUT_OF_RANGE

---@class cstream.DuplexPairOptions: cstream.DuplexOptions

-- ---------------------------------------------------------------------------
-- Events

---@alias cstream.ReadableEvent
---| "data"     # (chunk)
---| "end"      # ()
---| "readable" # ()
---| "pause"    # ()
---| "resume"   # ()
---| "close"    # ()
---| "error"    # (err)
---| "newListener" # (name, listener)
---| "removeListener" # (name, listener)
---| string

---@alias cstream.WritableEvent
---| "drain"     # ()
---| "finish"    # ()
---| "prefinish" # ()
---| "pipe"      # (src)
---| "unpipe"    # (src)
---| "close"     # ()
---| "error"     # (err)
---| string

---@alias cstream.Event cstream.ReadableEvent|cstream.WritableEvent

-- ---------------------------------------------------------------------------
-- EventEmitter

---Node's EventEmitter. Listeners get only the event's arguments (no `this`).
---@class cstream.EventEmitter
---@field super table the parent class (a subclass's field, as on the stream classes)
local EventEmitter = {}

---@return cstream.EventEmitter
function EventEmitter.new() end

---A subclass: methods defined on it override the parent's.
---@param name? string its `__name`
---@return table
function EventEmitter:extend(name) end

---True for instances of this class and of its subclasses.
---@param x any
---@return boolean
function EventEmitter:isInstance(x) end

---@param event cstream.Event
---@param listener fun(...)
---@return self
function EventEmitter:on(event, listener) end

---@param event cstream.Event
---@param listener fun(...)
---@return self
function EventEmitter:addListener(event, listener) end

---@param event cstream.Event
---@param listener fun(...)
---@return self
function EventEmitter:once(event, listener) end

---@param event cstream.Event
---@param listener fun(...)
---@return self
function EventEmitter:prependListener(event, listener) end

---@param event cstream.Event
---@param listener fun(...)
---@return self
function EventEmitter:prependOnceListener(event, listener) end

---@param event cstream.Event
---@param listener fun(...)
---@return self
function EventEmitter:off(event, listener) end

---@param event cstream.Event
---@param listener fun(...)
---@return self
function EventEmitter:removeListener(event, listener) end

---@param event? cstream.Event all events when nil
---@return self
function EventEmitter:removeAllListeners(event) end

---Calls the listeners in the order added; `emit("error", e)` with none raises `e`.
---@param event cstream.Event
---@param ... any
---@return boolean hadListeners
function EventEmitter:emit(event, ...) end

---@param event cstream.Event
---@return integer
function EventEmitter:listenerCount(event) end

---@param event cstream.Event
---@return function[]
function EventEmitter:listeners(event) end

---The listeners with `once` wrappers left in place.
---@param event cstream.Event
---@return function[]
function EventEmitter:rawListeners(event) end

---@return string[]
function EventEmitter:eventNames() end

---@param n integer
---@return self
function EventEmitter:setMaxListeners(n) end

---@return integer
function EventEmitter:getMaxListeners() end

-- ---------------------------------------------------------------------------
-- Streams

---What every stream has: the emitter, the class model and the common properties
---(read-only: assigning one raises). Instances are userdata; `self.anyField = v`
---keeps per-instance state.
---@class cstream.Stream: cstream.EventEmitter
---@field super table the parent class (a class's field, for calling overridden methods)
---@field destroyed boolean
---@field closed boolean
---@field errored any the error the stream was destroyed with, or nil
---@field readable boolean? true while read() may return data (nil without a readable side)
---@field writable boolean? true while write() is allowed (nil without a writable side)
---@field readableFlowing boolean? nil (no consumer yet), true or false
---@field readableLength integer?
---@field readableHighWaterMark integer?
---@field readableEncoding string?
---@field readableEnded boolean?
---@field readableObjectMode boolean?
---@field readableAborted boolean?
---@field readableDidRead boolean?
---@field writableLength integer?
---@field writableHighWaterMark integer?
---@field writableEnded boolean?
---@field writableFinished boolean?
---@field writableCorked integer?
---@field writableNeedDrain boolean?
---@field writableObjectMode boolean?
---@field writableAborted boolean?
---@field allowHalfOpen boolean? a Duplex's option
local Stream = {}

---Destroys the stream: `'error'`(err) when err is given, then `'close'`.
---@param err? any
---@param callback? cstream.Callback
---@return self
function Stream:destroy(err, callback) end

---@class cstream.Readable: cstream.Stream
local Readable = {}

---@param opts? cstream.ReadableOptions
---@return cstream.Readable
function Readable.new(opts) end

---A Readable of `src`: an array table (one chunk per element), a string (one
---chunk), an iterator function called until it returns nil (in a coroutine, so it
---may wait), or a stream. Object mode unless `opts.objectMode == false`.
---@param src table|string|fun(): any|cstream.Readable
---@param opts? cstream.ReadableOptions
---@return cstream.Readable
function Readable.from(src, opts) end

---@param n? integer
---@return cstream.Chunk|nil
function Readable:read(n) end

---@param enc? cstream.Encoding
---@return self
function Readable:setEncoding(enc) end

---@return self
function Readable:pause() end

---@return self
function Readable:resume() end

---@return boolean
function Readable:isPaused() end

---@generic W
---@param dest W
---@param opts? cstream.PipeOptions
---@return W dest
function Readable:pipe(dest, opts) end

---@param dest? cstream.Writable
---@return self
function Readable:unpipe(dest) end

---@param chunk cstream.Chunk
---@param encoding? cstream.Encoding
function Readable:unshift(chunk, encoding) end

---@param chunk cstream.Chunk|nil nil ends the stream
---@param encoding? cstream.Encoding
---@return boolean more false once the buffer reaches highWaterMark
function Readable:push(chunk, encoding) end

---Wraps a classic stream (an emitter of 'data'/'end' with advisory pause/resume).
---@param old table
---@return self
function Readable:wrap(old) end

---@param event cstream.ReadableEvent
---@param listener fun(...)
---@return self
function Readable:on(event, listener) end

---@param event cstream.ReadableEvent
---@param listener fun(...)
---@return self
function Readable:addListener(event, listener) end

---@param event cstream.ReadableEvent
---@param listener fun(...)
---@return self
function Readable:off(event, listener) end

---@param event cstream.ReadableEvent
---@param listener fun(...)
---@return self
function Readable:removeListener(event, listener) end

---@param event? cstream.ReadableEvent
---@return self
function Readable:removeAllListeners(event) end

---Inside a coroutine: `for chunk in r:iter() do … end`. Leaving the loop early
---destroys the stream; the stream's error is raised.
---@param opts? cstream.IterOptions
---@return fun(): cstream.Chunk|nil
function Readable:iter(opts) end

---Inside a coroutine: the `iter()` loop with `fn(chunk)` as its body, on every Lua
---version. `fn` returning false leaves the loop as `break` does and an error it
---raises leaves it as an error does: either destroys the stream (unless
---`opts.destroyOnReturn` is false). True when the stream ended, false when `fn`
---stopped it; the stream's error or `fn`'s is raised.
---@param fn fun(chunk: cstream.Chunk): boolean|nil
---@param opts? cstream.IterOptions
---@return boolean
function Readable:each(fn, opts) end

---Inside a coroutine: `for line in r:lines() do … end` over a byte readable.
---@param opts? cstream.LinesOptions
---@return fun(): string|nil
function Readable:lines(opts) end

---`callback(err, result)` once the stream ends: the concatenated string in byte
---mode, an array in object mode.
---@param callback fun(err: any, result: string|any[]|nil)
function Readable:collect(callback) end

---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any nil drops the chunk
---@param opts? cstream.OperatorOptions
---@return cstream.Readable
function Readable:map(fn, opts) end

---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param opts? cstream.OperatorOptions
---@return cstream.Readable
function Readable:filter(fn, opts) end

---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any a stream or anything Readable.from takes
---@param opts? cstream.OperatorOptions
---@return cstream.Readable
function Readable:flatMap(fn, opts) end

---@param n integer
---@param opts? cstream.OperatorOptions
---@return cstream.Readable
function Readable:drop(n, opts) end

---@param n integer
---@param opts? cstream.OperatorOptions
---@return cstream.Readable
function Readable:take(n, opts) end

--- Node's Readable.prototype.compose: `stream.compose(self, s)` (aborted by
--- `opts.signal`), read through a `Readable.from`. `s` must be writable.
---@param s any
---@param opts? { signal?: cstream.AbortSignal }
---@return cstream.Readable
function Readable:compose(s, opts) end

---@param opts_or_cb cstream.OperatorOptions|fun(err: any, list: any[]?)
---@param callback? fun(err: any, list: any[]?)
function Readable:toArray(opts_or_cb, callback) end

---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal })
---@param opts_or_cb cstream.OperatorOptions|cstream.Callback
---@param callback? cstream.Callback
function Readable:forEach(fn, opts_or_cb, callback) end

---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param opts_or_cb cstream.OperatorOptions|fun(err: any, found: boolean?)
---@param callback? fun(err: any, found: boolean?)
function Readable:some(fn, opts_or_cb, callback) end

---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param opts_or_cb cstream.OperatorOptions|fun(err: any, all: boolean?)
---@param callback? fun(err: any, all: boolean?)
function Readable:every(fn, opts_or_cb, callback) end

---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param opts_or_cb cstream.OperatorOptions|fun(err: any, value: any)
---@param callback? fun(err: any, value: any)
function Readable:find(fn, opts_or_cb, callback) end

---`r:reduce(fn[, initial][, opts], callback)`: the callback is always last.
---@param fn fun(acc: any, chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param ... any initial, opts, callback
function Readable:reduce(fn, ...) end

---@class cstream.Writable: cstream.Stream
local Writable = {}

---@param opts? cstream.WritableOptions
---@return cstream.Writable
function Writable.new(opts) end

---@param chunk cstream.Chunk
---@param encoding? cstream.Encoding|cstream.Callback
---@param callback? cstream.Callback
---@return boolean more false once the buffered length reaches highWaterMark; 'drain' follows
function Writable:write(chunk, encoding, callback) end

---Node's `end()` (`end` is a Lua keyword; `w["end"]` is the same function).
---@param chunk? cstream.Chunk|cstream.Callback
---@param encoding? cstream.Encoding|cstream.Callback
---@param callback? cstream.Callback
---@return self
function Writable:finish(chunk, encoding, callback) end

---Node's `end()`, under its own name.
Writable["end"] = Writable.finish

function Writable:cork() end

function Writable:uncork() end

---@param enc cstream.Encoding
---@return self
function Writable:setDefaultEncoding(enc) end

---Inside a coroutine: writes, and when `write` returned false waits for 'drain'.
---Raises the stream's error.
---@param chunk cstream.Chunk
---@param encoding? cstream.Encoding
function Writable:writeAsync(chunk, encoding) end

---Always an error: a Writable cannot be piped (`ERR_STREAM_CANNOT_PIPE`).
function Writable:pipe() end

---@param event cstream.WritableEvent
---@param listener fun(...)
---@return self
function Writable:on(event, listener) end

---@class cstream.Duplex: cstream.Readable, cstream.Writable
local Duplex = {}

---@param opts? cstream.DuplexOptions
---@return cstream.Duplex
function Duplex.new(opts) end

---Node's Duplex.from: a `{ readable = r, writable = w }` pair, a stream, a function
---`fn(source)` returning anything Readable.from takes, or anything Readable.from takes.
---@param src any
---@return cstream.Duplex
function Duplex.from(src) end

---@param chunk cstream.Chunk
---@param encoding? cstream.Encoding|cstream.Callback
---@param callback? cstream.Callback
---@return boolean
function Duplex:write(chunk, encoding, callback) end

---@param chunk? cstream.Chunk|cstream.Callback
---@param encoding? cstream.Encoding|cstream.Callback
---@param callback? cstream.Callback
---@return self
function Duplex:finish(chunk, encoding, callback) end

Duplex["end"] = Duplex.finish

function Duplex:cork() end

function Duplex:uncork() end

---@param enc cstream.Encoding
---@return self
function Duplex:setDefaultEncoding(enc) end

---@param chunk cstream.Chunk
---@param encoding? cstream.Encoding
function Duplex:writeAsync(chunk, encoding) end

---@class cstream.Transform: cstream.Duplex
local Transform = {}

---@param opts? cstream.TransformOptions
---@return cstream.Transform
function Transform.new(opts) end

---@class cstream.PassThrough: cstream.Transform
local PassThrough = {}

---@param opts? cstream.TransformOptions
---@return cstream.PassThrough
function PassThrough.new(opts) end

-- ---------------------------------------------------------------------------
-- Cancellation

---@class cstream.AbortSignal: cstream.EventEmitter
---@field aborted boolean
---@field reason any
local AbortSignal = {}

---Raises `reason` if the signal has aborted.
function AbortSignal:throwIfAborted() end

---Alias of `on`.
---@param event "abort"
---@param listener fun()
function AbortSignal:addEventListener(event, listener) end

---Alias of `removeListener`.
---@param event "abort"
---@param listener fun()
function AbortSignal:removeEventListener(event, listener) end

---A signal already aborted.
---@param reason? any `{ name = "AbortError", code = "ABORT_ERR", … }` by default
---@return cstream.AbortSignal
function AbortSignal.abort(reason) end

---A signal that aborts after `ms` with a TimeoutError (`code = "TIMEOUT_ERR"`);
---its timer does not keep the loop alive.
---@param ms integer
---@return cstream.AbortSignal
function AbortSignal.timeout(ms) end

---A signal that aborts when any of `signals` does, with its reason.
---@param signals cstream.AbortSignal[]
---@return cstream.AbortSignal
function AbortSignal.any(signals) end

---@class cstream.AbortController
---@field signal cstream.AbortSignal
local AbortController = {}

---@return cstream.AbortController
function AbortController.new() end

---@param reason? any
function AbortController:abort(reason) end

-- ---------------------------------------------------------------------------
-- Awaiting (inside a coroutine)

---Coroutine forms of what Node awaits; each returns the result or raises.
---Called outside a coroutine they raise `ERR_INVALID_STATE`.
---@class cstream.await
local await = {}

---@param ... any streams or function stages, then optionally a cstream.PipelineOptions
---@return any value what a final function stage returned
function await.pipeline(...) end

---@param s cstream.Stream
---@param opts? cstream.FinishedOptions|{ cleanup?: boolean } cleanup: remove finished()'s listeners once done
function await.finished(s, opts) end

---The event's values; raises if 'error' comes first or `opts.signal` aborts.
---@param emitter cstream.EventEmitter
---@param name string
---@param opts? { signal: cstream.AbortSignal }
---@return any ...
function await.once(emitter, name, opts) end

---@param r cstream.Readable
---@param opts? cstream.OperatorOptions
---@return any[]
function await.toArray(r, opts) end

---@param r cstream.Readable
---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal })
---@param opts? cstream.OperatorOptions
function await.forEach(r, fn, opts) end

---@param r cstream.Readable
---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param opts? cstream.OperatorOptions
---@return boolean
function await.some(r, fn, opts) end

---@param r cstream.Readable
---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param opts? cstream.OperatorOptions
---@return boolean
function await.every(r, fn, opts) end

---@param r cstream.Readable
---@param fn fun(chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param opts? cstream.OperatorOptions
---@return any
function await.find(r, fn, opts) end

---`stream.await.reduce(r, fn[, initial][, opts])`
---@param r cstream.Readable
---@param fn fun(acc: any, chunk: any, opts: { signal: cstream.AbortSignal }): any
---@param ... any initial, opts
---@return any
function await.reduce(r, fn, ...) end

-- ---------------------------------------------------------------------------
-- Errors

---@class cstream.errors
---@field Error table the metatable of cstream's error tables
local errors = {}

---@param code string
---@param message string
---@param fields? table more fields copied in
---@return cstream.Error
function errors.new(code, message, fields) end

---An error from luv's `nil, message, name` results.
---@param message? string
---@param name? string
---@param syscall? string
---@param path? string
---@return cstream.Error
function errors.fromLuv(message, name, syscall, path) end

---True for cstream's error tables (with that `code`, when given).
---@param e any
---@param code? string
---@return boolean
function errors.is(e, code) end

---Node's aggregateTwoErrors: two different errors become one AggregateError
---table `{ name = "AggregateError", code = outer.code, errors = { outer, inner } }`
---(appended to `outer.errors` when it already has one); otherwise whichever is given.
---@param inner any
---@param outer any
---@return any
function errors.aggregateTwoErrors(inner, outer) end

---`tostring(v)` for printing a value the library did not make: a `__tostring`
---that raises or returns a non-string gives "(error object is a NAME value)".
---@param v any
---@return string
function errors.tostring(v) end

-- ---------------------------------------------------------------------------
-- LTN12

---@class cstream.ltn12
local ltn12 = {}

---An LTN12 source reading `r` (call it inside a coroutine): chunks, then nil at
---the end or `nil, err`.
---@param r cstream.Readable
---@return fun(): string|nil, any
function ltn12.source(r) end

---An LTN12 sink writing `w` (inside a coroutine): returns 1, or `nil, err`;
---`sink(nil)` ends `w` and waits for 'finish'.
---@param w cstream.Writable
---@return fun(chunk: string|nil, err?: any): integer|nil, any
function ltn12.sink(w) end

-- ---------------------------------------------------------------------------
-- Files

---@class cstream.fs.ReadStreamOptions: cstream.ReadableOptions
---@field flags? string "r"
---@field mode? integer 438 (0o666)
---@field fd? integer read this fd instead of opening `path`
---@field start? integer
---@field ["end"] integer? inclusive, as Node's
---@field autoClose? boolean true

---@class cstream.fs.WriteStreamOptions: cstream.WritableOptions
---@field flags? string "w"
---@field mode? integer 438 (0o666)
---@field fd? integer
---@field start? integer
---@field autoClose? boolean true
---@field flush? boolean fsync before closing

---Events 'open'(fd), 'ready', 'close'.
---@class cstream.fs.ReadStream: cstream.Readable
---@field path string?
---@field fd integer?
---@field flags string
---@field mode integer
---@field start integer?
---@field pos integer?
---@field autoClose boolean
---@field pending boolean true until 'open'
---@field bytesRead integer
local ReadStream = {}

---@param callback? cstream.Callback
function ReadStream:close(callback) end

---Events 'open'(fd), 'ready', 'close'.
---@class cstream.fs.WriteStream: cstream.Writable
---@field path string?
---@field fd integer?
---@field flags string
---@field mode integer
---@field start integer?
---@field pos integer?
---@field autoClose boolean
---@field flush boolean
---@field pending boolean
---@field bytesWritten integer
local WriteStream = {}

---@param callback? cstream.Callback
function WriteStream:close(callback) end

---@class cstream.fs
---@field ReadStream cstream.fs.ReadStream the class
---@field WriteStream cstream.fs.WriteStream the class
local fs = {}

---@param path string|nil nil with `opts.fd`
---@param opts? cstream.fs.ReadStreamOptions
---@return cstream.fs.ReadStream
function fs.createReadStream(path, opts) end

---@param path string|nil nil with `opts.fd`
---@param opts? cstream.fs.WriteStreamOptions
---@return cstream.fs.WriteStream
function fs.createWriteStream(path, opts) end

-- ---------------------------------------------------------------------------
-- zlib

---@class cstream.zlib.Options: cstream.TransformOptions
---@field level? integer
---@field windowBits? integer
---@field memLevel? integer
---@field strategy? integer
---@field dictionary? string
---@field chunkSize? integer
---@field flush? integer
---@field finishFlush? integer
---@field maxOutputLength? integer
---@field info? boolean one-shot helpers: give { buffer = bytes, engine = the stream } instead of the bytes

---@class cstream.zlib.Zlib: cstream.Transform
---@field bytesWritten integer
local Zlib = {}

---@param kind? integer a Z_* flush constant (Z_FULL_FLUSH)
---@param callback? fun()
function Zlib:flush(kind, callback) end

---@param level integer
---@param strategy integer
---@param callback? cstream.Callback
function Zlib:params(level, strategy, callback) end

function Zlib:reset() end

---@param callback? fun()
function Zlib:close(callback) end

---@param chunk string
---@param encoding? cstream.Encoding|cstream.Callback
---@param callback? cstream.Callback
---@return boolean
function Zlib:write(chunk, encoding, callback) end

---@class cstream.zlib
---@field constants table<string, integer> Z_* constants, as Node's zlib.constants
---@field codes table<string|integer, integer|string> zlib's return codes both ways
---@field version string the system zlib's version
---@field Zlib cstream.zlib.Zlib the classes, for isInstance
---@field Deflate cstream.zlib.Zlib
---@field Inflate cstream.zlib.Zlib
---@field Gzip cstream.zlib.Zlib
---@field Gunzip cstream.zlib.Zlib
---@field DeflateRaw cstream.zlib.Zlib
---@field InflateRaw cstream.zlib.Zlib
---@field Unzip cstream.zlib.Zlib
local zlib = {}

---@param opts? cstream.zlib.Options
---@return cstream.zlib.Zlib
function zlib.createGzip(opts) end
---@param opts? cstream.zlib.Options
---@return cstream.zlib.Zlib
function zlib.createGunzip(opts) end
---@param opts? cstream.zlib.Options
---@return cstream.zlib.Zlib
function zlib.createDeflate(opts) end
---@param opts? cstream.zlib.Options
---@return cstream.zlib.Zlib
function zlib.createInflate(opts) end
---@param opts? cstream.zlib.Options
---@return cstream.zlib.Zlib
function zlib.createDeflateRaw(opts) end
---@param opts? cstream.zlib.Options
---@return cstream.zlib.Zlib
function zlib.createInflateRaw(opts) end
---Gunzip or Inflate, by the header.
---@param opts? cstream.zlib.Options
---@return cstream.zlib.Zlib
function zlib.createUnzip(opts) end

---@param data string
---@param opts? cstream.zlib.Options
---@return string
function zlib.gzipSync(data, opts) end
---@param data string
---@param opts? cstream.zlib.Options
---@return string
function zlib.gunzipSync(data, opts) end
---@param data string
---@param opts? cstream.zlib.Options
---@return string
function zlib.deflateSync(data, opts) end
---@param data string
---@param opts? cstream.zlib.Options
---@return string
function zlib.inflateSync(data, opts) end
---@param data string
---@param opts? cstream.zlib.Options
---@return string
function zlib.deflateRawSync(data, opts) end
---@param data string
---@param opts? cstream.zlib.Options
---@return string
function zlib.inflateRawSync(data, opts) end
---@param data string
---@param opts? cstream.zlib.Options
---@return string
function zlib.unzipSync(data, opts) end

---@param data string
---@param opts cstream.zlib.Options|fun(err: any, result: string?)
---@param callback? fun(err: any, result: string?)
function zlib.gzip(data, opts, callback) end
---@param data string
---@param opts cstream.zlib.Options|fun(err: any, result: string?)
---@param callback? fun(err: any, result: string?)
function zlib.gunzip(data, opts, callback) end
---@param data string
---@param opts cstream.zlib.Options|fun(err: any, result: string?)
---@param callback? fun(err: any, result: string?)
function zlib.deflate(data, opts, callback) end
---@param data string
---@param opts cstream.zlib.Options|fun(err: any, result: string?)
---@param callback? fun(err: any, result: string?)
function zlib.inflate(data, opts, callback) end
---@param data string
---@param opts cstream.zlib.Options|fun(err: any, result: string?)
---@param callback? fun(err: any, result: string?)
function zlib.deflateRaw(data, opts, callback) end
---@param data string
---@param opts cstream.zlib.Options|fun(err: any, result: string?)
---@param callback? fun(err: any, result: string?)
function zlib.inflateRaw(data, opts, callback) end
---@param data string
---@param opts cstream.zlib.Options|fun(err: any, result: string?)
---@param callback? fun(err: any, result: string?)
function zlib.unzip(data, opts, callback) end

---@param data string
---@param value? integer a running crc32 to continue
---@return integer
function zlib.crc32(data, value) end

-- ---------------------------------------------------------------------------
-- Handles and processes

---@class cstream.FromHandleOptions: cstream.DuplexOptions
---@field allowHalfOpen? boolean false (as net.Socket): the peer's end ends our side too
---@field manualStart? boolean true: do not start reading before the first read

---A Duplex over a luv stream handle (net.Socket's behaviour).
---@class cstream.Socket: cstream.Duplex
---@field bytesRead integer
---@field bytesWritten integer
---@field fd integer? set on stdin/stdout/stderr

---@alias cstream.StdioSlot "pipe"|"inherit"|"ignore"|integer

---@class cstream.SpawnOptions
---@field cwd? string
---@field env? table<string, string>|string[] the child's whole environment (a map or "K=V" list)
---@field stdio? cstream.StdioSlot|cstream.StdioSlot[] default { "pipe", "pipe", "pipe" }
---@field detached? boolean
---@field uid? integer
---@field gid? integer

---Node's ChildProcess: 'spawn', 'exit'(code, signal), 'close'(code, signal) once it
---exited and its stdout/stderr closed, 'error'(err).
---@class cstream.ChildProcess: cstream.EventEmitter
---@field pid integer?
---@field stdin cstream.Socket|cstream.Writable|nil
---@field stdout cstream.Socket|cstream.Readable|nil
---@field stderr cstream.Socket|cstream.Readable|nil
---@field stdio (cstream.Stream|false)[] one entry per fd; false for a slot that is not a pipe
---@field exitCode integer?
---@field signalCode string? "SIGTERM", …
---@field killed boolean
---@field spawnfile string
---@field spawnargs string[]
local ChildProcess = {}

---@param signal? string|integer "SIGTERM" by default
---@return boolean sent
function ChildProcess:kill(signal) end

function ChildProcess:ref() end

function ChildProcess:unref() end

-- ---------------------------------------------------------------------------
-- The module

---@class cstream
---@field Stream cstream.Stream
---@field Readable cstream.Readable
---@field Writable cstream.Writable
---@field Duplex cstream.Duplex
---@field Transform cstream.Transform
---@field PassThrough cstream.PassThrough
---@field EventEmitter cstream.EventEmitter
---@field AbortController cstream.AbortController
---@field AbortSignal cstream.AbortSignal
---@field await cstream.await
---@field errors cstream.errors
---@field ltn12 cstream.ltn12
---@field fs cstream.fs loaded when first used
---@field zlib cstream.zlib loaded when first used
local cstream = {}

---Queues `fn(...)` on Node's nextTick queue.
---@param fn function
---@param ... any
function cstream.nextTick(fn, ...) end

---Queues `fn(...)` as a microtask (after the nextTick queue drains).
---@param fn function
---@param ... any
function cstream.queueMicrotask(fn, ...) end

---@param x any
---@return boolean
function cstream.isStream(x) end

---@param x any
---@return boolean
function cstream.isReadable(x) end

---@param x any
---@return boolean
function cstream.isWritable(x) end

---@param s cstream.Stream
---@return boolean
function cstream.isErrored(s) end

---@param s cstream.Stream
---@return boolean
function cstream.isDisturbed(s) end

--- Node's stream.isDestroyed: `s` is destroyed (or was marked so by
--- `stream.destroy`); false for anything that is not a stream.
---@param s any
---@return boolean
function cstream.isDestroyed(s) end

--- Node's stream.destroy(s[, err]): `s:destroy(err)`, with an AbortError when
--- `err` is nil and `s` has not finished; nothing when already destroyed. A
--- legacy emitter without destroy() or close() gets `'error'`/`'close'` emitted.
---@param s any
---@param err any?
function cstream.destroy(s, err) end

---Node's errorOrDestroy: destroys `s` with `err` when autoDestroy is on, else emits 'error'.
---@param s cstream.Stream
---@param err any
---@param sync? boolean
function cstream.errorOrDestroy(s, err, sync) end

---@param objectMode boolean
---@return integer
function cstream.getDefaultHighWaterMark(objectMode) end

---@param objectMode boolean
---@param n integer
function cstream.setDefaultHighWaterMark(objectMode, n) end

---Two Duplexes: what one writes, the other reads.
---@param opts? cstream.DuplexPairOptions
---@return cstream.Duplex, cstream.Duplex
function cstream.duplexPair(opts) end

---`pipeline(s1, …, sN[, opts], callback)`: pipes each into the next, destroys every
---stage on error, calls `callback(err[, value])` once; returns sN.
---@param ... any streams or function stages, options, then the callback
---@return any last
function cstream.pipeline(...) end

---`finished(s[, opts], callback)`; returns a function that removes its listeners.
---@param s cstream.Stream
---@param opts cstream.FinishedOptions|cstream.Callback
---@param callback? cstream.Callback
---@return fun() cleanup
function cstream.finished(s, opts, callback) end

---One Duplex writing into the first stream and reading from the last.
---@param ... any
---@return cstream.Duplex
function cstream.compose(...) end

---A Transform from bytes to lines (object mode strings).
---@param opts? cstream.LinesOptions
---@return cstream.Transform
function cstream.lines(opts) end

---@generic S: cstream.Stream
---@param signal cstream.AbortSignal
---@param s S
---@return S
function cstream.addAbortSignal(signal, s) end

---Runs `fn(...)` at once in a new coroutine; an error escaping it is uncaught.
---@param fn function
---@param ... any
function cstream.async(fn, ...) end

---A byte Readable calling the LTN12 source in a coroutine.
---@param source fun(): string|nil, any
---@param opts? cstream.ReadableOptions
---@return cstream.Readable
function cstream.fromLTN12(source, opts) end

---A Writable calling the LTN12 sink per chunk and `sink(nil)` at the end.
---@param sink fun(chunk: string|nil, err?: any): any, any
---@return cstream.Writable
function cstream.toLTN12sink(sink) end

---A Transform following LTN12's filter protocol.
---@param filter fun(chunk: string|nil): string|nil
---@return cstream.Transform
function cstream.fromLTN12filter(filter) end

---A Duplex over a luv stream handle (TCP, pipe, TTY).
---@param handle userdata
---@param opts? cstream.FromHandleOptions
---@return cstream.Socket
function cstream.fromHandle(handle, opts) end

---@return cstream.Readable
function cstream.stdin() end

---@return cstream.Writable
function cstream.stdout() end

---@return cstream.Writable
function cstream.stderr() end

---`spawn(file[, args][, opts])`
---@param file string
---@param args? string[]
---@param opts? cstream.SpawnOptions
---@return cstream.ChildProcess
function cstream.spawn(file, args, opts) end

cstream.Readable = Readable
cstream.Writable = Writable
cstream.Duplex = Duplex
cstream.Transform = Transform
cstream.PassThrough = PassThrough
cstream.EventEmitter = EventEmitter
cstream.AbortController = AbortController
cstream.AbortSignal = AbortSignal
cstream.await = await
cstream.errors = errors
cstream.ltn12 = ltn12
cstream.fs = fs
cstream.zlib = zlib

return cstream
