-- Shared by the floor workloads: the cstream workloads' helpers (../lua/common.lua)
-- and the floor module, built by `make bench` into build/bench/floor.so.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/../lua/?.lua;" .. package.path
package.cpath = here .. "/../../build/bench/?.so;" .. package.cpath
local B = require("common")
B.floor = require("floor")
-- FLOOR_GUARD=1: the guarded floor; FLOOR_GUARD=index: its __index alone
-- (floor.c; bench/README.md)
local guard = os.getenv("FLOOR_GUARD")
B.guard = guard == "index" and "index" or guard == "1"
return B
