# Folio's interface. Every target installs what it needs first (scripts/setup.sh, which
# does nothing when everything is already there).
#
#   make serve   build a release and serve it at http://$(HOST):$(PORT)/
#   make test    fmt, clippy, native, wasm and end-to-end tests, with a summary
#   make dist    release build into dist/ (PUBLIC_URL=/sub/path/ to serve under a path)
#   make fuzz    run every fuzz target for FUZZ_SECONDS (default 60) with cargo-fuzz
#   make bench   bundle sizes, the reader's figures, folio build on a 100k-post export, the sharded index

HOST ?= 127.0.0.1
PORT ?= 8080
PUBLIC_URL ?= /

.PHONY: setup serve test dist bench fuzz clean

setup:
	@bash scripts/setup.sh

dist: setup
	@PUBLIC_URL=$(PUBLIC_URL) DIST_DIR=dist bash scripts/dist.sh

serve: dist
	@node tests/server.mjs --dir dist --base $(PUBLIC_URL) --host $(HOST) --port $(PORT)

test:
	@bash scripts/test.sh

bench: dist
	@node scripts/bench.mjs dist
	@cargo build --release --locked -p folio-cli
	@node scripts/bench-cli.mjs
	@node scripts/bench-sharded.mjs dist
	@node scripts/bench-pagefind.mjs
	@node scripts/bench-pages.mjs
	@cargo run --profile native --locked -q -p folio-core --example hostile_timing

fuzz:
	@bash scripts/fuzz.sh

clean:
	rm -rf dist dist-blog target/test-logs
