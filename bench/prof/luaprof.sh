# Sourced by bench/profile and bench/measure from the tree's root: the in-tree
# module paths, and $OUT/luaprof (bench/prof/luaprof.c, the stock Lua VM with
# its symbol names) built when missing or older than its source.
: "${LUA_PATH_5_4:=./lua/?.lua;./lua/?/init.lua;;}"
: "${LUA_CPATH_5_4:=./?.so;;}"
export LUA_PATH_5_4 LUA_CPATH_5_4
OUT=${PROF_DIR:-${TMPDIR:-/tmp}/cstream-prof}
mkdir -p "$OUT"
LIBLUA=${LIBLUA:-/usr/lib/x86_64-linux-gnu/liblua5.4.a}
if [ ! -x "$OUT/luaprof" ] || [ bench/prof/luaprof.c -nt "$OUT/luaprof" ]; then
  ${CC:-gcc} -std=c99 -O2 -g -fno-omit-frame-pointer -no-pie -I/usr/include/lua5.4 \
    -o "$OUT/luaprof" bench/prof/luaprof.c -rdynamic \
    -Wl,--whole-archive "$LIBLUA" -Wl,--no-whole-archive -lm -ldl
fi
