# cstream: build, test and run on Debian 12 with GNU make.
#   make            build cstream.so (the C module, require("cstream.core"))
#   make test       C unit tests, fuzz corpora replayed, busted specs; ends with
#                   "N passed, N failed"
#   make example    run examples/$(EXAMPLE) (upper.lua) with $(ARGS)
#   make deps       install the missing Debian packages (nothing when all are there)
# Plain `make` never touches packages; test, example, bench and the checks run
# `make deps` first, so on a fresh Debian 12 they install what they need.
# Also: bench (bench-flat: its flat-cost part alone), fuzz, rock, rock-test (`luarocks test`), check-rockspec,
# update-rockspec, clean, check-nvim (cstream in a headless Neovim), twins (rerun
# the specs' JS twins with node, rewrite their .expected), check-twins (rerun them
# and compare with the .expected).  LUA=lua5.3 or LUA=luajit: the same for that
# interpreter (docs/API.md, "Lua versions").

SHELL := /bin/bash

ifeq ($(origin CC),default)
CC := gcc
endif
CFLAGS  ?= -O2 -g
LDFLAGS ?=
LUA     ?= lua5.4
# LUA=lua5.3 or LUA=luajit builds for that interpreter, in a build directory of
# its own (objects compiled against one lua.h never link with another's) and
# with its packages; plain `make` is Lua 5.4 in build/ as always.
# The interpreter's name: LUA's last word (check-valgrind runs the suite with
# LUA='valgrind … lua5.4').
LUA_NAME = $(notdir $(lastword $(LUA)))
LUA_INC_lua5.4 := /usr/include/lua5.4
LUA_INC_lua5.3 := /usr/include/lua5.3
LUA_INC_luajit := /usr/include/luajit-2.1
LUA_INC ?= $(or $(LUA_INC_$(LUA_NAME)),/usr/include/lua5.4)
BUSTED  ?= /usr/bin/busted
EXAMPLE ?= upper.lua
ARGS    ?=
TEST_TIMEOUT ?= 600

# Flags the code relies on; CFLAGS stays free for -O0, sanitizers and such.
# The core (src/cs_*.c) and the C tests are compiled without the Lua headers on
# the path, so none of them can include lua.h by accident: only the binding
# (src/lcs_*.c) gets LUA_CFLAGS.
# -fvisibility=hidden: the module exports luaopen_cstream_core alone (lcs.h).
# WARN is LPeg's warning set less -Waggregate-return: returning a small struct
# by value is plain C99 (the fake host hands out cs_chunk values so).  Clean
# under gcc and clang; fuzz/run uses it too.
WARN ?= -Wall -Wextra -pedantic -Wcast-align -Wcast-qual -Wdisabled-optimization \
        -Wpointer-arith -Wshadow -Wredundant-decls -Wsign-compare -Wundef \
        -Wwrite-strings -Wbad-function-cast -Wmissing-prototypes \
        -Wmissing-declarations -Wnested-externs -Wstrict-prototypes
export WARN
ALL_CFLAGS := -std=c99 $(WARN) -Werror -fPIC -fvisibility=hidden -MMD -MP -Isrc $(CFLAGS)
LUA_CFLAGS := -I$(LUA_INC)

B    := build$(if $(filter-out lua5.4,$(LUA_NAME)),-$(LUA_NAME))
LIB  := $(if $(filter-out lua5.4,$(LUA_NAME)),$(B)/)cstream.so
# Test and fuzz harnesses never go into the module.
SRC  := $(sort $(filter-out src/test_% src/%_test.c src/fuzz_% src/%_fuzz.c,$(wildcard src/*.c)))
OBJ  := $(SRC:src/%.c=$(B)/%.o)
CORE := $(B)/libcstream.a
LUAMODS := $(sort $(wildcard lua/cstream/*.lua))

# C unit tests: each test/test_*.c is one program; other test/*.c are shared
# support (fake hosts and such) linked into every test program.
TESTS     := $(sort $(wildcard test/test_*.c))
TEST_SUP  := $(filter-out $(TESTS),$(wildcard test/*.c))
TEST_BIN  := $(TESTS:test/%.c=$(B)/%)
TEST_SOBJ := $(TEST_SUP:test/%.c=$(B)/test-%.o)
SPECS      = $(sort $(shell find spec -name '*_spec.lua' 2>/dev/null))
# Each fuzz harness also builds as a plain program (fuzz/replay.h) that
# replays its committed corpus, fuzz/corpus/NAME, one child per input.
FUZZERS    := $(sort $(wildcard fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZERS:fuzz/fuzz_%.c=$(B)/replay_%)

# Debian packages needed to build and test; `make deps` installs what is missing.
# lua-socket is for the specs only: spec/ltn12_spec.lua runs LuaSocket's ltn12.lua.
DEPS_lua5.3 := lua5.3 liblua5.3-dev
# neovim (~25 MB with its runtime): `make test LUA=luajit` runs cstream in it.
DEPS_luajit := luajit libluajit-5.1-dev neovim
DEPS      ?= lua5.4 liblua5.4-dev lua-luv lua-luv-dev lua-busted zlib1g-dev lua-socket \
             $(DEPS_$(LUA_NAME))
ROCK_DEPS ?= luarocks
APT_GET   ?= apt-get

# In-tree modules first. /usr/local is left out of the C path so that a cstream
# installed by `make rock` (/usr/local/lib/lua/5.4/cstream/core.so) cannot shadow
# ./cstream.so: Lua's C searcher would find it before the all-in-one loader.
LUA_ENV_lua5.4 := _5_4
LUA_ENV_lua5.3 := _5_3
LUA_ENV_luajit :=
LUA_ENV_SUF = $(LUA_ENV_$(LUA_NAME))
# .busted puts ./?.so first, the 5.4 module: others point busted at theirs.
BUSTED_RUN = $(strip $(BUSTED) $(if $(filter-out lua5.4,$(LUA_NAME)),--cpath=./$(B)/?.so))
RUN_ENV = LUA_PATH$(LUA_ENV_SUF)='./lua/?.lua;./lua/?/init.lua;;' \
          LUA_CPATH$(LUA_ENV_SUF)='$(patsubst ././%,./%,./$(dir $(LIB)))?.so;$(shell $(LUA) -e 'io.write((package.cpath:gsub("[^;]*/usr/local/[^;]*;?", "")))' 2>/dev/null)'

.PHONY: FORCE all build deps rock-deps test example bench bench-floor bench-flat fuzz rock rock-test \
        check-rockspec update-rockspec clean twins check-twins check-nvim
.DELETE_ON_ERROR:

all: build
build: $(LIB)

# ---- Debian packages ------------------------------------------------------
# $(call ensure_pkgs,list): apt-get update + install only when one is missing.
define ensure_pkgs
missing=$$(for p in $(1); do \
  dpkg-query -W -f='$${db:Status-Abbrev}' "$$p" 2>/dev/null | grep -q '^ii' || echo "$$p"; \
done); \
if [ -n "$$missing" ]; then \
  sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
  echo "installing Debian packages:" $$missing; \
  $$sudo $(APT_GET) update -q && \
  $$sudo env DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q --no-install-recommends $$missing; \
fi
endef

deps:
	@$(call ensure_pkgs,$(DEPS))

rock-deps:
	@$(call ensure_pkgs,$(ROCK_DEPS))

# Goals that install what is missing before compiling anything: the objects
# wait for `deps` only then (an order-only prerequisite would otherwise run
# beside the compiler under -j).
DEPS_GOALS := test example bench rock rock-test check-asan check-valgrind
NEED_DEPS  := $(if $(filter $(DEPS_GOALS),$(MAKECMDGOALS)),deps)

# ---- the module -----------------------------------------------------------
# A stamp of the compiler and flags: changing CC or CFLAGS rebuilds everything.
$(B)/flags: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(LUA_CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS) $(LUA_CFLAGS) $(LDFLAGS)' > $@

$(B)/lcs_%.o: XCFLAGS = $(LUA_CFLAGS)
$(B)/%.o: src/%.c $(B)/flags | $(NEED_DEPS)
	$(CC) $(ALL_CFLAGS) $(XCFLAGS) -c $< -o $@

# The module links zlib but not liblua: the interpreter provides the Lua API.
$(LIB): $(OBJ) $(B)/flags
	$(CC) -shared -o $@ $(OBJ) $(LDFLAGS) -lz -lm

# The same objects as an archive, so a test program pulls in only what it uses
# (a core test never drags in the Lua binding).
$(CORE): $(OBJ)
	@rm -f $@
	ar rcs $@ $(OBJ)

$(B)/test-%.o: test/%.c $(B)/flags | $(NEED_DEPS)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Keep the test objects: make would delete them as intermediate files.
.SECONDARY: $(TESTS:test/%.c=$(B)/test-%.o) $(TEST_SOBJ)
$(B)/test_%: $(B)/test-test_%.o $(TEST_SOBJ) $(CORE)
	$(CC) -o $@ $^ $(LDFLAGS) -lz -lm

$(B)/replay_%: fuzz/fuzz_%.c fuzz/replay.h $(TEST_SOBJ) $(CORE) $(B)/flags | $(NEED_DEPS)
	$(CC) $(ALL_CFLAGS) -Itest -D_POSIX_C_SOURCE=200809L -DCS_FUZZ_MAIN \
	  -DCS_FUZZ_CORPUS='"fuzz/corpus/$*"' -o $@ $< $(TEST_SOBJ) $(CORE) $(LDFLAGS) -lz -lm

# ---- tests ----------------------------------------------------------------
# mk/run-tests runs each C test program and each spec file in its own process,
# counts their results and ends with the total, "N passed, N failed".
# $(call shq,text): text as one single-quoted shell word.
shq = '$(subst ','\'',$(1))'

# test/twins/run: each JS twin under test/twins/ against the NAME.expected beside it.
twins:
	test/twins/run --update

check-twins:
	test/twins/run

# The failing allocator of spec/memerr_spec.lua: a test-only module, never in
# cstream.so; -z nodelete because lua_close frees through it after unloading
# C modules.  LuaJIT has no lua_setallocf to speak of: the spec is skipped.
MEMLIMIT := $(if $(filter luajit,$(LUA_NAME)),,$(B)/testlib/memlimit.so)
$(B)/testlib/memlimit.so: test/lua/memlimit.c $(B)/flags | $(NEED_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LUA_CFLAGS) -shared -Wl,-z,nodelete -o $@ $< $(LDFLAGS)

test: build $(TEST_BIN) $(REPLAY_BIN) $(MEMLIMIT) | $(NEED_DEPS)
	@CSTREAM_MEMLIMIT=$(call shq,$(MEMLIMIT)) LUA=$(call shq,$(LUA)) BUSTED=$(call shq,$(BUSTED_RUN)) RUN_ENV=$(call shq,$(RUN_ENV)) \
	  TEST_TIMEOUT=$(call shq,$(TEST_TIMEOUT)) LOGDIR=$(call shq,$(B)) MODULE=$(call shq,$(LIB)) \
	  ROCKSPEC=$(call shq,$(ROCKSPEC)) ROCKSPEC_SRC=$(call shq,$(SRC)) \
	  ROCKSPEC_LUAMODS=$(call shq,$(LUAMODS)) DOCSCOV=mk/docscov.lua \
	  NVIM_CHECK=$(call shq,$(NVIM_CHECK)) \
	  ./mk/run-tests $(TEST_BIN) $(REPLAY_BIN) $(SPECS)

# cstream inside a headless Neovim (Debian's neovim runs LuaJIT): the LuaJIT
# build on the loop Neovim owns.  `make test LUA=luajit` runs it last (it
# says so and skips it where nvim is missing); the 5.4 suite does not:
# Neovim is no dependency of it.
NVIM_CHECK = $(if $(filter luajit,$(LUA_NAME)),test/nvim/spawn_lines.lua)
check-nvim: | deps
	@$(MAKE) --no-print-directory LUA=luajit build
	@dpkg-query -W -f='$${db:Status-Abbrev}' neovim 2>/dev/null | grep -q '^ii' || \
	  $(MAKE) --no-print-directory deps DEPS=neovim
	timeout 120 nvim --headless -u NONE -i NONE -c 'luafile test/nvim/spawn_lines.lua'

# ---- running things ---------------------------------------------------------
example: build | $(NEED_DEPS)
	@$(RUN_ENV) $(LUA) examples/$(EXAMPLE) $(ARGS)

# The bench's floor (bench/floor/floor.c) is a module of its own, never part of cstream.so.
bench: build bench-floor | $(NEED_DEPS)
	@$(RUN_ENV) ./bench/run

bench-floor: $(B)/bench/floor.so
$(B)/bench/floor.so: bench/floor/floor.c $(B)/flags | deps
	@mkdir -p $(@D)
	$(CC) -std=c99 -Wall -Wextra -Werror -fPIC -I$(LUA_INC) $(CFLAGS) -shared -o $@ $< $(LDFLAGS)

bench-flat: build
	@$(RUN_ENV) $(LUA) bench/flat.lua

fuzz:
	@rc=0; CC='$(CC)' ./fuzz/run || rc=$$?; $(MAKE) --no-print-directory fuzz-reentry || rc=$$?; \
	$(MAKE) --no-print-directory fuzz-api || rc=$$?; exit $$rc

# ---- the rock ---------------------------------------------------------------
ROCKSPEC := cstream-scm-1.rockspec

LUAROCKS ?= luarocks --lua-version=5.4

rock: rock-deps deps
	$(LUAROCKS) make --deps-mode=none $(ROCKSPEC)
	@# luarocks builds in place: its cstream/core.so would shadow ./cstream.so in-tree
	rm -f cstream/core.so src/*.o && { rmdir cstream 2>/dev/null || true; }

# `luarocks test` as a user runs it (busted as a rock, every spec in one
# busted process, in-tree paths from .busted), offline: Debian's busted is no
# rock, so a stand-in (mk/rock-test/) goes into a tree under $(B), the only
# tree this luarocks sees.  Online, plain `luarocks test` installs busted.
ROCK_TREE := $(abspath $(B))/rocks
ROCK_TEST_ENV = LUAROCKS_CONFIG=$(abspath $(B))/luarocks-test.lua

rock-test: build | rock-deps deps
	@printf 'rocks_trees = { { name = "test", root = "%s" } }\n' '$(ROCK_TREE)' \
	  > $(B)/luarocks-test.lua
	@$(ROCK_TEST_ENV) $(LUAROCKS) show busted > /dev/null 2>&1 || \
	  (cd mk/rock-test && $(ROCK_TEST_ENV) $(LUAROCKS) --tree=$(ROCK_TREE) \
	     make busted-0-0.rockspec > /dev/null)
	$(ROCK_TEST_ENV) $(LUAROCKS) test

# mk/rockspec.lua keeps the rockspec's lists of files equal to the tree's.
ROCKSPEC_RUN = $(LUA) mk/rockspec.lua $(1) $(ROCKSPEC) '$(SRC)' '$(LUAMODS)'

check-rockspec: | deps
	@$(call ROCKSPEC_RUN,check)

update-rockspec: | deps
	@$(call ROCKSPEC_RUN,update)
	@$(call ROCKSPEC_RUN,check)

clean:
	rm -rf $(B) $(LIB) cstream/core.so src/*.o

FORCE:

-include $(OBJ:.o=.d) $(TEST_SOBJ:.o=.d) $(TESTS:test/%.c=$(B)/test-%.d) $(REPLAY_BIN:=.d)

# Sanitizers, valgrind and fuzzing: check-asan, check-valgrind, fuzz-ci.
-include mk/checks.mk
