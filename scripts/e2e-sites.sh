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
# Static pages (folio build --pages) over the sample, with the app's index.html as the
# shell they load the app from, as `make dist` then `folio build --pages -o dist` makes.
# The same under /blog/, from dist-blog's shell, for the subpath server.
port=${FOLIO_E2E_PORT:-4173}
mkdir -p "$out/pages" "$out/pages-blog"
cp dist/index.html "$out/pages/index.html"
"$folio" build sample --authors sample/authors.toml --pages --public-url "http://127.0.0.1:$port/" --quiet -o "$out/pages"
if [ -f dist-blog/index.html ]; then
  cp dist-blog/index.html "$out/pages-blog/index.html"
  "$folio" build sample --authors sample/authors.toml --pages --public-url "http://127.0.0.1:$((port + 1))/blog/" --quiet -o "$out/pages-blog"
fi
# Sharded indexes (served under __sharded/NAME/ when a test asks for the sharded form):
# fixtures whose specs also run against it, and a 10,000-post archive for the request
# and byte budgets.
for name in hostile persian reading; do
  "$folio" build "tests/fixtures/$name.json" --sharded --quiet -o "$out/sharded/$name"
done
# The reading fixture's index again, its manifest saved with a UTF-8 byte-order mark, as
# an editor on the publisher's side may write it.
"$folio" build tests/fixtures/reading.json --sharded --quiet -o "$out/sharded/bom"
printf '\357\273\277' | cat - "$out/sharded/bom/index/manifest.json" > "$out/sharded/bom/manifest.tmp"
mv "$out/sharded/bom/manifest.tmp" "$out/sharded/bom/index/manifest.json"
node scripts/gen-feed.mjs 10000 "$out/feed-10k.json"
"$folio" build "$out/feed-10k.json" --sharded --quiet -o "$out/sharded/big"
rm "$out/feed-10k.json"
for site in "$out"/*/; do
  [ "$site" = "$out/sharded/" ] && continue
  "$folio" check --quiet "${site%/}/posts.json" || [ $? -eq 1 ]
done
