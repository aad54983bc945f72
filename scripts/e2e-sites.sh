#!/usr/bin/env bash
# Builds the indexes the end-to-end tests serve beside the app (tests/server.mjs --sites):
# each one made by `folio build` from a fixture, as a site owner would make it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fixtures=crates/folio-cli/tests/fixtures
out=target/e2e-sites
cargo build --quiet --locked -p folio-cli
folio="${CARGO_TARGET_DIR:-target}/debug/folio"
rm -rf "$out"
"$folio" build "$fixtures/wordpress.xml" --split-bodies -o "$out/wordpress"
"$folio" build "$fixtures/hugo" -o "$out/hugo"
"$folio" build "$fixtures/jekyll" -o "$out/jekyll"
"$folio" build "$fixtures/rss.xml" "$fixtures/atom.xml" -o "$out/feeds"
for site in "$out"/*/; do "$folio" check --quiet "${site%/}/posts.json" || [ $? -eq 1 ]; done
