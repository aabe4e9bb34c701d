# ofsearch: search Ofsted children's services inspection reports.
# One non-recursive Makefile.  `make` builds both programs, `make check`
# runs the tests (plainly, then under ASan and UBSan), `make bench` runs
# the benchmark harness, `make install` honours PREFIX and DESTDIR.

VERSION := 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
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
	-DOFS_DATADIR='"$(DATADIR)/ofsearch"'
CFLAGS ?= $(OPT)
CFLAGS += -std=c11 $(WARN) $(SANFLAGS) $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS))
CXXFLAGS ?= $(OPT)
CXXFLAGS += -std=c++17 $(WARN) $(SANFLAGS) $(shell $(PKG_CONFIG) --cflags xapian-core)
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
LIBOFS_SERVE := $(BUILD)/libofs-serve.a
SERVE_LIBS := $(shell $(PKG_CONFIG) --libs libmicrohttpd) -lpthread

INDEXER_SRC := $(wildcard indexer/*.c)
SEARCHER_SRC := $(wildcard searcher/*.c)
TEST_SRC := $(wildcard tests/check_*.c)
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
TEST_UTIL_OBJ := $(patsubst %.c,$(OBJ)/%.o,$(wildcard tests/util_*.c))
BENCH_SRC := $(wildcard bench/*.c)

PROGRAMS := $(BUILD)/indexer $(BUILD)/searcher

.SECONDARY:
.PHONY: all demo check check-plain check-san bench install uninstall clean
all: $(PROGRAMS)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(OBJ)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -MMD -MP -c -o $@ $<

$(LIBOFS): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

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

check-san:
	$(MAKE) SAN=1 check-plain

bench: all
	OFS_BUILD=$(BUILD) OFS_SHARED=$(OFS_SHARED) sh bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/ofs \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)/ofsearch/web
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)
	install -m 644 $(LIBOFS) $(LIBOFS_PDF) $(LIBOFS_SERVE) $(DESTDIR)$(LIBDIR)
	install -m 644 include/ofs/*.h $(DESTDIR)$(INCLUDEDIR)/ofs
	install -m 644 data/thesaurus.txt data/everyday.txt $(DESTDIR)$(DATADIR)/ofsearch
	install -m 644 web/index.html web/app.js web/style.css $(DESTDIR)$(DATADIR)/ofsearch/web
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		ofsearch.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/ofsearch.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/indexer $(DESTDIR)$(BINDIR)/searcher \
		$(DESTDIR)$(LIBDIR)/libofs.a $(DESTDIR)$(LIBDIR)/libofs-pdf.a \
		$(DESTDIR)$(LIBDIR)/libofs-serve.a \
		$(DESTDIR)$(PKGCONFIGDIR)/ofsearch.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/ofs $(DESTDIR)$(DATADIR)/ofsearch

clean:
	rm -rf build build-san

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
