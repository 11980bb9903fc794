# jsna - the children's JSNA population-needs pipeline.
#
#   make            build libjsna and the programs into build/
#   make run        install missing Debian packages, build, refresh outputs/
#   make check      install missing packages, build, run every test
#   make check-asan the tests under AddressSanitizer and UBSan
#   make install    PREFIX=/usr/local DESTDIR=
#
# DEVELOPER=1 turns warnings into errors; SANITIZE=address,undefined adds
# the sanitizers; COVERAGE=1 adds gcov instrumentation.

-include config.mk

CC      ?= cc
CFLAGS  ?= -O2 -g
PREFIX  ?= /usr/local
BUILD   ?= build

PKGS     = gsl cairo pangocairo sqlite3 inih zlib xlsxwriter libcrypto
TESTPKGS = cmocka
CSV_LIBS ?= -lcsv

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags $(TESTPKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null)

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Wvla -Wpointer-arith \
       -Wundef -Wfloat-equal -Wimplicit-fallthrough
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
ifeq ($(COVERAGE),1)
SANFLAGS += --coverage
endif

ifeq ($(V),1)
Q =
else
Q = @
endif

ALL_CPPFLAGS = -Iinclude -I$(BUILD) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	       $(PKG_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) $(CFLAGS) $(SANFLAGS) -pthread
ALL_LDFLAGS  = $(LDFLAGS) $(SANFLAGS)
LIBS         = $(BUILD)/libjsna.a $(PKG_LIBS) $(CSV_LIBS) -lm -pthread
DEPFLAGS     = -MMD -MP

LIB_SRC  := $(sort $(wildcard pipeline/lib/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schema.o
STAGES   := ingest calc chart table report check stats publish
PROGS    := $(BUILD)/bin/jsna $(STAGES:%=$(BUILD)/bin/jsna-%)
TOOLS    := $(BUILD)/tools/gen-sample $(BUILD)/tools/csvpass
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ     := csvin indicator period load
REPLAYS  := $(FUZZ:%=$(BUILD)/fuzz/replay_%)
FUZZ_TIME ?= 60

all: $(PROGS) $(TOOLS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The warehouse schema lives in one SQL file, embedded as a C string.
$(BUILD)/schema.c: pipeline/lib/schema.sql tools/embed.sh
	@mkdir -p $(@D)
	$(Q)sh tools/embed.sh jsna_schema_sql < $< > $@.tmp && mv $@.tmp $@

# One long string: past the 4,095 characters ISO C promises, which every
# compiler we build with takes.
$(BUILD)/schema.o: $(BUILD)/schema.c
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/libjsna.a: $(LIB_OBJ)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)$(AR) rcs $@ $^

$(BUILD)/bin/jsna: $(BUILD)/pipeline/jsna.o $(BUILD)/libjsna.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBS)

define stage_rule
$(BUILD)/bin/jsna-$(1): $(patsubst %.c,$(BUILD)/%.o,$(wildcard pipeline/$(1)/*.c)) $(BUILD)/libjsna.a
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  LINK    $$@")
	$$(Q)$$(CC) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(LIBS)
endef
$(foreach s,$(STAGES),$(eval $(call stage_rule,$(s))))

$(BUILD)/tools/gen-sample: $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard tools/gen-*.c)))
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ -lm

# The parsing limit `make bench` sets ingest beside: libcsv alone.
$(BUILD)/tools/csvpass: $(BUILD)/tools/csvpass.o
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CSV_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libjsna.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBS) $(TEST_LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(TEST_CFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# Fuzz targets: replayed over their corpus by `make check` (plain main in
# tests/fuzz/driver.c), run under libFuzzer by `make fuzz` (clang), which
# grows a working corpus in build/ and saves any crash under
# tests/fuzz/corpus/TARGET/crash-* to become a regression test.
$(BUILD)/fuzz/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/driver.o $(BUILD)/libjsna.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBS)

$(BUILD)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) -Itests/fuzz $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

fuzz:
	@for t in $(FUZZ); do \
		mkdir -p $(BUILD)/libfuzzer/corpus-$$t && \
		clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
			-Iinclude -Itests/fuzz -I$(BUILD) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
			$(PKG_CFLAGS) tests/fuzz/fuzz_$$t.c $(LIB_SRC) $(BUILD)/schema.c \
			$(PKG_LIBS) $(CSV_LIBS) -lm -pthread -o $(BUILD)/libfuzzer/fuzz_$$t && \
		$(BUILD)/libfuzzer/fuzz_$$t -max_total_time=$(FUZZ_TIME) \
			-artifact_prefix=tests/fuzz/corpus/$$t/crash- \
			$(BUILD)/libfuzzer/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

deps:
	@sh tools/deps.sh

# The bundled sample inputs are generated, deterministically.
inputs: $(BUILD)/tools/gen-sample
	$(BUILD)/tools/gen-sample -o inputs

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/bin/jsna refresh -c jsna.ini

check: deps
	@$(MAKE) --no-print-directory all units
	@sh tests/run-tests.sh $(BUILD)

units: $(UNITS) $(REPLAYS)

check-asan:
	@$(MAKE) --no-print-directory check BUILD=build/asan SANITIZE=address,undefined CFLAGS="-O1 -g"

check-valgrind: deps
	@$(MAKE) --no-print-directory all units
	@VALGRIND=1 sh tests/run-tests.sh $(BUILD)

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin
	cp -f $(PROGS) $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf $(BUILD)

clean-outputs:
	rm -rf outputs/.runs outputs/.current outputs/indicators.csv \
		outputs/charts outputs/tables outputs/report outputs/logs \
		outputs/changes.md outputs/index.html var

# Figures, never a pass or a fail: the national refresh (the national data
# set written once to $(BUILD)/national, again when the generator changes),
# stage by stage, with ingest beside a bare libcsv pass and cat; the
# bundled refresh with nothing new and with one input changed; the SII's
# simulation per area; ingest throughput on the real extracts when
# ../shared is there.
bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/national/.written
	@BIN=$(BUILD)/bin TOOLS=$(BUILD)/tools NATIONAL=$(BUILD)/national \
		WORK=$(BUILD)/bench sh tools/bench-national.sh
	@BIN=$(BUILD)/bin sh tools/bench-refresh.sh
	@BIN=$(BUILD)/bin sh tools/bench-sii.sh
	@if [ -d ../shared/data/real ]; then BIN=$(BUILD)/bin sh tools/bench-ingest.sh; fi

# The national data set: every publication over 15 years and every LSOA
# of England, some 290 MB (inputs/README.md). The stamp is hidden, so the
# ingest's walk passes it by.
$(BUILD)/national/.written: $(BUILD)/tools/gen-sample
	@rm -rf $(BUILD)/national
	@$(if $(Q),echo "  GEN     $(BUILD)/national")
	$(Q)$(BUILD)/tools/gen-sample --national -o $(BUILD)/national
	@touch $@

lint:
	@sh tools/lint.sh

.PHONY: all deps inputs run check units check-asan check-valgrind install \
	clean clean-outputs lint fuzz bench
.DELETE_ON_ERROR:
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
