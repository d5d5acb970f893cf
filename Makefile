# clerk: committee reports from structured data.
#
#   make            build ./clerk
#   make test       install what is missing, build, run every test
#   make asan       the same tests under AddressSanitizer and UBSan
#   make report     every report in content/ to out/ (clerk build)
#   make screenshots  a full-page PNG of each page in out/
#   make install    PREFIX=/usr/local DESTDIR=
#   make format     clang-format every C file
#   make deps       install the Debian packages clerk needs

VERSION := 0.1.0
BUILD   ?= build
BIN     ?= clerk
PREFIX  ?= /usr/local
DESTDIR ?=
ifeq ($(origin CC),default)
CC = gcc
endif
CFLAGS  ?= -O2 -g
SAN     ?=
V       ?=
Q        = $(if $(V),,@)

# pkg-config modules; evaluated lazily so `make deps` can install them first.
PKGS = yaml-0.1 md4c lua5.4 libxml-2.0 harfbuzz harfbuzz-subset libunibreak \
       fontconfig xlsxwriter libzip libdeflate
# The spreadsheet libraries are compiled against but not linked: src/sheet
# opens them with dlopen when a spreadsheet is read or written, so that a
# render does not load them and libcrypto with them. Their sonames come
# from the installed libraries.
DLOPEN_PKGS = xlsxwriter libzip
LINK_PKGS = $(filter-out $(DLOPEN_PKGS),$(PKGS))
soname = $(shell objdump -p $$($(CC) -print-file-name=lib$(1).so) 2>/dev/null | \
	sed -n 's/^ *SONAME *//p')
# Only the tests read PDFs back, through libqpdf.
TEST_PKGS = cmocka libqpdf

WARN = -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings \
       -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition \
       -Wformat=2 -Wvla
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	$(CFLAGS) $(SAN) -Isrc -I$(BUILD)/gen -MMD -MP -DCLERK_VERSION='"$(VERSION)"' \
	-DCLERK_DATADIR='"$(PREFIX)/share/clerk"' \
	$(shell pkg-config --cflags $(PKGS))
# The libraries that no other linked library needs are linked from their
# static archives (Debian's -dev packages ship them): each shared library
# costs a start-up its opening, mapping and symbol lookups, about a third of
# a millisecond a library. `make STATIC=` links them all as shared libraries;
# a statically linked copy takes a Debian update of the library only when
# clerk is built again.
comma := ,
STATIC ?= yaml lua5.4 deflate hyphen csv turbojpeg
DYNAMIC_LIBS = $(filter-out $(addprefix -l,$(STATIC)),\
	$(shell pkg-config --libs $(LINK_PKGS)) -lhyphen -lcsv -lhpdf -lpng -lturbojpeg -lz -lm)
LIBS = $(if $(STATIC),-Wl$(comma)-Bstatic $(addprefix -l,$(STATIC)) -Wl$(comma)-Bdynamic) \
	$(DYNAMIC_LIBS)

LIB_SRC  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/%)

.PHONY: all deps test check-run asan report screenshots install uninstall format lint \
	clean fuzz-all bench bench-pdf test-long
.DEFAULT_GOAL := all

all: $(BIN)

$(BUILD)/libclerk.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(BUILD)/libclerk.a
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libclerk.a $(LIBS)

# The HTML5 entity table, generated from Python's html.entities.html5.
PYTHON ?= /usr/bin/python3
$(BUILD)/gen/entities.inc: mk/entities.py
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)$(PYTHON) mk/entities.py >$@.tmp && mv $@.tmp $@

$(BUILD)/src/base/entity.o: $(BUILD)/gen/entities.inc

# The hook library compiled to Lua bytecode by mk/luac.c, linked to the
# liblua clerk links (bytecode is particular to a Lua version):
# src/hooks/bundled.c loads it in place of a script read with exactly the
# bytes it was compiled from.
BUNDLED_LUA := $(sort $(wildcard scripts/*.lua scripts/lib/*.lua))
$(BUILD)/mk/luac: mk/luac.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(shell pkg-config --libs lua5.4)

$(BUILD)/gen/bundled.inc: $(BUILD)/mk/luac $(BUNDLED_LUA)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)$(BUILD)/mk/luac $(BUNDLED_LUA) >$@.tmp && mv $@.tmp $@

$(BUILD)/src/hooks/bundled.o: $(BUILD)/gen/bundled.inc

$(BUILD)/src/sheet/export.o: ALL_CFLAGS += \
	-DSHEET_XLSXWRITER_SO='"$(call soname,xlsxwriter)"'
$(BUILD)/src/sheet/zip.o: ALL_CFLAGS += -DSHEET_LIBZIP_SO='"$(call soname,zip)"'

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libclerk.a
	@mkdir -p $(@D)
	@echo "  TEST    $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags $(TEST_PKGS)) \
		-o $@ $< $(BUILD)/libclerk.a $(LIBS) \
		$(shell pkg-config --libs $(TEST_PKGS))

$(BUILD)/tests/%: tests/tools/%.c $(BUILD)/libclerk.a
	@mkdir -p $(@D)
	@echo "  TOOL    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libclerk.a $(LIBS)

deps:
	@sh mk/deps.sh

# The README's test command: dependencies, build, every suite.
test:
	@sh mk/deps.sh --quiet
	@$(MAKE) --no-print-directory check-run

check-run: $(BIN) $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) CLERK=$(abspath $(BIN)) sh tests/run.sh

# The sanitizers make every run about three times slower, so the hostile
# layout suite's CPU guard (there to catch work that grows with the square
# of the input) is three times longer under them.
asan:
	@sh mk/deps.sh --quiet
	@GUARD=60 LSAN_OPTIONS=suppressions=$(CURDIR)/mk/lsan.supp:print_suppressions=0 \
		$(MAKE) --no-print-directory check-run BUILD=build-asan \
		BIN=build-asan/clerk CFLAGS="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

# The README's main command: every report in content/ to out/.
report:
	@sh mk/deps.sh --quiet
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN) build content -o out

# A full-page PNG of each report's web page, under out/.
screenshots: report
	@cd tests/browser && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund; }
	@node tests/browser/check.mjs --screenshots out $$(find out -name '*.html' | sort)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/clerk
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/clerk
	install -m 644 docs/clerk.1 $(DESTDIR)$(PREFIX)/share/man/man1/clerk.1
	for d in templates scripts; do \
		if [ -d $$d ]; then cp -R $$d $(DESTDIR)$(PREFIX)/share/clerk/; fi; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/clerk $(DESTDIR)$(PREFIX)/share/man/man1/clerk.1
	rm -rf $(DESTDIR)$(PREFIX)/share/clerk

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

lint:
	clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')
	cppcheck --quiet --error-exitcode=1 --std=c11 -Isrc src

# libFuzzer targets: tests/fuzz/fuzz_NAME.c, seeded from tests/fuzz/NAME/
# (and tests/fuzz/NAME.dict when there is one). `make fuzz-NAME` runs one,
# `make fuzz-all` each in turn, for FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 4096
FUZZ_NAMES := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
# Extra seed folders of a target, besides tests/fuzz/NAME.
FUZZ_SEEDS_load := tests/errors content
# The councils' folders (brand.yaml, extra.css) seed the theme target.
FUZZ_SEEDS_theme := templates
# The style sheets of the councils seed the style sheet target.
FUZZ_SEEDS_style := templates

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC) $(BUILD)/gen/entities.inc \
		$(BUILD)/gen/bundled.inc
	@mkdir -p $(@D)
	clang-14 -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
		-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -I$(BUILD)/gen \
		$(shell pkg-config --cflags $(PKGS)) \
		-DCLERK_VERSION='"fuzz"' -DCLERK_DATADIR='"."' -o $@ \
		$< $(LIB_SRC) $(LIBS)

.PRECIOUS: build-fuzz/fuzz_%
fuzz-%: build-fuzz/fuzz_%
	@mkdir -p build-fuzz/corpus-$*
	$< -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
		$(if $(wildcard tests/fuzz/$*.dict),-dict=tests/fuzz/$*.dict) \
		build-fuzz/corpus-$* $(wildcard tests/fuzz/$*) $(FUZZ_SEEDS_$*)

fuzz-all:
	@for t in $(FUZZ_NAMES); do \
		$(MAKE) --no-print-directory fuzz-$$t FUZZ_SECONDS=$(FUZZ_SECONDS) || exit 1; \
	done

# Compile and render times of a 50 KB template with a full report's data.
# The whole run against bare libharu, and batch builds: make bench (~2 min)
bench: $(BIN) $(BUILD)/bench/mustache_bench $(BUILD)/bench/baseline
	$(BUILD)/bench/mustache_bench
	@/usr/bin/python3 bench/whole.py $(BUILD) $(BENCH_WHOLE_RUNS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libclerk.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libclerk.a $(LIBS)

# The differential test against mustache.js at length (100,000 cases).
test-long: $(BUILD)/tests/mustache_diff
	@MUSTACHE_DIFF_SEEDS="$$(seq 101 120)" MUSTACHE_DIFF_CASES=5000 \
		BUILD=$(BUILD) sh tests/mustache-js/run.sh

# The PDF path on a 12-page paper against bare libharu: make bench-pdf
BENCH_RUNS ?= 21
BENCH_WHOLE_RUNS ?= 5
$(BUILD)/bench/baseline: bench/baseline.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< -lhpdf -lm
bench-pdf: $(BUILD)/tests/html2pdf $(BUILD)/bench/baseline
	@python3 bench/run.py $(BUILD) $(BENCH_RUNS)

clean:
	rm -rf build build-asan build-fuzz $(BIN)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
