# Casebook: `make run` opens the application on a demo database; `make test` runs every test.
SWIFT ?= swift
DEMO_DB ?= demo.db
DEMO_CLIENTS ?= 2000
BENCH_DB ?= .build/bench.db
BENCH_CLIENTS ?= 100000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE := .build/release/casebook

.PHONY: all deps test-deps build run test bench format clean

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

# What the end-to-end tests drive: the sqlite3 shell and tmux.
test-deps: deps
	@if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v tmux >/dev/null 2>&1; then \
		echo "Installing sqlite3 and tmux for the tests..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq sqlite3 tmux; \
	fi

build: deps
	$(SWIFT) build -c release

run: build
	@if [ ! -f "$(DEMO_DB)" ]; then $(RELEASE) demo --db "$(DEMO_DB)" --clients $(DEMO_CLIENTS); fi
	$(RELEASE) --db "$(DEMO_DB)"

test: test-deps
	$(SWIFT) build
	$(SWIFT) test

bench: build
	@if [ ! -f "$(BENCH_DB)" ]; then $(RELEASE) demo --db "$(BENCH_DB)" --clients $(BENCH_CLIENTS); fi
	$(RELEASE) bench --db "$(BENCH_DB)"

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
