# cstream: build, test and run on Debian 12 with GNU make.
#   make            build cstream.so (the C module, require("cstream.core"))
#   make test       C unit tests + busted specs; ends with "N passed, N failed"
#   make example    run examples/$(EXAMPLE) (upper.lua) with $(ARGS)
#   make deps       install the missing Debian packages (nothing when all are there)
# Also: bench, fuzz, rock, check-rockspec, update-rockspec, clean.

SHELL := /bin/bash

ifeq ($(origin CC),default)
CC := gcc
endif
CFLAGS  ?= -O2 -g
LDFLAGS ?=
LUA     ?= lua5.4
LUA_INC ?= /usr/include/lua5.4
BUSTED  ?= /usr/bin/busted
EXAMPLE ?= upper.lua
ARGS    ?=
TEST_TIMEOUT ?= 600

# Flags the code relies on; CFLAGS stays free for -O0, sanitizers and such.
ALL_CFLAGS := -std=c99 -Wall -Wextra -Werror -fPIC -MMD -MP -I$(LUA_INC) -Isrc $(CFLAGS)

B    := build
LIB  := cstream.so
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

# Debian packages needed to build and test; `make deps` installs what is missing.
DEPS      ?= lua5.4 liblua5.4-dev lua-luv lua-luv-dev lua-busted zlib1g-dev
ROCK_DEPS ?= luarocks
APT_GET   ?= apt-get

# In-tree modules first. /usr/local is left out of the C path so that a cstream
# installed by `make rock` (/usr/local/lib/lua/5.4/cstream/core.so) cannot shadow
# ./cstream.so: Lua's C searcher would find it before the all-in-one loader.
RUN_ENV = LUA_PATH_5_4='./lua/?.lua;./lua/?/init.lua;;' \
          LUA_CPATH_5_4='./?.so;$(shell $(LUA) -e 'io.write((package.cpath:gsub("[^;]*/usr/local/[^;]*;?", "")))' 2>/dev/null)'

.PHONY: FORCE all build deps rock-deps test example bench fuzz rock check-rockspec update-rockspec clean
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

# ---- the module -----------------------------------------------------------
# A stamp of the compiler and flags: changing CC or CFLAGS rebuilds everything.
$(B)/flags: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' > $@

$(B)/%.o: src/%.c $(B)/flags | deps
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The module links zlib but not liblua: the interpreter provides the Lua API.
$(LIB): $(OBJ) $(B)/flags | deps
	$(CC) -shared -o $@ $(OBJ) $(LDFLAGS) -lz -lm

# The same objects as an archive, so a test program pulls in only what it uses
# (a core test never drags in the Lua binding).
$(CORE): $(OBJ)
	@rm -f $@
	ar rcs $@ $(OBJ)

$(B)/test-%.o: test/%.c $(B)/flags | deps
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Keep the test objects: make would delete them as intermediate files.
.SECONDARY: $(TESTS:test/%.c=$(B)/test-%.o) $(TEST_SOBJ)
$(B)/test_%: $(B)/test-test_%.o $(TEST_SOBJ) $(CORE)
	$(CC) -o $@ $^ $(LDFLAGS) -lz -lm

# ---- tests ----------------------------------------------------------------
# Every C test program prints its own "N passed, N failed" line; busted runs each
# spec file in its own process (a crash in one file cannot hide the others) with
# TAP output, whose "ok N"/"not ok N" lines are counted. A program or spec file
# that crashes, or exits non-zero without a failure, counts as one failure.
# The last line is the total, and the exit status is non-zero if anything failed.
test: build $(TEST_BIN)
	@pass=0; fail=0; \
	for t in $(TEST_BIN); do \
	  echo "== $$t"; \
	  timeout $(TEST_TIMEOUT) ./$$t > $$t.log 2>&1; rc=$$?; cat $$t.log; \
	  line=$$(grep -E '^[0-9]+ passed, [0-9]+ failed' $$t.log | tail -n 1); \
	  if [ -z "$$line" ]; then fail=$$((fail + 1)); echo "FAILED: $$t printed no result line (exit $$rc)"; continue; fi; \
	  p=$${line%% passed*}; f=$${line#*passed, }; f=$${f%% failed*}; \
	  pass=$$((pass + p)); fail=$$((fail + f)); \
	  if [ $$rc -ne 0 ] && [ $$f -eq 0 ]; then fail=$$((fail + 1)); echo "FAILED: $$t exited $$rc"; fi; \
	done; \
	for s in $(SPECS); do \
	  echo "== $$s"; log=$(B)/$$(basename $$s .lua).log; \
	  $(RUN_ENV) timeout $(TEST_TIMEOUT) $(LUA) $(BUSTED) -o TAP $$s < /dev/null > $$log 2>&1; rc=$$?; \
	  cat $$log; \
	  read p f plan < <(awk 'BEGIN { n = 0; p = 0; f = 0; plan = 0 } \
	    /^ok [0-9]+ - / { if ($$2 == n + 1) { n++; if ($$4 != "#" || $$5 != "SKIP") p++ } } \
	    /^not ok [0-9]+ - / { if ($$3 == n + 1) { n++; f++ } } \
	    /^1\.\.[0-9]+$$/ { if (substr($$0, 4) == n) plan = 1 } \
	    END { print p, f, plan }' $$log); \
	  pass=$$((pass + p)); fail=$$((fail + f)); \
	  if [ $$plan -eq 0 ] || { [ $$rc -ne 0 ] && [ $$f -eq 0 ]; }; then \
	    echo "FAILED: $$s did not finish cleanly (exit $$rc)"; \
	    $(LUA) -e "local ok, e = loadfile('$$s') if not ok then print(e) end"; \
	    [ $$f -gt 0 ] || fail=$$((fail + 1)); fi; \
	done; \
	echo "== rockspec"; \
	if $(call ROCKSPEC_RUN,check); then pass=$$((pass + 1)); else fail=$$((fail + 1)); fi; \
	echo "$$pass passed, $$fail failed" > $(B)/summary; \
	echo "$$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]

# ---- running things ---------------------------------------------------------
example: build
	@$(RUN_ENV) $(LUA) examples/$(EXAMPLE) $(ARGS)

bench: build
	@$(RUN_ENV) ./bench/run

fuzz:
	@rc=0; CC='$(CC)' ./fuzz/run || rc=$$?; $(MAKE) --no-print-directory fuzz-reentry || rc=$$?; exit $$rc

# ---- the rock ---------------------------------------------------------------
ROCKSPEC := cstream-scm-1.rockspec

LUAROCKS ?= luarocks --lua-version=5.4

rock: rock-deps deps
	$(LUAROCKS) make --deps-mode=none $(ROCKSPEC)
	@# luarocks builds in place: its cstream/core.so would shadow ./cstream.so in-tree
	rm -f cstream/core.so src/*.o && { rmdir cstream 2>/dev/null || true; }

# The rockspec names its files one by one (no globs in rockspecs); these keep
# the two lists (C sources, Lua modules) equal to what is in the tree.
define ROCKSPEC_LUA
local mode, file, csrc, lmods = ...
local function words(s) local t = {} for w in s:gmatch("%S+") do t[#t + 1] = w end return t end
local want_c = words(csrc)
local want_l = {}
for _, f in ipairs(words(lmods)) do
  local name = f:match("^lua/cstream/(.+)%.lua$$")
  want_l[#want_l + 1] = { name == "init" and "cstream" or "cstream." .. name, f }
end
table.sort(want_l, function(a, b) return a[1] < b[1] end)
local text = assert(io.open(file)):read("a")
if mode == "update" then
  local function block(tag, lines)
    local n
    text, n = text:gsub("(%-%- begin " .. tag .. "[^\n]*\n).-([ \t]*%-%- end " .. tag .. ")",
      function(head, tail) return head .. table.concat(lines, "") .. tail end)
    assert(n == 1, "marker '-- begin " .. tag .. "' not found in " .. file)
  end
  local c, l = {}, {}
  for _, f in ipairs(want_c) do c[#c + 1] = ("        %q,\n"):format(f) end
  for _, m in ipairs(want_l) do l[#l + 1] = ("    [%q] = %q,\n"):format(m[1], m[2]) end
  block("sources", c)
  block("modules", l)
  assert(io.open(file, "w")):write(text)
  return
end
local spec = {}
assert(load(text, "@" .. file, "t", spec))()
local have_c, have_l = {}, {}
for name, v in pairs(spec.build.modules) do
  if name == "cstream.core" then have_c = v.sources else have_l[#have_l + 1] = { name, v } end
end
table.sort(have_l, function(a, b) return a[1] < b[1] end)
local function show(t) local o = {} for i, v in ipairs(t) do o[i] = type(v) == "table" and v[1] .. "=" .. v[2] or v end return table.concat(o, " ") end
local ok = true
for _, p in ipairs({ { "C sources", have_c, want_c }, { "Lua modules", have_l, want_l } }) do
  if show(p[2]) ~= show(p[3]) then
    ok = false
    io.stderr:write(("%s: %s lists %s\n  the tree has %s\n"):format(p[1], file, show(p[2]), show(p[3])))
  end
end
if not ok then io.stderr:write("run `make update-rockspec`\n") os.exit(1) end
print(file .. " lists every C source and Lua module")
endef
export ROCKSPEC_LUA

ROCKSPEC_RUN = printf '%s\n' "$$ROCKSPEC_LUA" | $(LUA) - $(1) $(ROCKSPEC) '$(SRC)' '$(LUAMODS)'

check-rockspec: | deps
	@$(call ROCKSPEC_RUN,check)

update-rockspec: | deps
	@$(call ROCKSPEC_RUN,update)
	@$(call ROCKSPEC_RUN,check)

clean:
	rm -rf $(B) $(LIB) cstream/core.so src/*.o

FORCE:

-include $(OBJ:.o=.d) $(TEST_SOBJ:.o=.d) $(TESTS:test/%.c=$(B)/test-%.d)

# Sanitizers, valgrind and fuzzing: check-asan, check-valgrind, fuzz-ci.
-include mk/checks.mk
