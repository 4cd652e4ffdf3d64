# Reliability checks, included by the Makefile (after its own definitions).
#   make check-asan      C tests + every spec with an ASan+UBSan cstream.so
#   make check-valgrind  every spec (VG_SPECS) and C test under memcheck
#   make fuzz-ci         fixed inputs: each libFuzzer harness for FUZZ_CI_RUNS
#                        inputs from seed FUZZ_CI_SEED (nearly the same run on
#                        every machine), then REENTRY_CI_COUNT re-entry programs
#                        and API_CI_COUNT argument cases from seed 1 (exactly
#                        the same); each step also stops at its time cap
#                        (*_CI_SECONDS)
#   make fuzz-reentry    the re-entry fuzzer (fuzz/reentry.lua) for
#                        REENTRY_SECONDS (300) under the ASan+UBSan module
#                        (REENTRY_SEED: from there, random by default)
#   make fuzz-api        the argument fuzzer (fuzz/api.lua) for API_SECONDS
#                        (300) under the ASan+UBSan module (API_SEED: from there)
# A gate must not fail at random: fuzz-ci replays fixed inputs, the random
# search is fuzz-reentry, fuzz-api and fuzz/run, run for longer by hand.
#   make deps-checks     install clang, its runtimes and valgrind if missing
# Each fails on any sanitizer or memcheck report as well as on a failed test,
# and prints the reports.  The soak spec runs smaller under them (SOAK_MB);
# SPEC_TIME_SCALE tells spec/helper.lua's run() how much slower things are.

CHECK_DEPS ?= clang libclang-rt-14-dev valgrind
SAN_CC     ?= clang
SAN_FLAGS  ?= -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined
ASAN_B     := $(B)/asan
VG_B       := $(B)/valgrind
VALGRIND   ?= valgrind
VG_SPECS   ?= $(SPECS)
# Specs that time themselves or a child process are skipped under memcheck's
# 20-50x slowdown (busted --filter-out patterns, matched on the spec names),
# and so are two that race a few-millisecond timer against an immediate (they
# run in the plain and ASan suites).
VG_SKIP    ?= 1,000,000%schunks with%sthe%sgzip%sbinary \
              flush%scallback%sthat%sarrives%safter%sdestroy \
              leaves%sthe%sloop%stwo%smicrotasks%safter
# The counts take about 20, 35 and 5 seconds on a 2-core AMD EPYC; the
# caps only bound a much slower machine.
FUZZ_CI_SEED ?= 1
FUZZ_CI_RUNS ?= 250000
FUZZ_CI_SECONDS ?= 60
REENTRY_CI_SEED ?= 1
REENTRY_CI_COUNT ?= 2000
REENTRY_CI_SECONDS ?= 120
REENTRY_SECONDS ?= 300
API_CI_SEED ?= 1
API_CI_COUNT ?= 6000
API_CI_SECONDS ?= 60
API_SECONDS ?= 300
CHECK_SOAK_MB_ASAN ?= 32
CHECK_SOAK_MB_VG   ?= 4

# Lua's default C path without /usr/local (see RUN_ENV in the Makefile).
CHECK_CPATH = $(shell $(LUA) -e 'io.write((package.cpath:gsub("[^;]*/usr/local/[^;]*;?", "")))' 2>/dev/null)
CHECK_LPATH = LUA_PATH_5_4='./lua/?.lua;./lua/?/init.lua;;'

# The interpreter is not instrumented: the ASan runtime (clang's, which also
# carries UBSan's handlers) is preloaded so that it comes first and
# intercepts malloc for Lua itself too.  busted prepends .busted's "./?.so"
# to the C path, so --cpath puts the instrumented module first again.
# Reports go to files, one per process: nothing a spec prints can hide one.
ASAN_RT = $(shell $(SAN_CC) -print-file-name=libclang_rt.asan-x86_64.so)
ASAN_REPORTS = $(abspath $(ASAN_B))/reports
ASAN_ENV = ASAN_OPTIONS=log_path=$(ASAN_REPORTS)/asan:detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=0 \
           UBSAN_OPTIONS=log_path=$(ASAN_REPORTS)/ubsan:print_stacktrace=1:halt_on_error=1 \
           LSAN_OPTIONS=suppressions=$(abspath mk/lsan.supp):print_suppressions=0

VG_FLAGS = --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
           --suppressions=$(abspath mk/valgrind.supp) \
           --errors-for-leak-kinds=definite,indirect --num-callers=40 \
           --log-file=$(abspath $(VG_B))/vg.%p.log

.PHONY: deps-checks check-asan check-valgrind fuzz-ci fuzz-reentry fuzz-api asan-module

deps-checks:
	@$(call ensure_pkgs,$(CHECK_DEPS))

# $(call check_reports,dir,pattern,what): print the reports, fail if any.
define check_reports
n=$$(grep -l $(2) $(1)/* 2>/dev/null | wc -l); \
for f in $$(grep -l $(2) $(1)/* 2>/dev/null | head -n 5); do echo "---- $$f"; head -n 60 "$$f"; done; \
echo "$(3): $$n report(s)"; [ $$n -eq 0 ]
endef

# `build` too: specs start child lua5.4 processes that load ./cstream.so.
check-asan: deps-checks build | deps
	@rm -rf $(ASAN_REPORTS) && mkdir -p $(ASAN_REPORTS)
	@start=$$(date +%s); rc=0; \
	$(ASAN_ENV) $(MAKE) --no-print-directory test B=$(ASAN_B) LIB=$(ASAN_B)/cstream.so \
	  CC=$(SAN_CC) CFLAGS='$(SAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined' \
	  BUSTED='$(BUSTED) --cpath=$(ASAN_B)/?.so' \
	  RUN_ENV="LD_PRELOAD=$(ASAN_RT) SOAK_MB=$(CHECK_SOAK_MB_ASAN) SPEC_TIME_SCALE=4 $(CHECK_LPATH) LUA_CPATH_5_4='$(ASAN_B)/?.so;$(CHECK_CPATH)'" \
	  || rc=$$?; \
	echo "check-asan: $$(( $$(date +%s) - start ))s"; \
	$(call check_reports,$(ASAN_REPORTS),-e .,check-asan) && [ $$rc -eq 0 ]

# The module as `make` builds it (-O2 -g); the C tests run under memcheck
# after the specs.
check-valgrind: deps-checks build $(TEST_BIN)
	@rm -rf $(VG_B) && mkdir -p $(VG_B)
	@start=$$(date +%s); rc=0; \
	$(MAKE) --no-print-directory test SPECS='$(VG_SPECS)' LUA='$(VALGRIND) $(VG_FLAGS) $(LUA)' \
	  BUSTED="$(BUSTED) $(foreach p,$(VG_SKIP),--filter-out='$(p)')" \
	  RUN_ENV="SOAK_MB=$(CHECK_SOAK_MB_VG) SPEC_TIME_SCALE=25 $(CHECK_LPATH) LUA_CPATH_5_4='./?.so;$(CHECK_CPATH)'" \
	  || rc=$$?; \
	for t in $(TEST_BIN); do \
	  echo "== valgrind $$t"; \
	  $(VALGRIND) $(VG_FLAGS) ./$$t > $(VG_B)/$$(basename $$t).out 2>&1 || rc=1; \
	  tail -n 1 $(VG_B)/$$(basename $$t).out; \
	done; \
	echo "check-valgrind: $$(( $$(date +%s) - start ))s"; \
	$(call check_reports,$(VG_B),-E 'ERROR SUMMARY: [1-9]',check-valgrind) && [ $$rc -eq 0 ]

# A fresh FUZZ_OUT: what earlier runs found would make the inputs differ.
fuzz-ci: deps-checks
	@rc=0; rm -rf $(B)/fuzz-ci; \
	FUZZ_OUT=$(B)/fuzz-ci FUZZ_SECONDS=$(FUZZ_CI_SECONDS) FUZZ_SEED=$(FUZZ_CI_SEED) \
	  FUZZ_RUNS=$(FUZZ_CI_RUNS) FUZZ_CC=$(SAN_CC) ./fuzz/run || rc=$$?; \
	$(MAKE) --no-print-directory fuzz-reentry REENTRY_SECONDS=$(REENTRY_CI_SECONDS) \
	  REENTRY_SEED=$(REENTRY_CI_SEED) REENTRY_COUNT=$(REENTRY_CI_COUNT) || rc=$$?; \
	$(MAKE) --no-print-directory fuzz-api API_SECONDS=$(API_CI_SECONDS) \
	  API_SEED=$(API_CI_SEED) API_COUNT=$(API_CI_COUNT) || rc=$$?; \
	exit $$rc

# The module check-asan's specs load, alone.
asan-module: deps-checks | deps
	@$(MAKE) --no-print-directory B=$(ASAN_B) LIB=$(ASAN_B)/cstream.so CC=$(SAN_CC) \
	  CFLAGS='$(SAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined' build

# Random programs that re-enter streams from finalizers, listeners and
# implementation functions (fuzz/reentry.lua), under ASan+UBSan.
fuzz-reentry: asan-module
	ASAN_RT=$(ASAN_RT) REENTRY_CPATH=$(ASAN_B) REENTRY_SECONDS=$(REENTRY_SECONDS) \
	  $(if $(REENTRY_SEED),REENTRY_SEED=$(REENTRY_SEED)) \
	  $(if $(REENTRY_COUNT),REENTRY_COUNT=$(REENTRY_COUNT)) ./fuzz/reentry-run

# Every exported function and method called with foreign values as self and
# as arguments (fuzz/api.lua), under ASan+UBSan: a crash, a report, a hang or
# an error that names nothing fails.  API_SEED unset: a random first seed.
fuzz-api: asan-module
	ASAN_RT=$(ASAN_RT) API_CPATH=$(ASAN_B) API_SECONDS=$(API_SECONDS) \
	  $(if $(API_SEED),API_SEED=$(API_SEED)) \
	  $(if $(API_COUNT),API_COUNT=$(API_COUNT)) ./fuzz/api-run
