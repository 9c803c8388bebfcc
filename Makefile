# arxivpipe: a toolkit of small C programs for arXiv digests.
#
#   make            build bin/arxiv-*
#   make demo       install what is missing, build, run the offline demo
#   make test       install what is missing, build, run every test
#                   (plain, then under ASan+UBSan)
#   make bench      benchmarks, side by side with their baselines
#   make fuzz       build the libFuzzer targets and run each briefly
#   make docs       docs/schema.md from man/arxivpipe.5
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man

CC	?= cc
PKG_CONFIG ?= pkg-config
PKGS	= libcurl libxml-2.0 libpcre2-8 json-c libcmark-gfm poppler-glib

# O: where objects go; B: where programs go.  SAN=1 builds the sanitized
# variant in its own tree so both can exist side by side.
ifeq ($(SAN),1)
O	?= build/san
B	?= build/san/bin
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
else
O	?= build/obj
B	?= bin
SANFLAGS =
endif

WARN	= -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wold-style-definition -Wpointer-arith \
	  -Wcast-qual -Wwrite-strings -Wformat=2 -Wundef -Wvla \
	  -Wimplicit-fallthrough
# -Werror only where the compiler is known (CI sets CI=true): a newer
# compiler on a user's machine must not break the build with a new warning.
ifneq ($(or $(filter 1,$(WERROR)),$(filter true 1,$(CI))),)
WARN	+= -Werror
endif
CFLAGS	?= -O2 -g
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# libcurl and poppler-glib are compiled against, not linked: lib/net/http.c
# loads curl for the first transfer, lib/parse/pdf.c poppler for the first
# PDF, so the runs that need neither do not pay for their libraries.
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(filter-out libcurl poppler-glib,$(PKGS)) 2>/dev/null)
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	     $(WARN) $(SANFLAGS) $(LIB_DIRS:%=-I%) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS	= $(PKG_LIBS) -lm

# Quiet rules ("CC lib/x.c"); V=1 shows the commands.
ifeq ($(V),1)
Q	=
say	= @true
else
Q	= @
say	= @printf '  %-6s %s\n'
endif
JOBS	?= -j$(shell nproc 2>/dev/null || echo 2)

STAGES	= fetch parse score summarize render
PROGS	= $(STAGES:%=$(B)/arxiv-%)
DRIVER	= $(B)/arxivpipe-daily
# lib/ has one folder per stage (core, net, fetch, parse, score,
# summarize, render); see docs/hacking.md for the module map.
LIB_DIRS = $(sort $(dir $(wildcard lib/*/*.h)))
LIB_HDR	= $(wildcard lib/*/*.h)
LIB_SRC	= $(wildcard lib/*/*.c)
LIB_OBJ	= $(LIB_SRC:lib/%.c=$(O)/lib/%.o)
LIB_A	= $(O)/libarxivpipe.a
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS	= $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
MAN1	= $(STAGES:%=man/arxiv-%.1) man/arxivpipe-daily.1
MAN5	= $(wildcard man/*.5)

.PHONY: all deps demo docs test check unit bench fuzz install uninstall clean
.SUFFIXES:

all: $(PROGS) $(DRIVER)

# The daily driver is a shell script over the five programs.
$(DRIVER): cmd/daily/arxivpipe-daily
	@mkdir -p $(@D)
	$(Q)cp $< $@
	$(Q)chmod 755 $@

$(O)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	$(say) AR $@
	$(Q)$(AR) rcs $@ $(LIB_OBJ)

$(O)/cmd/%.o: cmd/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# bin/arxiv-STAGE is linked from cmd/STAGE/STAGE.c and the library.
$(foreach s,$(STAGES),$(eval $(B)/arxiv-$(s): $(O)/cmd/$(s)/$(s).o $(LIB_A)))
$(PROGS):
	@mkdir -p $(@D)
	$(say) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB_A) $(LIBS)

$(O)/tests/%: tests/unit/%.c $(LIB_A)
	@mkdir -p $(@D)
	$(say) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) -DSRCDIR=\"$(CURDIR)\" $(ALL_LDFLAGS) -o $@ $< $(LIB_A) $(LIBS) \
	    $$($(PKG_CONFIG) --cflags --libs cmocka)

unit: $(UNITS)

# Debian packages the build, tests and benchmarks need; only the missing
# ones are installed (as root), so a second run is quick and offline.
deps:
	@sh scripts/deps.sh

# Sub-makes re-read this file after deps, so pkg-config sees new packages.
demo: deps
	@$(MAKE) --no-print-directory $(JOBS) all
	@sh scripts/demo.sh

test: deps
	@$(MAKE) --no-print-directory $(JOBS) all unit
	@$(MAKE) --no-print-directory $(JOBS) SAN=1 all unit
	@sh tests/run.sh

check: test

bench: deps
	@$(MAKE) --no-print-directory $(JOBS) all
	@sh bench/run.sh

fuzz: deps
	@sh tests/fuzz/run.sh

# docs/schema.md is generated from arxivpipe(5), the one statement of the
# record contract (tests/scripts/manpages.sh checks it is up to date).
docs: docs/schema.md
docs/schema.md: man/arxivpipe.5
	@sh scripts/schema-md.sh >$@.tmp && mv $@.tmp $@

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(PROGS) $(DRIVER) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5

uninstall:
	rm -f $(STAGES:%=$(DESTDIR)$(BINDIR)/arxiv-%) \
	    $(DESTDIR)$(BINDIR)/arxivpipe-daily
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)

clean:
	rm -rf build bin out
