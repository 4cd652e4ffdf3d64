-- W1: 1,000,000 chunks of 100 bytes -> 3 PassThrough -> counting Writable.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
require("common").passthrough3("w1", 1000000, 100)
