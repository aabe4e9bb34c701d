# ofsearch: search Ofsted children's services inspection reports.
# One non-recursive Makefile.  `make` builds both programs, `make check`
# runs the tests (plainly, then under ASan and UBSan), `make bench` runs
# the benchmark harness, `make install` honours PREFIX and DESTDIR.

VERSION := 0.1.0
# The shared library's soname version: raised when the API breaks.
SOVERSION := 0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/ofsearch
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

# Where the shared sample of real Ofsted reports lives; tests that need it
# skip when it is absent.
OFS_SHARED ?= $(abspath ../shared)

PKG_CONFIG ?= pkg-config
OBJ = $(BUILD)/obj
CORE_PKGS := xapian-core libutf8proc zlib jansson

ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT := -O1 -g
else
BUILD ?= build
SANFLAGS :=
OPT := -O2 -g
endif

WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wno-unused-parameter
CPPFLAGS += -Iinclude -Ilib -DOFS_VERSION='"$(VERSION)"' -D_GNU_SOURCE \
	-DOFS_DATADIR='"$(DATADIR)/ofsearch"' -DOFS_INDEXER_NAME='"$(INSTALL_INDEXER)"'
CFLAGS ?= $(OPT)
# -fPIC: the same objects make libofs.a (the programs) and libofs.so.
CFLAGS += -fPIC -std=c11 $(WARN) $(SANFLAGS) $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS))
CXXFLAGS ?= $(OPT)
CXXFLAGS += -fPIC -std=c++17 $(WARN) $(SANFLAGS) $(shell $(PKG_CONFIG) --cflags xapian-core libutf8proc)
LDFLAGS += $(SANFLAGS)

CORE_LIBS := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS)) -lstdc++ -lm
# Debian's mupdf.pc omits harfbuzz, which its static library needs.
PDF_LIBS := $(shell $(PKG_CONFIG) --static --libs mupdf) -lharfbuzz
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check)

# lib/ holds one folder per stage data passes through (README: Layout).
# lib/read/pdf/ needs MuPDF and goes into the indexer only; lib/serve/
# needs libmicrohttpd and goes into the searcher only; everything else in
# lib/ is the library both programs share.
PDF_SRC := $(wildcard lib/read/pdf/*.c)
SERVE_SRC := $(wildcard lib/serve/*.c)
CORE_SRC := $(filter-out $(PDF_SRC) $(SERVE_SRC),$(wildcard lib/*/*.c)) $(wildcard lib/*/*.cc)
CORE_OBJ := $(patsubst %,$(OBJ)/%.o,$(basename $(CORE_SRC)))
PDF_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(PDF_SRC))
SERVE_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(SERVE_SRC))
LIBOFS := $(BUILD)/libofs.a
LIBOFS_PDF := $(BUILD)/libofs-pdf.a
# The shared library for library users: the core (no PDF reading: MuPDF
# is static only), exporting the public headers' functions alone.
SONAME := libofs.so.$(SOVERSION)
LIBOFS_SO := $(BUILD)/$(SONAME)
PUBLIC_H := $(wildcard include/ofs/*.h)
LIBOFS_SERVE := $(BUILD)/libofs-serve.a
SERVE_LIBS := $(shell $(PKG_CONFIG) --libs libmicrohttpd) -lpthread

INDEXER_SRC := $(wildcard indexer/*.c)
SEARCHER_SRC := $(wildcard searcher/*.c)
TEST_SRC := $(wildcard tests/check_*.c)
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
TEST_UTIL_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(wildcard tests/util_*.c))
BENCH_SRC := $(wildcard bench/*.c)

PROGRAMS := $(BUILD)/indexer $(BUILD)/searcher
# Installed names: "indexer" and "searcher" alone collide with other
# packages' programs (Debian's sphinxsearch ships an indexer).
INSTALL_SEARCHER := ofsearch
INSTALL_INDEXER := ofsearch-index

.SECONDARY:
.PHONY: all demo check check-plain check-san check-install bench install uninstall clean
all: $(PROGRAMS) $(LIBOFS_SO)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(OBJ)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -MMD -MP -c -o $@ $<

$(LIBOFS): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libofs.map: $(PUBLIC_H) scripts/mkmap.sh
	@mkdir -p $(dir $@)
	sh scripts/mkmap.sh $(PUBLIC_H) > $@

$(LIBOFS_SO): $(CORE_OBJ) $(BUILD)/libofs.map
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(BUILD)/libofs.map \
		-Wl,--no-undefined -o $@ $(CORE_OBJ) $(CORE_LIBS)

$(LIBOFS_PDF): $(PDF_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(LIBOFS_SERVE): $(SERVE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/indexer: $(patsubst %.c,$(OBJ)/%.o,$(INDEXER_SRC)) $(LIBOFS_PDF) $(LIBOFS)
	$(CC) $(LDFLAGS) -o $@ $^ $(PDF_LIBS) $(CORE_LIBS)

$(BUILD)/searcher: $(patsubst %.c,$(OBJ)/%.o,$(SEARCHER_SRC)) $(LIBOFS_SERVE) $(LIBOFS)
	$(CC) $(LDFLAGS) -o $@ $^ $(SERVE_LIBS) $(CORE_LIBS)

$(BUILD)/tests/%: $(OBJ)/tests/%.o $(TEST_UTIL_OBJ) $(LIBOFS_PDF) $(LIBOFS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(PDF_LIBS) $(CORE_LIBS) $(CHECK_LIBS)

# Index the bundled corpus into the default index, ask it a question,
# then serve the search page over it until Ctrl-C.
demo: all
	$(BUILD)/indexer corpus
	$(BUILD)/searcher --facets "front door weaknesses"
	@echo "The search page: open the address below; Ctrl-C stops it."
	$(BUILD)/searcher --serve

# The tests run the real programs on the bundled corpus and, where it is
# present, on the shared sample.
check: check-plain check-san

check-plain: $(PROGRAMS) $(TEST_BIN)
	OFS_BUILD=$(BUILD) OFS_SHARED=$(OFS_SHARED) sh tests/run.sh $(TEST_BIN)
	$(if $(filter 1,$(SAN)),,$(MAKE) check-install)

# Xapian 1.4's Database::check() deletes an object through a pointer to
# a smaller type inside libxapian (new-delete-type-mismatch): not ours,
# and harmless there, so that one check of ASan is off.
check-san:
	ASAN_OPTIONS=$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}new_delete_type_mismatch=0 $(MAKE) SAN=1 check-plain

# Install into a staging folder and use the installed tree as a user
# would (tests/install.sh); not under the sanitizers, whose runtime an
# installed library would need.
check-install: all
	sh tests/install.sh

bench: all
	OFS_BUILD=$(BUILD) OFS_SHARED=$(OFS_SHARED) sh bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/ofs \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)/ofsearch $(DESTDIR)$(DATADIR)/ofsearch/web $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/searcher $(DESTDIR)$(BINDIR)/$(INSTALL_SEARCHER)
	install -m 755 $(BUILD)/indexer $(DESTDIR)$(BINDIR)/$(INSTALL_INDEXER)
	install -m 755 $(LIBOFS_SO) $(DESTDIR)$(LIBDIR)/libofs.so.$(VERSION)
	ln -sf libofs.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libofs.so
	install -m 644 $(PUBLIC_H) $(DESTDIR)$(INCLUDEDIR)/ofs
	install -m 644 data/thesaurus.txt data/everyday.txt $(DESTDIR)$(DATADIR)/ofsearch
	install -m 644 docs/ofsearch.1 docs/ofsearch-index.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 docs/json.md docs/http.md README.md $(DESTDIR)$(DOCDIR)
	install -m 644 scripts/ofsearch.bash-completion $(DESTDIR)$(BASHCOMPDIR)/$(INSTALL_SEARCHER)
	ln -sf $(INSTALL_SEARCHER) $(DESTDIR)$(BASHCOMPDIR)/$(INSTALL_INDEXER)
	install -m 644 web/index.html web/app.js web/style.css $(DESTDIR)$(DATADIR)/ofsearch/web
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		ofsearch.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/ofsearch.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(INSTALL_SEARCHER) $(DESTDIR)$(BINDIR)/$(INSTALL_INDEXER) \
		$(DESTDIR)$(LIBDIR)/libofs.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
		$(DESTDIR)$(LIBDIR)/libofs.so $(DESTDIR)$(PKGCONFIGDIR)/ofsearch.pc \
		$(DESTDIR)$(MANDIR)/man1/ofsearch.1 $(DESTDIR)$(MANDIR)/man1/ofsearch-index.1 \
		$(DESTDIR)$(BASHCOMPDIR)/$(INSTALL_SEARCHER) $(DESTDIR)$(BASHCOMPDIR)/$(INSTALL_INDEXER)
	rm -rf $(DESTDIR)$(INCLUDEDIR)/ofs $(DESTDIR)$(DATADIR)/ofsearch $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- bench (begin) ----
# The benchmark harness (bench/README.md): small C programs that
# bench/run.sh drives.  The prerequisite line below adds to the
# `bench:` rule above, whose recipe runs bench/run.sh.
# fts5_bench needs sqlite3.h; without it bench/run.sh installs
# libsqlite3-dev and builds it, so `make bench` must not fail first.
BENCH_PROGS := $(BUILD)/bench/runproc $(BUILD)/bench/query_bench $(BUILD)/bench/serve_bench \
	$(if $(shell $(PKG_CONFIG) --exists sqlite3 && echo yes),$(BUILD)/bench/fts5_bench)
BENCH_UTIL_OBJ := $(OBJ)/bench/bench_util.o

bench: $(BENCH_PROGS)

$(BUILD)/bench/runproc: $(OBJ)/bench/runproc.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/bench/query_bench: $(OBJ)/bench/query_bench.o $(BENCH_UTIL_OBJ) $(LIBOFS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/bench/serve_bench: $(OBJ)/bench/serve_bench.o $(BENCH_UTIL_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lpthread -lm

$(BUILD)/bench/fts5_bench: $(OBJ)/bench/fts5_bench.o $(BENCH_UTIL_OBJ) $(LIBOFS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LIBS) -lsqlite3
# ---- bench (end) ----

# ---- fuzz (begin) ----
# libFuzzer harnesses (fuzz/README.md), built with clang into build-fuzz/:
# the library too, with -fsanitize=fuzzer-no-link so that the fuzzer sees
# its branches, and ASan and UBSan, so that memory errors and undefined
# behaviour are findings.  `make fuzz` runs each harness FUZZ_TIME
# seconds; `make fuzz-check` (part of `make check`) replays the seeds and
# every crash kept under fuzz/crashes/ and runs each harness briefly.
FUZZ_CC ?= clang
FUZZ_CXX ?= clang++
FUZZ_BUILD := build-fuzz
FUZZ_OBJ := $(FUZZ_BUILD)/obj
FUZZ_TIME ?= 300
FUZZ_CHECK_TIME ?= 10
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_CFLAGS := -O1 -g -std=c11 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	$(shell $(PKG_CONFIG) --cflags $(CORE_PKGS))
FUZZ_CXXFLAGS := -O1 -g -std=c++17 $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	$(shell $(PKG_CONFIG) --cflags xapian-core libutf8proc)
FUZZ_HARNESSES := $(basename $(notdir $(wildcard fuzz/fuzz_*.c)))
FUZZ_BIN := $(addprefix $(FUZZ_BUILD)/,$(FUZZ_HARNESSES))
FUZZ_CORE_OBJ := $(patsubst %,$(FUZZ_OBJ)/%.o,$(basename $(CORE_SRC)))
FUZZ_PDF_OBJ := $(patsubst %.c,$(FUZZ_OBJ)/%.o,$(PDF_SRC))
# Inputs go in as files or folders as libFuzzer takes them: -runs=0
# replays them and stops; a crash exits non-zero.
FUZZ_OPTS := -timeout=20 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1
FUZZ_HAVE := echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' | \
	$(FUZZ_CC) -fsanitize=fuzzer -x c -o /dev/null - 2>/dev/null

.PHONY: fuzz fuzz-build fuzz-check fuzz-run-check
check: fuzz-check

$(FUZZ_OBJ)/fuzz/%.o: fuzz/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -DOFS_FUZZ_SRCDIR='"$(CURDIR)"' $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_OBJ)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(CPPFLAGS) $(FUZZ_CXXFLAGS) -MMD -MP -c -o $@ $<

# Linked by clang++ for UBSan's C++ runtime (the Xapian wrapper); only
# the PDF harness needs MuPDF.
$(FUZZ_BUILD)/fuzz_pdf: FUZZ_EXTRA = $(PDF_LIBS)
$(FUZZ_BUILD)/fuzz_pdf: $(FUZZ_PDF_OBJ)
$(FUZZ_BUILD)/fuzz_%: $(FUZZ_OBJ)/fuzz/fuzz_%.o $(FUZZ_OBJ)/fuzz/util_fuzz.o $(FUZZ_CORE_OBJ)
	$(FUZZ_CXX) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $(filter %.o,$^) $(FUZZ_EXTRA) \
		$(CORE_LIBS)

# The PDF harness's seeds, written from page descriptions in
# fuzz/pdf-pages/ by mutool (mupdf-tools), so that no PDF is committed.
FUZZ_PDF_SEEDS := $(FUZZ_BUILD)/seeds/fuzz_pdf/two-pages.pdf $(FUZZ_BUILD)/seeds/fuzz_pdf/one-page.pdf

$(FUZZ_BUILD)/seeds/fuzz_pdf/two-pages.pdf: fuzz/pdf-pages/p1.txt fuzz/pdf-pages/p2.txt
	@mkdir -p $(dir $@)
	mutool create -O decompress -o $@ $^

$(FUZZ_BUILD)/seeds/fuzz_pdf/one-page.pdf: fuzz/pdf-pages/p2.txt
	@mkdir -p $(dir $@)
	mutool create -O decompress -o $@ $^

fuzz-build: $(FUZZ_BIN) $(FUZZ_PDF_SEEDS)

# A harness's seed folders (shell words, for $$h): committed, and built.
FUZZ_SEED_DIRS = $$(ls -d fuzz/seeds/$$h $(FUZZ_BUILD)/seeds/$$h 2>/dev/null)

# Each harness in turn (the machine is shared): new inputs it finds go to
# build-fuzz/corpus/<harness>, crashes to fuzz/crashes/<harness>/.
fuzz:
	@if ! $(FUZZ_HAVE); then echo "fuzz: $(FUZZ_CC) with libFuzzer not found, skipped (scripts/install-deps.sh installs it)"; \
	else $(MAKE) fuzz-build && for h in $(FUZZ_HARNESSES); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$h fuzz/crashes/$$h && \
		$(FUZZ_BUILD)/$$h $(FUZZ_OPTS) -max_total_time=$(FUZZ_TIME) \
			-artifact_prefix=fuzz/crashes/$$h/ $(FUZZ_BUILD)/corpus/$$h $(FUZZ_SEED_DIRS) \
			2>&1 | tee $(FUZZ_BUILD)/$$h.log | grep -E '^(#[0-9]+.*DONE|Done|stat::|==)' ; \
	done; fi

fuzz-check:
	@if ! $(FUZZ_HAVE); then echo "fuzz-check: $(FUZZ_CC) with libFuzzer not found, skipped (scripts/install-deps.sh installs it)"; \
	else $(MAKE) fuzz-run-check; fi

fuzz-run-check: $(FUZZ_BIN) $(FUZZ_PDF_SEEDS)
	@set -e; for h in $(FUZZ_HARNESSES); do \
		echo "fuzz-check: $$h: seeds and crashes"; \
		$(FUZZ_BUILD)/$$h $(FUZZ_OPTS) -runs=0 $(FUZZ_SEED_DIRS) \
			$$(ls -d fuzz/crashes/$$h 2>/dev/null) > $(FUZZ_BUILD)/$$h.check.log 2>&1 || \
			{ tail -n 40 $(FUZZ_BUILD)/$$h.check.log; exit 1; }; \
		echo "fuzz-check: $$h: $(FUZZ_CHECK_TIME) s"; \
		mkdir -p $(FUZZ_BUILD)/corpus/$$h; \
		$(FUZZ_BUILD)/$$h $(FUZZ_OPTS) -max_total_time=$(FUZZ_CHECK_TIME) \
			-artifact_prefix=$(FUZZ_BUILD)/crash-$$h- $(FUZZ_BUILD)/corpus/$$h $(FUZZ_SEED_DIRS) \
			> $(FUZZ_BUILD)/$$h.check.log 2>&1 || \
			{ tail -n 40 $(FUZZ_BUILD)/$$h.check.log; exit 1; }; \
		grep -E '^stat::number_of_executed_units' $(FUZZ_BUILD)/$$h.check.log; \
	done

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
# ---- fuzz (end) ----
