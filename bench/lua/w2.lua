-- W2: 16,384 chunks of 64 KiB -> 3 PassThrough -> counting Writable.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
require("common").passthrough3("w2", 16384, 65536)
